#!/usr/bin/env bash
# Catch-up benchmark (issue 5; prints numbers, not a test).
#
# Starts its own three servers (port offsets 260-262: HTTP 8340-8342, IRC 8260-8262, UDP 8280-8282) in
# runtime/bench-catchup, kills server1 with SIGKILL, sends BENCH_EVENTS chat messages (default 100,000) through
# server2 and server3 with the chat load generator (org.syncnet.bench.ChatBench, rate scenario), then starts server1
# again and measures, polling its REST view every 50 ms:
#   to node       from start_server.sh until server1's cluster member answers (JVM start, deployment: the events
#                 it missed fetched from a peer's history in binary pages of up to 20,000, its chat state rebuilt from its
#                 snapshot and the stored events after it, its log's tail
#                 read back)
#   catch-up      from then until its log's commit point reaches the leader's and it says it is caught up (it then
#                 serves clients and may lead): what the peers had not stored yet, from the leader in batched appends
#   stored        from the node's start until its history database holds them too
# Everything it started is stopped at the end, also on failure or Ctrl-C.
#
#   SKIP_BUILD=1   do not build (needs target/syncnet.war, target/server and target/test-classes)
#   BENCH_EVENTS=100000 BENCH_RATE=3000 (msg/s offered while server1 is down)
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_RUNTIME_DIR:-$ROOT/runtime/bench-catchup}"
export SYNCNET_RUNTIME_DIR="$BENCH_DIR"
export SYNCNET_PORT_OFFSET_BASE=260
unset SYNCNET_CLUSTER_MEMBERS SYNCNET_SERVERS
. "$ROOT/scripts/lib.sh"

sn_bench_setup
EVENTS=${BENCH_EVENTS:-100000}
RATE=${BENCH_RATE:-3000}
JAVA_OPTS_BENCH=${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC -XX:TieredStopAtLevel=1}
export SYNCNET_CHAT_RATE_PER_SECOND=${SYNCNET_CHAT_RATE_PER_SECOND:-10000}
export SYNCNET_CHAT_RATE_BURST=${SYNCNET_CHAT_RATE_BURST:-10000}
rm -rf "$BENCH_DIR"/server*/data

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    echo
    echo "Stopping the benchmark's servers ..."
    "$SN_ROOT/scripts/stop_all_servers.sh" >"$OUT/stop.log" 2>&1 || cat "$OUT/stop.log"
    exit "$rc"
}
trap cleanup EXIT
trap 'echo; echo "Interrupted."; exit 130' INT TERM

sn_bench_classpath ChatBench

# The value of a numeric field of server N's REST view ("-" when it does not answer).
view_field() { # N FIELD
    if sn_view "$1" 1; then sn_json_field "$SN_HTTP_BODY" "$2" || echo "-"; else echo "-"; fi
}

echo "=== starting three servers ==="
SKIP_BUILD=1 "$SN_ROOT/scripts/start_all_servers.sh" >"$OUT/start.log" 2>&1 \
    || { cat "$OUT/start.log" >&2; sn_die "could not start the servers (logs: $BENCH_DIR/serverN/log)"; }
grep -E 'ready in|Leader:' "$OUT/start.log"
had=$(view_field 1 commitSeq)
"$SN_ROOT/scripts/kill_server.sh" 1

seconds=$(( (EVENTS + RATE - 1) / RATE ))
echo
echo "=== $EVENTS messages at $RATE msg/s through server2 and server3 ($seconds s) ==="
java $JAVA_OPTS_BENCH -cp "$CP" org.syncnet.bench.ChatBench --scenario=catchup-load \
    --servers="server2=http://$SN_HOST:$(sn_http_port 2)/syncnet,server3=http://$SN_HOST:$(sn_http_port 3)/syncnet" \
    --clients=4 --senders=4 --rate="$RATE" --seconds="$seconds" --warmup=0 --drain=60 \
    >"$OUT/load.log" 2>&1 || { tail -n 30 "$OUT/load.log" >&2; sn_die "the load generator failed"; }
grep '^RESULT ' "$OUT/load.log"
target=$(view_field 3 commitSeq)
echo "the cluster's log: commit point $target"

echo
echo "=== server1 restarted ==="
start_ms=$(sn_now_ms)
SKIP_BUILD=1 "$SN_ROOT/scripts/start_server.sh" 1 >"$OUT/restart.log" 2>&1 &
starter=$!
node_ms="" caught_ms="" stored_ms=""
deadline=$(( start_ms + 300000 ))
while (( $(sn_now_ms) < deadline )); do
    now=$(sn_now_ms)
    if sn_view 1 1; then
        [[ -z $node_ms ]] && node_ms=$now && node_commit=$(sn_json_field "$SN_HTTP_BODY" commitSeq)
        if [[ -z $caught_ms && $(sn_json_field "$SN_HTTP_BODY" caughtUp) == true ]] \
            && (( $(sn_json_field "$SN_HTTP_BODY" commitSeq) >= target )); then
            caught_ms=$now
        fi
        if [[ -n $caught_ms ]] && sn_http_get "$(sn_http_port 1)" /syncnet/api/history 1 \
            && (( $(sn_json_field "$SN_HTTP_BODY" highestSeq) + 10 >= target )); then
            stored_ms=$now
            break
        fi
    fi
    sleep 0.05
done
wait "$starter" || { cat "$OUT/restart.log" >&2; sn_die "server1 did not start again"; }
[[ -n $caught_ms ]] || sn_die "server1 did not catch up within 300 s"
echo
echo "RESULT events=$EVENTS node_commit=${node_commit:--} target=$target" \
    "to_node_s=$(sn_secs $(( node_ms - start_ms ))) log_catch_up_s=$(sn_secs $(( caught_ms - node_ms )))" \
    "stored_s=$( [[ -n $stored_ms ]] && sn_secs $(( stored_ms - node_ms )) || echo -)"
line=$(grep -h "fetched the stored events" "$BENCH_DIR/server1/log/server.log" | tail -1)
transfer_ms=0
if [[ $line =~ from\ ([a-z0-9]+)\ in\ ([0-9]+)\ ms ]]; then
    transfer_ms=${BASH_REMATCH[2]}
    echo "history transfer during the deployment: ${line#*server1: }"
fi
caught_s=$(sn_secs $(( transfer_ms + caught_ms - node_ms )))
echo "server1 caught up with the $(( target - had )) log entries it missed in $caught_s s (the history transfer, then the log;" \
    "target <= 5 s: $(sn_le "$caught_s" 5 && echo ok || echo MISSED));" \
    "from start_server.sh to caught up $(sn_secs $(( caught_ms - start_ms ))) s, with the WildFly start"
echo "RESULT scenario=catchup events=$(( target - had )) transfer_s=$(sn_secs "$transfer_ms") catch_up_s=$caught_s" \
    "from_start_s=$(sn_secs $(( caught_ms - start_ms )))"
