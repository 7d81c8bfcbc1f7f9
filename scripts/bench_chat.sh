#!/usr/bin/env bash
# Chat load benchmark (prints numbers; not a test).
#
# Starts its own three-server cluster (port offsets 220-222: HTTP 8300-8302, UDP 8240-8242) in its own runtime dir
# (runtime/bench-chat/cluster3), so a hand-started cluster keeps running, and runs the load generator
# (org.syncnet.bench.ChatBench, under src/bench/java) against it:
#   warmup      a short run at the fixed rate (the servers' JIT), not judged
#   rate        BENCH_CLIENTS clients spread over the servers, BENCH_SENDERS of them sending BENCH_RATE msg/s
#               (aggregate, open-loop) for BENCH_SECONDS; all in one room, so every message goes to every client
#   saturation  the same clients, closed loop: each sender keeps W messages unconfirmed, one run for each W in
#               BENCH_SAT_WINDOWS; each cluster's best run is its saturation (a window too small for a cluster leaves
#               it waiting on its own latency)
#   kill@RATE   for each rate in BENCH_KILL_RATES: the leader's JVM is killed with SIGKILL BENCH_KILL_AT seconds in;
#               its clients reconnect to a survivor (same session, resumeFrom) and resend their unconfirmed
#               messages; the killed server is started again (and the cluster settles) before the next one
# then the same (warmup, rate, saturation) against a single-member cluster (quorum 1, offset 225: HTTP 8305) as the
# baseline, and prints one table. Everything it started is stopped at the end, also on failure or Ctrl-C.
# With BENCH_TLS=1 the clients connect with wss:// to the servers' HTTPS ports (8443 + the port offset: 8663-8665 and
# 8668), trusting each cluster's own key store; the leader kill still asks the REST view over plain HTTP.
#
#   SKIP_BUILD=1          do not build (needs target/syncnet.war, target/server and target/test-classes)
#   BENCH_CLIENTS=30 BENCH_SENDERS=10 BENCH_RATE=1000 BENCH_SECONDS=15 BENCH_WARMUP=3 (s excluded from deliveries/s)
#   BENCH_SAT_WINDOWS="20 60"   unconfirmed messages per sender, a saturation run for each
#   BENCH_KILL_AT=8 BENCH_KILL_SECONDS=25 BENCH_KILL_RATES="$BENCH_RATE 300"
#   BENCH_DRAIN=30        seconds to wait after the send phase for every client to have every message
#   BENCH_SCENARIOS="rate saturation kill"   BENCH_BASELINE=1 (0: no single-member run)
#   BENCH_TLS=0           1: wss:// (the servers' key store: SYNCNET_TLS_KEYSTORE, else the self-signed one
#                         start_all_servers.sh makes in runtime/bench-chat/<cluster>)
#   BENCH_JAVA_OPTS       flags of the load generator's JVM (default: C1 only, which costs the least CPU in runs of this
#                         length, and a young generation of 1.2 GB whose survivors go straight to the old one: the
#                         generator measures latency, so its own GC pauses must not add to it)
#   SYNCNET_CLUSTER_*     passed through to the servers (e.g. SYNCNET_CLUSTER_FAILURE_TIMEOUT=0.6s)
#   SYNCNET_CHAT_RATE_PER_SECOND=10000 SYNCNET_CHAT_RATE_BURST=10000: the servers' per-connection rate limit, raised
#                         for the benchmark (the default 5/s would cap 10 senders at 50 msg/s)
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_RUNTIME_DIR:-$ROOT/runtime/bench-chat}"
export SYNCNET_RUNTIME_DIR="$BENCH_DIR"
unset SYNCNET_CLUSTER_MEMBERS SYNCNET_SERVERS SYNCNET_PORT_OFFSET_BASE
. "$ROOT/scripts/lib.sh"

sn_bench_setup
sn_bench_tls_setting
TRUST_STORE="" TRUST_PASSWORD=""
KILL_AT=${BENCH_KILL_AT:-8}
KILL_SECONDS=${BENCH_KILL_SECONDS:-25}
KILL_RATES=${BENCH_KILL_RATES:-$RATE 300}
SCENARIOS=${BENCH_SCENARIOS:-rate saturation kill}
SAT_WINDOWS=${BENCH_SAT_WINDOWS:-20 60}
BASELINE=${BENCH_BASELINE:-1}
JAVA_OPTS_BENCH=${BENCH_JAVA_OPTS:--Xms2g -Xmx2g -Xmn1200m -XX:+UseG1GC -XX:MaxTenuringThreshold=0 -XX:TieredStopAtLevel=1}
export SYNCNET_CHAT_RATE_PER_SECOND=${SYNCNET_CHAT_RATE_PER_SECOND:-10000}
export SYNCNET_CHAT_RATE_BURST=${SYNCNET_CHAT_RATE_BURST:-10000}
OFFSET3=220
OFFSET1=225
# Target on a 2-core machine (issue item 7; the p99 target is in sn_bench_setup).
SAT_RATIO_TARGET=0.7

# Runs a lib.sh-based script against one of the benchmark's clusters: cluster3 or single.
with_cluster() {
    local which=$1; shift
    if [[ $which == cluster3 ]]; then
        SYNCNET_RUNTIME_DIR="$BENCH_DIR/cluster3" SYNCNET_SERVERS=3 SYNCNET_PORT_OFFSET_BASE=$OFFSET3 "$@"
    else
        SYNCNET_RUNTIME_DIR="$BENCH_DIR/single" SYNCNET_SERVERS=1 SYNCNET_PORT_OFFSET_BASE=$OFFSET1 \
            SYNCNET_CLUSTER_QUORUM=1 "$@"
    fi
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    echo
    echo "Stopping the benchmark's servers ..."
    with_cluster cluster3 "$SN_ROOT/scripts/stop_all_servers.sh" >"$OUT/stop.cluster3.log" 2>&1 || cat "$OUT/stop.cluster3.log"
    with_cluster single "$SN_ROOT/scripts/stop_all_servers.sh" >"$OUT/stop.single.log" 2>&1 || cat "$OUT/stop.single.log"
    exit "$rc"
}
trap cleanup EXIT
trap 'echo; echo "Interrupted."; exit 130' INT TERM

# ---------------------------------------------------------------------------------------------- build
sn_bench_classpath ChatBench

# ---------------------------------------------------------------------------------------------- runs
RESULTS=()   # "cluster|RESULT line"

servers_arg() { # offset count
    local base=$1 count=$2 n list=""
    for n in $(seq 1 "$count"); do
        list+="${list:+,}server$n=http://$SN_HOST:$(( 8080 + base + n - 1 ))/syncnet"
    done
    echo "$list"
}

# The chat endpoints over TLS: wss:// on the HTTPS ports (8443 + the port offset).
wss_arg() { # offset count
    local base=$1 count=$2 n list=""
    for n in $(seq 1 "$count"); do
        list+="${list:+,}wss://$SN_HOST:$(( 8443 + base + n - 1 ))/syncnet/chat"
    done
    echo "$list"
}

# bench CLUSTER SCENARIO ARGS...: runs the load generator, shows its output, keeps its RESULT line. The log is
# $OUT/CLUSTER.LOG_NAME.log (default: the scenario).
bench() {
    local cluster=$1 scenario=$2 servers log line tls_args=()
    shift 2
    if [[ $cluster == cluster3 ]]; then servers=$(servers_arg $OFFSET3 3); else servers=$(servers_arg $OFFSET1 1); fi
    if (( TLS )); then
        sn_bench_trust_store "$BENCH_DIR/$cluster"
        tls_args=("--tls-trust-store=$TRUST_STORE")
        if [[ $cluster == cluster3 ]]; then tls_args+=("--chat-urls=$(wss_arg $OFFSET3 3)"); else tls_args+=("--chat-urls=$(wss_arg $OFFSET1 1)"); fi
    fi
    # --runtime-dir: the servers' PID files, for the CPU accounting and the leader kill
    log="$OUT/$cluster.${LOG_NAME:-$scenario}.log"
    echo
    # the key store's password in the generator's environment, not on a command line (ps)
    # shellcheck disable=SC2086
    BENCH_TRUST_STORE_PASSWORD=$TRUST_PASSWORD java $JAVA_OPTS_BENCH -cp "$CP" org.syncnet.bench.ChatBench --scenario="$scenario" --servers="$servers" \
        --clients="$CLIENTS" --senders="$SENDERS" --warmup="$WARMUP" --drain="$DRAIN" \
        --runtime-dir="$BENCH_DIR/$cluster" "${tls_args[@]}" "$@" 2>&1 | tee "$log"
    line=$(grep '^RESULT ' "$log" | tail -1)
    if [[ -n $line ]]; then
        RESULTS+=("$cluster|$line")
    else
        RESULTS+=("$cluster|RESULT scenario=$scenario FAILED=1")
        sn_warn "$cluster $scenario: no result (see $log)"
    fi
}

start_cluster() {
    local cluster=$1
    echo
    echo "=== starting $cluster ==="
    if ! with_cluster "$cluster" env SKIP_BUILD=1 "$SN_ROOT/scripts/start_all_servers.sh" >"$OUT/start.$cluster.log" 2>&1; then
        cat "$OUT/start.$cluster.log" >&2
        sn_die "could not start $cluster (logs: $BENCH_DIR/$cluster/serverN/log)"
    fi
    grep -E 'ready in|Leader:' "$OUT/start.$cluster.log"
}

# Starts the servers of CLUSTER that are down (the one a kill scenario killed) and waits until all name the highest
# one leader again (it takes over after its stability period), so the next kill hits the usual leader.
restart_dead() {
    local cluster=$1 n
    for n in 1 2 3; do
        if [[ -z "$(with_cluster "$cluster" bash -c '. "$0/scripts/lib.sh"; sn_pid "$1"' "$SN_ROOT" "$n")" ]]; then
            echo "restarting server$n of $cluster ..."
            with_cluster "$cluster" "$SN_ROOT/scripts/start_server.sh" "$n" >"$OUT/restart.$cluster.$n.log" 2>&1 \
                || { cat "$OUT/restart.$cluster.$n.log" >&2; sn_die "could not restart server$n of $cluster"; }
            with_cluster "$cluster" bash -c '. "$0/scripts/lib.sh"; d=$(( $(sn_now_ms) + 60000 ))
                until sn_all_name "$(sn_highest)" || (( $(sn_now_ms) > d )); do sleep 0.2; done' "$SN_ROOT"
        fi
    done
}

run_cluster() {
    local cluster=$1 s
    start_cluster "$cluster"
    bench "$cluster" warmup --rate="$RATE" --seconds=5 --warmup=1
    for s in $SCENARIOS; do
        case $s in
            rate) bench "$cluster" rate --rate="$RATE" --seconds="$SECONDS_RUN" ;;
            saturation)
                local w
                for w in $SAT_WINDOWS; do
                    LOG_NAME=saturation-w$w bench "$cluster" saturation --window="$w" --seconds="$SECONDS_RUN"
                done ;;
            kill)
                [[ $cluster == cluster3 ]] || continue
                local r
                for r in $KILL_RATES; do
                    restart_dead "$cluster"
                    bench "$cluster" "kill@$r" --rate="$r" --seconds="$KILL_SECONDS" --kill-at="$KILL_AT"
                done ;;
            *) sn_warn "unknown scenario '$s' (rate, saturation, kill)" ;;
        esac
    done
    with_cluster "$cluster" "$SN_ROOT/scripts/stop_all_servers.sh" >"$OUT/stop.$cluster.log" 2>&1 || cat "$OUT/stop.$cluster.log"
}

run_cluster cluster3
(( BASELINE )) && run_cluster single

# ---------------------------------------------------------------------------------------------- table

# The larger of two deliveries/s ("" or "-": none).
larger_of() { awk -v a="$1" -v b="$2" 'BEGIN { if (a !~ /^[0-9]+$/ || (b ~ /^[0-9]+$/ && b + 0 > a + 0)) a = b; print a }'; }

echo
echo "=================================================== results ==================================================="
printf '%-9s %-11s %8s %7s %9s %7s %7s %8s %8s %5s %5s %8s %6s %7s  %s\n' cluster scenario offered sent "deliv/s" "p50 ms" \
    "p99 ms" "max ms" "p99 all" lost dup disorder reconn "gap ms" verdict
sat3="" sat1=""
for r in "${RESULTS[@]}"; do
    cluster=${r%%|*} line=${r#*|}
    scenario=$(sn_field "$line" scenario)
    lost=$(sn_field "$line" lost) dup=$(sn_field "$line" dup) dupl=$(sn_field "$line" dup_logged) dis=$(sn_field "$line" disorder)
    p99=$(sn_field "$line" p99_ms) dps=$(sn_field "$line" deliveries_per_s)
    verdict=""
    if [[ $(sn_field "$line" FAILED) == 1 ]]; then
        verdict="FAILED (no result)"
    else
        clean=1
        [[ $lost == 0 && $dup == 0 && $dupl == 0 && $dis == 0 && $(sn_field "$line" nonincreasing) == 0 && $(sn_field "$line" conflicts) == 0 ]] || clean=0
        case $scenario in
            warmup) verdict="(not judged)" ;;
            rate)
                if (( clean )) && sn_le "$p99" "$P99_TARGET_MS"; then verdict="ok (p99 <= $P99_TARGET_MS, nothing lost)"
                else verdict="MISSED (p99 <= $P99_TARGET_MS ms and 0 lost/dup/disorder)"; fi ;;
            kill@*)
                if (( clean )) && [[ $(sn_field "$line" killed) != FAILED && $(sn_field "$line" killed) != - ]]; then verdict="ok (0 lost, 0 dup)"
                else verdict="MISSED (0 lost, 0 dup after killing $(sn_field "$line" killed))"; fi ;;
            saturation)
                if [[ $cluster == cluster3 ]]; then sat3=$(larger_of "$sat3" "$dps"); else sat1=$(larger_of "$sat1" "$dps"); fi
                if (( clean )); then verdict="see ratio below"; else verdict="see ratio below; NOT CLEAN"; fi ;;
        esac
    fi
    printf '%-9s %-11s %8s %7s %9s %7s %7s %8s %8s %5s %5s %8s %6s %7s  %s\n' "$cluster" "$scenario" "$(sn_field "$line" offered)" \
        "$(sn_field "$line" sent)" "$dps" "$(sn_field "$line" p50_ms)" "$p99" "$(sn_field "$line" max_ms)" \
        "$(sn_field "$line" p99_all_ms)" "$lost" "$dup" "$dis" \
        "$(sn_field "$line" reconnects)" "$(sn_field "$line" max_gap_ms)" "$verdict"
done
if [[ -n $sat3 && -n $sat1 && $sat1 != - && $sat3 != - && $sat1 != 0 ]]; then
    ratio=$(awk -v a="$sat3" -v b="$sat1" 'BEGIN { printf "%.2f", a / b }')
    ok=$(awk -v r="$ratio" -v t="$SAT_RATIO_TARGET" 'BEGIN { print (r >= t) ? "ok" : "MISSED" }')
    echo "saturation (each cluster's best of windows $SAT_WINDOWS): three servers $sat3 deliveries/s vs single-member"
    echo "baseline $sat1 = ${ratio}x (target >= ${SAT_RATIO_TARGET}x): $ok"
fi
echo "deliv/s: messages received by all clients per second after the ${WARMUP} s warm-up; latency: intended send time ->"
echo "each receiving client, of the messages due after the warm-up (p99 all: of the whole run, the generator's own"
echo "first second included); lost: messages missing at some client; dup: extra receipts; disorder: clients whose order"
echo "differs; gap: longest time no client received anything. $CLIENTS clients, $SENDERS senders."
if (( TLS )); then
    echo "TLS: on (wss:// to the HTTPS ports, $(( 8443 + OFFSET3 ))-$(( 8443 + OFFSET3 + 2 ))$( (( BASELINE )) && echo " and $(( 8443 + OFFSET1 )) for the baseline"))"
else
    echo "TLS: off (ws:// to the HTTP ports; BENCH_TLS=1 for wss://)"
fi
echo "Machine: $(nproc 2>/dev/null || echo '?') CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null). Logs: $OUT, $BENCH_DIR/*/serverN/log"
