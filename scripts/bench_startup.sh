#!/usr/bin/env bash
# Start-up and idle memory benchmark (prints numbers; not a test).
#
# Starts, in its own runtime dir (runtime/bench-startup) and ports (offsets 300-302: HTTP 8380-8382, IRC 8300-8302,
# UDP 8320-8322; a single server at offset 305), one after the other:
#   syncnet/3   three servers with an empty history: scripts/start_all_servers.sh's "ready in" (launch to all three
#               ready), then each server's RSS after BENCH_IDLE seconds without clients
#   syncnet/1   one server alone (quorum 1), the same
#   history     the three servers again after BENCH_HISTORY_EVENTS chat messages were sent through them (the chat load
#               generator, rate scenario) and they were stopped gracefully: ready time and idle RSS with that history
#   ngircd      one ngircd, then a network of three linked ngircd (NGIRCD_NET_PORTS): time until it answers (the
#               network: until the first counts three servers) and the RSS of each process
# and prints one RESULT line per run. Everything it started is stopped at the end, also on failure or Ctrl-C.
#
#   SKIP_BUILD=1               do not build (needs target/syncnet.war, target/server and target/test-classes)
#   BENCH_IDLE=5               seconds of idleness before the RSS is read
#   BENCH_HISTORY_EVENTS=100000 (0: no run with a history)   BENCH_RATE=3000 (msg/s while filling it)
#   BENCH_SYSTEMS="syncnet ngircd"
#   NGIRCD=/usr/sbin/ngircd NGIRCD_PORT=8309 NGIRCD_NET_PORTS="8306 8307 8308"
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_RUNTIME_DIR:-$ROOT/runtime/bench-startup}"
export SYNCNET_RUNTIME_DIR="$BENCH_DIR"
unset SYNCNET_CLUSTER_MEMBERS SYNCNET_SERVERS SYNCNET_PORT_OFFSET_BASE
. "$ROOT/scripts/lib.sh"

sn_bench_setup
IDLE=${BENCH_IDLE:-5}
HISTORY_EVENTS=${BENCH_HISTORY_EVENTS:-100000}
SYSTEMS=${BENCH_SYSTEMS:-syncnet ngircd}
NGIRCD=${NGIRCD:-/usr/sbin/ngircd}
NGIRCD_PORT=${NGIRCD_PORT:-8309}
read -r -a NET_PORTS <<<"${NGIRCD_NET_PORTS:-8306 8307 8308}"
JAVA_OPTS_BENCH=${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC -XX:TieredStopAtLevel=1}
export SYNCNET_CHAT_RATE_PER_SECOND=${SYNCNET_CHAT_RATE_PER_SECOND:-10000}
export SYNCNET_CHAT_RATE_BURST=${SYNCNET_CHAT_RATE_BURST:-10000}
OFFSET3=300
OFFSET1=305

with_cluster() { # NAME SERVERS OFFSET COMMAND...
    local name=$1 servers=$2 offset=$3
    shift 3
    SYNCNET_RUNTIME_DIR="$BENCH_DIR/$name" SYNCNET_SERVERS=$servers SYNCNET_PORT_OFFSET_BASE=$offset "$@"
}

RUNNING=()  # "name servers offset" of the clusters that may run
NG_PIDS=()
cleanup() {
    local rc=$? c pid
    trap - EXIT INT TERM
    for c in "${RUNNING[@]}"; do
        # shellcheck disable=SC2086
        with_cluster $c "$SN_ROOT/scripts/stop_all_servers.sh" >>"$OUT/stop.log" 2>&1
    done
    for pid in "${NG_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    for pid in "${NG_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
    exit "$rc"
}
trap cleanup EXIT
trap 'echo; echo "Interrupted."; exit 130' INT TERM

if [[ " $SYSTEMS " == *" syncnet "* ]]; then
    sn_bench_classpath ChatBench
fi

rss_mib() { # PID...: each process's resident set in MiB, comma-separated
    local pid list=""
    for pid in "$@"; do
        list+="${list:+,}$(awk -v k="$(ps -o rss= -p "$pid" 2>/dev/null)" 'BEGIN { printf "%.0f", k / 1024 }')"
    done
    echo "$list"
}

# NAME SERVERS OFFSET LABEL HISTORY: starts the cluster from its stored data, waits BENCH_IDLE s, prints a RESULT
# line and leaves it running.
measure_cluster() {
    local name=$1 servers=$2 offset=$3 label=$4 history=$5 log ready n pids=()
    log="$OUT/start.$label.log"
    RUNNING+=("$name $servers $offset")
    with_cluster "$name" "$servers" "$offset" env SKIP_BUILD=1 "$SN_ROOT/scripts/start_all_servers.sh" >"$log" 2>&1 \
        || { cat "$log" >&2; sn_die "could not start $label (logs: $BENCH_DIR/$name/serverN/log)"; }
    ready=$(sed -nE 's/.*ready in ([0-9.]+) s.*/\1/p' "$log" | tail -1)
    sleep "$IDLE"
    for n in $(seq 1 "$servers"); do
        pids+=("$(with_cluster "$name" "$servers" "$offset" bash -c '. "$0/scripts/lib.sh"; sn_pid "$1"' "$SN_ROOT" "$n")")
    done
    echo "RESULT scenario=startup system=syncnet label=$label servers=$servers history=$history ready_s=$ready" \
        "rss_mib=$(rss_mib "${pids[@]}")"
}

stop_cluster() { # NAME SERVERS OFFSET
    local c kept=()
    with_cluster "$1" "$2" "$3" "$SN_ROOT/scripts/stop_all_servers.sh" >>"$OUT/stop.log" 2>&1
    for c in "${RUNNING[@]}"; do
        [[ $c == "$1 $2 $3" ]] || kept+=("$c")
    done
    RUNNING=("${kept[@]}")
}

run_syncnet() {
    # A first start of each cluster writes its class-data archive as it stops (scripts/lib.sh); the measured starts
    # are the later ones, as every start after a user's first.
    measure_cluster cluster3 3 "$OFFSET3" prime 0 >/dev/null
    stop_cluster cluster3 3 "$OFFSET3"
    measure_cluster single 1 "$OFFSET1" prime 0 >/dev/null
    stop_cluster single 1 "$OFFSET1"
    rm -rf "$BENCH_DIR"/cluster3/server*/data "$BENCH_DIR"/single/server*/data
    measure_cluster cluster3 3 "$OFFSET3" syncnet-3 0
    stop_cluster cluster3 3 "$OFFSET3"
    measure_cluster single 1 "$OFFSET1" syncnet-1 0
    stop_cluster single 1 "$OFFSET1"
    (( HISTORY_EVENTS > 0 )) || return 0
    measure_cluster cluster3 3 "$OFFSET3" fill 0 >/dev/null
    local seconds=$(( (HISTORY_EVENTS + RATE - 1) / RATE )) servers="" n
    for n in 1 2 3; do
        servers+="${servers:+,}server$n=http://$SN_HOST:$(with_cluster cluster3 3 "$OFFSET3" bash -c '. "$0/scripts/lib.sh"; sn_http_port "$1"' "$SN_ROOT" "$n")/syncnet"
    done
    # shellcheck disable=SC2086
    java $JAVA_OPTS_BENCH -cp "$CP" org.syncnet.bench.ChatBench --scenario=history-fill --servers="$servers" \
        --clients=4 --senders=4 --rate="$RATE" --seconds="$seconds" --warmup=0 --drain=60 >"$OUT/fill.log" 2>&1 \
        || { tail -n 30 "$OUT/fill.log" >&2; sn_die "the load generator failed"; }
    stop_cluster cluster3 3 "$OFFSET3"
    measure_cluster cluster3 3 "$OFFSET3" syncnet-3-history "$(grep -o 'sent=[0-9]*' "$OUT/fill.log" | tail -1 | cut -d= -f2)"
    stop_cluster cluster3 3 "$OFFSET3"
}

run_ngircd() {
    [[ -x $NGIRCD ]] || sn_die "ngircd not found at $NGIRCD (Debian package ngircd; or set NGIRCD=...)"
    local start dir i password hub=${NET_PORTS[0]} pids=()
    sn_ngircd_conf "$BENCH_DIR/ngircd" ngircd.startup.local "$NGIRCD_PORT"
    start=$(sn_now_ms)
    sn_ngircd_start "$BENCH_DIR/ngircd" "$NGIRCD_PORT"
    NG_PIDS+=("$NGIRCD_PID")
    until [[ -n $(sn_irc_servers "$NGIRCD_PORT") ]]; do
        (( $(sn_now_ms) - start < 30000 )) || sn_die "ngircd did not answer on $NGIRCD_PORT"
        sleep 0.02
    done
    local ready=$(( $(sn_now_ms) - start ))
    sleep "$IDLE"
    echo "RESULT scenario=startup system=ngircd label=ngircd-1 servers=1 history=0 ready_s=$(sn_secs "$ready")" \
        "rss_mib=$(rss_mib "${NG_PIDS[0]}")"
    password=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
    start=$(sn_now_ms)
    for i in 1 2 3; do
        dir="$BENCH_DIR/ngircd-net/ngircd$i"
        sn_ngircd_conf "$dir" "ngircd$i.startup.local" "${NET_PORTS[i - 1]}"
        if (( i == 1 )); then
            printf '[Server]\n\tName = ngircd%s.startup.local\n\tMyPassword = %s\n\tPeerPassword = %s\n' \
                2 "$password" "$password" 3 "$password" "$password" >>"$dir/ngircd.conf"
        else
            printf '[Server]\n\tName = ngircd1.startup.local\n\tHost = %s\n\tPort = %s\n\tMyPassword = %s\n\tPeerPassword = %s\n' \
                "$SN_HOST" "$hub" "$password" "$password" >>"$dir/ngircd.conf"
        fi
        sn_ngircd_start "$dir" "${NET_PORTS[i - 1]}"
        NG_PIDS+=("$NGIRCD_PID")
        pids+=("$NGIRCD_PID")
    done
    until [[ $(sn_irc_servers "$hub") == 3 ]]; do
        (( $(sn_now_ms) - start < 120000 )) || sn_die "the ngircd network did not link within 120 s"
        sleep 0.1
    done
    ready=$(( $(sn_now_ms) - start ))
    sleep "$IDLE"
    echo "RESULT scenario=startup system=ngircd-net label=ngircd-net-3 servers=3 history=0 ready_s=$(sn_secs "$ready")" \
        "rss_mib=$(rss_mib "${pids[@]}")"
}

for system in $SYSTEMS; do
    case $system in
        syncnet) run_syncnet ;;
        ngircd) run_ngircd ;;
        *) sn_warn "unknown system '$system' (syncnet, ngircd)" ;;
    esac
done
