#!/usr/bin/env bash
# IRC load benchmark (prints numbers; not a test): SyncNet's IRC door against Debian's ngircd as a reference.
#
# 1. Starts its own three-server SyncNet cluster (port offsets 230-232: HTTP 8310-8312, UDP 8250-8252, IRC 8230-8232)
#    in its own runtime dir (runtime/bench-irc/cluster3), with the IRC flood limit lifted, and runs the load
#    generator (org.syncnet.bench.IrcBench, under src/bench/java) against its IRC ports:
#      warmup      a short run at the fixed rate (the servers' JIT), not judged
#      rate        BENCH_CLIENTS clients spread round-robin over the IRC ports, all in one room, BENCH_SENDERS of them
#                  sending BENCH_RATE msg/s (aggregate, open-loop) for BENCH_SECONDS
#      saturation  the same clients, closed loop: each sender keeps BENCH_SAT_WINDOW messages unconfirmed
#                  (confirmed by the sender's echo where echo-message is acknowledged, else by an observer client)
#    then stops the cluster.
# 2. Starts ngircd (one C server that replicates nothing) in the foreground with a generated configuration in
#    runtime/bench-irc/ngircd, on 127.0.0.1:NGIRCD_PORT, penalties and per-IP limits off, and runs the same
#    scenarios with all clients on its one port; then stops it.
# 3. Starts three ngircd servers linked as one IRC network (ngircd's own [Server] links over loopback: the second and
#    third connect to the first) in runtime/bench-irc/ngircd-net, on NGIRCD_NET_PORTS, waits until the first counts 3
#    servers, and runs the same scenarios with the clients round-robin over the three ports: the fair peer of
#    SyncNet's topology and fan-out, without its total order (its clients may disagree on the order), persistence or
#    failover. Then stops them.
# 4. Prints the result columns side by side, with verdicts against the targets: at BENCH_RATE msg/s SyncNet's p99
#    <= 25 ms with nothing lost, duplicated or out of order; at saturation SyncNet >= 0.5x ngircd's deliveries/s, and
#    its ratio to the ngircd network's.
# With BENCH_ONE_PORT=1 every client connects to the first server of each system (a fan-out on one server: e.g. 5,000
# clients, one sender at 10 msg/s).
# With BENCH_TLS=1 the clients reach SyncNet over IRC over TLS (its TLS ports, 6697 + the port offset: 6927-6929),
# trusting the cluster's own key store; ngircd stays plain (its column remains the plain-TCP reference).
# Everything it started is stopped at the end, also on failure or Ctrl-C.
#
#   SKIP_BUILD=1          do not build (needs target/syncnet.war, target/server and target/test-classes)
#   BENCH_CLIENTS=30 BENCH_SENDERS=10 BENCH_RATE=1000 BENCH_SECONDS=15 BENCH_WARMUP=3 (s excluded from deliveries/s)
#   BENCH_SAT_WINDOW=20   unconfirmed messages per sender in the saturation run (ngircd closes a client whose unread
#                         input passes 2 KiB: 20 lines of ~50 bytes stay well below)
#   BENCH_DRAIN=30        seconds to wait after the send phase for every client to have every message
#   BENCH_SCENARIOS="rate saturation"   BENCH_SYSTEMS="syncnet ngircd ngircd-net"
#   BENCH_ONE_PORT=0      1: all clients on each system's first server
#   BENCH_TLS=0           1: SyncNet's side over TLS (the servers' key store: SYNCNET_TLS_KEYSTORE, else the self-signed
#                         one start_all_servers.sh makes in runtime/bench-irc/cluster3)
#   BENCH_JAVA_OPTS       flags of the load generator's JVM (default: C2 and the serial GC; with C1 only it spends
#                         more CPU per line, and at saturation the generator competes with the servers for the cores)
#   NGIRCD=/usr/sbin/ngircd NGIRCD_PORT=8239 NGIRCD_NET_PORTS="8236 8237 8238"
#   SYNCNET_IRC_FLOOD_PENALTY=1ms SYNCNET_IRC_FLOOD_WINDOW=3600s: RFC 1459's penalty clock, lifted for the benchmark
#                         (the default 200 ms a line would cap each sender at 5 lines a second)
#   SYNCNET_CLUSTER_*, SYNCNET_IRC_*, SYNCNET_CHAT_*: passed through to the servers
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_RUNTIME_DIR:-$ROOT/runtime/bench-irc}"
export SYNCNET_RUNTIME_DIR="$BENCH_DIR"
unset SYNCNET_CLUSTER_MEMBERS SYNCNET_SERVERS SYNCNET_PORT_OFFSET_BASE
. "$ROOT/scripts/lib.sh"

sn_bench_setup
sn_bench_tls_setting
TRUST_STORE="" TRUST_PASSWORD=""
SCENARIOS=${BENCH_SCENARIOS:-rate saturation}
SYSTEMS=${BENCH_SYSTEMS:-syncnet ngircd ngircd-net}
JAVA_OPTS_BENCH=${BENCH_JAVA_OPTS:--Xmx2g -XX:+UseSerialGC}
NGIRCD=${NGIRCD:-/usr/sbin/ngircd}
NGIRCD_PORT=${NGIRCD_PORT:-8239}
read -r -a NET_PORTS <<<"${NGIRCD_NET_PORTS:-8236 8237 8238}"
export SYNCNET_IRC_FLOOD_PENALTY=${SYNCNET_IRC_FLOOD_PENALTY:-1ms}
export SYNCNET_IRC_FLOOD_WINDOW=${SYNCNET_IRC_FLOOD_WINDOW:-3600s}
OFFSET=230
ONE_PORT=${BENCH_ONE_PORT:-0}
# Targets (issue texts; the p99 target is in sn_bench_setup): saturation against one ngircd, and against the network.
SAT_RATIO_TARGET=0.5
NET_RATIO_TARGET=1.0

# Runs a lib.sh-based script against the benchmark's cluster.
with_cluster() {
    SYNCNET_RUNTIME_DIR="$BENCH_DIR/cluster3" SYNCNET_SERVERS=3 SYNCNET_PORT_OFFSET_BASE=$OFFSET "$@"
}

CLUSTER_STARTED=0
NGIRCD_PID=""
NET_PIDS=()

stop_cluster() {
    (( CLUSTER_STARTED )) || return 0
    with_cluster "$SN_ROOT/scripts/stop_all_servers.sh" >"$OUT/stop.cluster3.log" 2>&1 || cat "$OUT/stop.cluster3.log"
    CLUSTER_STARTED=0
}

stop_ngircd() {
    [[ -n $NGIRCD_PID ]] || return 0
    local i
    if kill -0 "$NGIRCD_PID" 2>/dev/null; then
        kill -TERM "$NGIRCD_PID" 2>/dev/null
        for i in $(seq 1 50); do kill -0 "$NGIRCD_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$NGIRCD_PID" 2>/dev/null && { sn_warn "ngircd (pid $NGIRCD_PID) ignored SIGTERM; killing it"; kill -KILL "$NGIRCD_PID"; }
    fi
    wait "$NGIRCD_PID" 2>/dev/null
    NGIRCD_PID=""
}

stop_ngircd_net() {
    local pid
    for pid in "${NET_PIDS[@]}"; do
        NGIRCD_PID=$pid stop_ngircd
    done
    NET_PIDS=()
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if (( CLUSTER_STARTED )) || [[ -n $NGIRCD_PID ]] || (( ${#NET_PIDS[@]} )); then
        echo
        echo "Stopping what the benchmark started ..."
    fi
    stop_cluster
    stop_ngircd
    stop_ngircd_net
    exit "$rc"
}
trap cleanup EXIT
trap 'echo; echo "Interrupted."; exit 130' INT TERM

# ---------------------------------------------------------------------------------------------- build
if [[ " $SYSTEMS " == *" syncnet "* ]]; then
    if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
        sn_build   # also compiles the test classes, the load generator among them
    fi
    sn_require_build
elif [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    (cd "$SN_ROOT" && mvn -B -q -o test-compile) >"$OUT/build.log" 2>&1 || { tail -n 40 "$OUT/build.log" >&2; sn_die "the build failed"; }
fi
[[ -f "$SN_ROOT/target/test-classes/org/syncnet/bench/IrcBench.class" ]] \
    || sn_die "the load generator is not compiled; run 'mvn -o -q test-compile' or drop SKIP_BUILD=1"
# The generator needs only our classes (the IRC door's line framer and the test clients' line parser among them).
CP="$SN_ROOT/target/test-classes:$SN_ROOT/target/classes"

# ---------------------------------------------------------------------------------------------- runs
RESULTS=()   # "system|RESULT line"

syncnet_targets() {
    local n list=""
    if (( TLS )); then
        for n in 1 2 3; do list+="${list:+,}$SN_HOST:$(irc_tls_port "$n")"; done
    else
        for n in 1 2 3; do list+="${list:+,}$SN_HOST:$(with_cluster bash -c '. "$0/scripts/lib.sh"; sn_irc_port "$1"' "$SN_ROOT" "$n")"; done
    fi
    echo "$list"
}

# Server N's IRC over TLS port: the servers' default, 6697 + its port offset (syncnet.irc.tls-port).
irc_tls_port() { echo $(( 6697 + OFFSET + $1 - 1 )); }

syncnet_pids() {
    local n pid list=""
    for n in 1 2 3; do
        pid=$(with_cluster bash -c '. "$0/scripts/lib.sh"; sn_pid "$1"' "$SN_ROOT" "$n")
        [[ -n $pid ]] && list+="${list:+,}server$n=$pid"
    done
    echo "$list"
}

# bench SYSTEM SCENARIO ARGS...: runs the load generator, shows its output, keeps its RESULT line.
bench() {
    local system=$1 scenario=$2 targets pids log line tls_args=()
    shift 2
    if [[ $system == syncnet ]]; then
        targets=$(syncnet_targets) pids=$(syncnet_pids)
        if (( TLS )); then
            sn_bench_trust_store "$BENCH_DIR/cluster3"
            tls_args=("--tls-trust-store=$TRUST_STORE")
        fi
    elif [[ $system == ngircd-net ]]; then
        local i
        targets="" pids=""
        for i in 0 1 2; do
            targets+="${targets:+,}$SN_HOST:${NET_PORTS[i]}" pids+="${pids:+,}ngircd$((i + 1))=${NET_PIDS[i]}"
        done
    else
        targets="$SN_HOST:$NGIRCD_PORT" pids="ngircd=$NGIRCD_PID"
    fi
    if (( ONE_PORT )); then
        targets=${targets%%,*}
    fi
    log="$OUT/$system.$scenario.log"
    echo
    # the key store's password in the generator's environment, not on a command line (ps)
    # shellcheck disable=SC2086
    BENCH_TRUST_STORE_PASSWORD=$TRUST_PASSWORD java $JAVA_OPTS_BENCH -cp "$CP" org.syncnet.bench.IrcBench --scenario="$scenario" --server="$system" \
        --targets="$targets" --pids="$pids" --clients="$CLIENTS" --senders="$SENDERS" --warmup="$WARMUP" \
        --drain="$DRAIN" "${tls_args[@]}" "$@" 2>&1 | tee "$log"
    line=$(grep '^RESULT ' "$log" | tail -1)
    if [[ -n $line ]]; then
        RESULTS+=("$system|$line")
    else
        RESULTS+=("$system|RESULT scenario=$scenario FAILED=1")
        sn_warn "$system $scenario: no result (see $log)"
    fi
}

run_scenarios() {
    local system=$1 s
    bench "$system" warmup --rate="$RATE" --seconds=5 --warmup=1
    for s in $SCENARIOS; do
        case $s in
            rate) bench "$system" rate --rate="$RATE" --seconds="$SECONDS_RUN" ;;
            saturation) bench "$system" saturation --window="$SAT_WINDOW" --seconds="$SECONDS_RUN" ;;
            *) sn_warn "unknown scenario '$s' (rate, saturation)" ;;
        esac
    done
}

run_syncnet() {
    local n
    if (( TLS )); then
        # start_all_servers.sh checks the servers' other ports; a taken TLS port would only show as a refused client.
        for n in 1 2 3; do
            sn_port_in_use tcp "$(irc_tls_port "$n")" && sn_die "port $(irc_tls_port "$n")/tcp (IRC over TLS of server$n) is taken"
        done
    fi
    echo
    echo "=== starting the SyncNet cluster (IRC ports $(syncnet_targets)$( (( TLS )) && echo ", over TLS")) ==="
    CLUSTER_STARTED=1
    if ! with_cluster env SKIP_BUILD=1 "$SN_ROOT/scripts/start_all_servers.sh" >"$OUT/start.cluster3.log" 2>&1; then
        cat "$OUT/start.cluster3.log" >&2
        sn_die "could not start the cluster (logs: $BENCH_DIR/cluster3/serverN/log)"
    fi
    grep -E 'ready in|Leader:' "$OUT/start.cluster3.log"
    run_scenarios syncnet
    stop_cluster
}

require_ngircd_port() { # PORT SETTING
    [[ -x $NGIRCD ]] || sn_die "ngircd not found at $NGIRCD (Debian package ngircd; or set NGIRCD=...)"
    if sn_port_in_use tcp "$1"; then
        sn_die "port $1/tcp is taken$(o=$(sn_port_owner tcp "$1"); [[ -n $o ]] && echo " by $o"); set $2"
    fi
}

run_ngircd() {
    local dir="$BENCH_DIR/ngircd"
    require_ngircd_port "$NGIRCD_PORT" NGIRCD_PORT
    sn_ngircd_conf "$dir"
    echo
    echo "=== starting ngircd ($("$NGIRCD" --version 2>/dev/null | head -1 | cut -d- -f1)) on $SN_HOST:$NGIRCD_PORT ==="
    sn_ngircd_start "$dir" "$NGIRCD_PORT"
    echo "ngircd ready (pid $NGIRCD_PID); configuration $dir/ngircd.conf, log $dir/ngircd.log"
    run_scenarios ngircd
    stop_ngircd
}

# Three ngircd servers as one network: the second and third link to the first, over loopback, with a password each.
run_ngircd_net() {
    local i dir name port hub="${NET_PORTS[0]}" password
    (( ${#NET_PORTS[@]} == 3 )) || sn_die "NGIRCD_NET_PORTS must name three ports"
    for port in "${NET_PORTS[@]}"; do require_ngircd_port "$port" NGIRCD_NET_PORTS; done
    password=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
    echo
    echo "=== starting an ngircd network of 3 on $SN_HOST:${NET_PORTS[*]} ==="
    for i in 1 2 3; do
        dir="$BENCH_DIR/ngircd-net/ngircd$i" name="ngircd$i.bench.local" port=${NET_PORTS[i - 1]}
        sn_ngircd_conf "$dir" "$name" "$port"
        if (( i == 1 )); then # the hub accepts the other two
            printf '[Server]\n\tName = ngircd%s.bench.local\n\tMyPassword = %s\n\tPeerPassword = %s\n' \
                2 "$password" "$password" 3 "$password" "$password" >>"$dir/ngircd.conf"
        else # a leaf connects to the hub
            printf '[Server]\n\tName = ngircd1.bench.local\n\tHost = %s\n\tPort = %s\n\tMyPassword = %s\n\tPeerPassword = %s\n' \
                "$SN_HOST" "$hub" "$password" "$password" >>"$dir/ngircd.conf"
        fi
        sn_ngircd_start "$dir" "$port"
        NET_PIDS+=("$NGIRCD_PID")
        NGIRCD_PID=""
    done
    for i in $(seq 1 120); do
        [[ $(sn_irc_servers "$hub") == 3 ]] && break
        sleep 0.5
    done
    [[ $(sn_irc_servers "$hub") == 3 ]] || sn_die "the ngircd network did not link within 60 s (logs: $BENCH_DIR/ngircd-net/*/ngircd.log)"
    echo "ngircd network linked (pids ${NET_PIDS[*]}); configurations and logs in $BENCH_DIR/ngircd-net"
    run_scenarios ngircd-net
    stop_ngircd_net
}

for system in $SYSTEMS; do
    case $system in
        syncnet) run_syncnet ;;
        ngircd) run_ngircd ;;
        ngircd-net) run_ngircd_net ;;
        *) sn_warn "unknown system '$system' (syncnet, ngircd, ngircd-net)" ;;
    esac
done

# ---------------------------------------------------------------------------------------------- table
result_of() { # SYSTEM SCENARIO
    local r
    for r in "${RESULTS[@]}"; do
        [[ ${r%%|*} == "$1" && $(sn_field "${r#*|}" scenario) == "$2" ]] && { echo "${r#*|}"; return; }
    done
    echo ""
}
clean() { # LINE: nothing lost, duplicated, out of order, unexpected or disconnected
    local l=$1 k
    [[ -n $l && $(sn_field "$l" FAILED) != 1 ]] || return 1
    for k in lost dup disorder unorderable unexpected disconnected; do [[ $(sn_field "$l" "$k") == 0 ]] || return 1; done
}
verdict() { # SCENARIO LINE
    local l=$2
    if [[ -z $l ]]; then echo "-"; return; fi
    [[ $(sn_field "$l" FAILED) == 1 ]] && { echo "FAILED (no result)"; return; }
    case $1 in
        rate)
            if clean "$l" && sn_le "$(sn_field "$l" p99_ms)" "$P99_TARGET_MS"; then echo "ok"
            elif clean "$l"; then echo "MISSED: p99 > $P99_TARGET_MS ms"
            else echo "MISSED: lost/dup/disorder"; fi ;;
        saturation) if clean "$l"; then echo "clean"; else echo "NOT CLEAN"; fi ;;
        *) echo "(not judged)" ;;
    esac
}
title() { # SYSTEM
    case $1 in syncnet) echo "SyncNet (3 servers)" ;; ngircd) echo "ngircd (1 server)" ;; ngircd-net) echo "ngircd network of 3" ;; esac
}
row() { # LABEL CELL...
    local label=$1
    shift
    printf '  %-30s' "$label"
    printf ' %-26s' "$@"
    printf '\n'
}
cell() { # LINE FORMAT KEYS...: the fields of LINE in FORMAT, "-" when there is no line
    local l=$1 fmt=$2 k vals=()
    shift 2
    [[ -n $l && $(sn_field "$l" FAILED) != 1 ]] || { printf -- "-"; return; }
    for k in "$@"; do vals+=("$(sn_field "$l" "$k")"); done
    # shellcheck disable=SC2059
    printf "$fmt" "${vals[@]}"
}
cells() { # SCENARIO FORMAT KEYS...: one cell per system
    local scenario=$1 system
    shift
    for system in $SYSTEMS; do cell "$(result_of "$system" "$scenario")" "$@"; echo; done
}
verdicts() { # SCENARIO: SyncNet judged; the references' order is not (the network has none)
    local system
    for system in $SYSTEMS; do
        if [[ $system == syncnet ]]; then verdict "$1" "$(result_of syncnet "$1")"; else echo "(reference)"; fi
    done
}

echo
echo "=============================================== IRC benchmark results ==============================================="
echo "$CLIENTS clients in one room, $SENDERS senders; SyncNet and the ngircd network: 3 servers, clients round-robin over their ports; ngircd: 1 server, 1 port"
if (( TLS )); then
    echo "TLS: on for SyncNet (IRC over TLS, ports $(irc_tls_port 1)-$(irc_tls_port 3)); ngircd stays plain"
else
    echo "TLS: off (plain IRC on both sides; BENCH_TLS=1 puts SyncNet's side on TLS, ngircd stays plain)"
fi
mapfile -t heads < <(for system in $SYSTEMS; do title "$system"; done)
row "" "${heads[@]}"
for s in warmup $SCENARIOS; do
    any=""
    for system in $SYSTEMS; do [[ -n $(result_of "$system" "$s") ]] && any=1; done
    [[ -z $any ]] && continue
    case $s in
        saturation) echo "$s (closed loop, window $SAT_WINDOW per sender, ${SECONDS_RUN} s)" ;;
        warmup) echo "$s ($RATE msg/s, 5 s; not judged)" ;;
        *) echo "$s ($RATE msg/s offered, ${SECONDS_RUN} s)" ;;
    esac
    mapfile -t c < <(cells "$s" '%s' echo); row "echo-message" "${c[@]}"
    mapfile -t c < <(cells "$s" '%s (%s/s)' sent msgs_per_s); row "messages sent (per s)" "${c[@]}"
    mapfile -t c < <(cells "$s" '%s' deliveries_per_s); row "deliveries/s" "${c[@]}"
    mapfile -t c < <(cells "$s" '%s / %s / %s' p50_ms p99_ms max_ms); row "latency p50 / p99 / max ms" "${c[@]}"
    mapfile -t c < <(cells "$s" '%s' p99_all_ms); row "p99 ms of the whole run" "${c[@]}"
    mapfile -t c < <(cells "$s" '%s / %s / %s+%s' lost dup disorder unorderable); row "lost / dup / disorder" "${c[@]}"
    mapfile -t c < <(cells "$s" '%s / %s' unexpected disconnected); row "unexpected / disconnected" "${c[@]}"
    mapfile -t c < <(cells "$s" '%s' max_gap_ms); row "longest pause ms" "${c[@]}"
    mapfile -t c < <(cells "$s" '%s' cpu_servers_ms_per_k); row "CPU servers ms/1000 deliveries" "${c[@]}"
    mapfile -t c < <(cells "$s" '%s / %s' cpu_servers_pct cpu_bench_pct); row "CPU % servers / generator" "${c[@]}"
    mapfile -t c < <(verdicts "$s"); row "verdict" "${c[@]}"
done
echo
sat_a=$(result_of syncnet saturation) rate_a=$(result_of syncnet rate)
if [[ -n $rate_a ]]; then
    echo "target 1: $RATE msg/s, p99 <= $P99_TARGET_MS ms, nothing lost or out of order: SyncNet p99 $(sn_field "$rate_a" p99_ms) ms -> $(verdict rate "$rate_a")"
fi
dps_a=$(sn_field "$sat_a" deliveries_per_s)
for ref in ngircd ngircd-net; do
    sat_b=$(result_of "$ref" saturation)
    dps_b=$(sn_field "$sat_b" deliveries_per_s)
    target=$([[ $ref == ngircd ]] && echo "$SAT_RATIO_TARGET" || echo "$NET_RATIO_TARGET")
    if [[ -n $sat_a && -n $sat_b && $dps_a != - && $dps_b != - && $dps_b != 0 ]]; then
        ratio=$(awk -v a="$dps_a" -v b="$dps_b" 'BEGIN { printf "%.2f", a / b }')
        ok=$(awk -v r="$ratio" -v t="$target" 'BEGIN { print (r >= t) ? "ok" : "MISSED" }')
        clean "$sat_a" || ok="$ok, but SyncNet's saturation run was NOT CLEAN"
        echo "saturation against $(title "$ref"): SyncNet $dps_a vs $dps_b deliveries/s = ${ratio}x (target >= ${target}x): $ok"
    fi
done
echo "deliveries/s: first receipts per second after the ${WARMUP} s warm-up (with echo-message a sender's own echo counts too);"
echo "latency: due send time -> each receiving client, messages due after the warm-up; disorder: clients whose order differs from the one with most"
echo "receipts + messages no single order can place; CPU %: of one core, servers summed."
echo "Machine: $(nproc 2>/dev/null || echo '?') CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null). Logs: $OUT"
