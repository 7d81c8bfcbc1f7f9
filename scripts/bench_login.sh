#!/usr/bin/env bash
# Password check benchmark (prints numbers; not a test): what one login with a password costs a server.
#
# Runs org.syncnet.bench.LoginBench (under src/bench/java) against the servers' own PasswordCredential (PBKDF2-HMAC-
# SHA256, as SCRAM-SHA-256 stores it) from target/classes, in two JVMs one after the other:
#   servers   the flags scripts/lib.sh starts the servers with (SYNCNET_JVM_OPTS, else its defaults: C1 only, G1...)
#   c2        the JVM's own defaults (C1 and C2), for comparison
# Each times PasswordCredential.matches (a login) and PasswordCredential.of (a new password's credential) on one
# thread after a warm-up, and prints the median and p90 per check (wall and CPU time) and the checks per second one
# core sustains. No server is started. Run it on an otherwise quiet machine.
#
#   SKIP_BUILD=1              do not run 'mvn -o -q compile' (needs target/classes)
#   BENCH_ITERATIONS          PBKDF2 iterations (default: syncnet.accounts.hash-iterations as the servers would read it
#                             from SYNCNET_ACCOUNTS_HASH_ITERATIONS, else its default, 100,000)
#   BENCH_CHECKS=20           timed checks per JVM
#   BENCH_LOGIN_WARMUP=3      seconds of warm-up per JVM (at least three calls of each)
#   BENCH_JVMS="servers c2"   which JVMs to run
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_RUNTIME_DIR:-$ROOT/runtime/bench-login}"
export SYNCNET_RUNTIME_DIR="$BENCH_DIR"
. "$ROOT/scripts/lib.sh"

CHECKS=${BENCH_CHECKS:-20}
WARMUP=${BENCH_LOGIN_WARMUP:-3}
JVMS=${BENCH_JVMS:-servers c2}
ITERATIONS=${BENCH_ITERATIONS:-${SYNCNET_ACCOUNTS_HASH_ITERATIONS:-}}
SERVER_FLAGS=${SYNCNET_JVM_OPTS:-$SN_DEFAULT_JVM_OPTS}
OUT="$BENCH_DIR/out"
CLASSES="$BENCH_DIR/classes"
SRC="$SN_ROOT/src/bench/java/org/syncnet/bench"
mkdir -p "$OUT" "$CLASSES"
command -v java >/dev/null 2>&1 || sn_die "java is not on the PATH"

# ---------------------------------------------------------------------------------------------- build
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    (cd "$SN_ROOT" && mvn -B -o -q compile) >"$OUT/build.log" 2>&1 \
        || { tail -n 40 "$OUT/build.log" >&2; sn_die "the build failed (mvn -o -q compile; full output: $OUT/build.log)"; }
fi
[[ -f "$SN_ROOT/target/classes/org/syncnet/chat/PasswordCredential.class" ]] \
    || sn_die "target/classes has no PasswordCredential; run 'mvn -o -q compile' or drop SKIP_BUILD=1"
# Only the benchmark and the argument reader it shares, against the main classes: no test classpath needed.
if [[ ! -f "$CLASSES/org/syncnet/bench/LoginBench.class" || "$SRC/LoginBench.java" -nt "$CLASSES/org/syncnet/bench/LoginBench.class"
      || "$SRC/BenchArgs.java" -nt "$CLASSES/org/syncnet/bench/LoginBench.class" ]]; then
    javac -nowarn -d "$CLASSES" -cp "$SN_ROOT/target/classes" "$SRC/LoginBench.java" "$SRC/BenchArgs.java" \
        || sn_die "could not compile $SRC/LoginBench.java"
fi
CP="$CLASSES:$SN_ROOT/target/classes"

# ---------------------------------------------------------------------------------------------- runs
RESULTS=()   # "jvm|flags|RESULT line"
args=(--checks="$CHECKS" --warmup-seconds="$WARMUP")
[[ -n $ITERATIONS ]] && args+=(--iterations="$ITERATIONS")

for jvm in $JVMS; do
    case $jvm in
        servers) flags=$SERVER_FLAGS ;;
        c2) flags="" ;;
        *) sn_warn "unknown JVM '$jvm' (servers, c2)"; continue ;;
    esac
    log="$OUT/$jvm.log"
    echo
    echo "=== $jvm: java ${flags:-(no flags)} ==="
    # shellcheck disable=SC2086
    java $flags -cp "$CP" org.syncnet.bench.LoginBench --label="$jvm" "${args[@]}" 2>&1 | tee "$log"
    line=$(grep '^RESULT ' "$log" | tail -1)
    if [[ -n $line ]]; then
        RESULTS+=("$jvm|${flags:-(JVM defaults)}|$line")
    else
        sn_warn "$jvm: no result (see $log)"
    fi
done

# ---------------------------------------------------------------------------------------------- table
((${#RESULTS[@]})) || sn_die "no results"
first=${RESULTS[0]##*|}
echo
echo "================================ password check (PBKDF2-HMAC-SHA256, $(sn_field "$first" iterations) iterations) ================================"
printf '  %-8s %-22s %-22s %-20s %s\n' jvm "login wall p50 / p90" "login CPU p50 / p90" "new credential CPU" "checks/s on one core"
for r in "${RESULTS[@]}"; do
    jvm=${r%%|*} line=${r##*|}
    printf '  %-8s %-22s %-22s %-20s %s\n' "$jvm" \
        "$(sn_field "$line" match_wall_p50_ms) / $(sn_field "$line" match_wall_p90_ms) ms" \
        "$(sn_field "$line" match_cpu_p50_ms) / $(sn_field "$line" match_cpu_p90_ms) ms" \
        "$(sn_field "$line" of_cpu_p50_ms) ms" "$(sn_field "$line" checks_per_s_core)"
done
for r in "${RESULTS[@]}"; do
    rest=${r#*|}
    echo "  $(printf '%-8s' "${r%%|*}") flags: ${rest%%|*}"
done
echo "$CHECKS timed checks per JVM (right and wrong passwords alternating) after a ${WARMUP} s warm-up, on one thread;"
echo "checks/s on one core: 1000 / the median CPU ms of a login check (wall time also holds what else ran)."
echo "Machine: $(nproc 2>/dev/null || echo '?') CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null). Logs: $OUT"
