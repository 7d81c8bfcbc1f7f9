#!/usr/bin/env bash
# Idle-connection benchmark (prints numbers; not a test): what one idle client connection costs a SyncNet server, and
# whether active IRC clients keep their latency while it holds many idle ones.
#
# 1. Starts one SyncNet server of its own (quorum 1, port offset 290: IRC 8290, HTTP 8370) in runtime/bench-conn,
#    with the IRC flood limit lifted (for the active load) and room for the connections (syncnet.irc.max-connections
#    and syncnet.chat.max-connections raised to what the run opens, if that is more than the defaults).
# 2. Active load without idle connections: a warm-up and the rate scenario of org.syncnet.bench.IrcBench
#    (BENCH_CLIENTS clients in one room, BENCH_SENDERS sending BENCH_RATE msg/s for BENCH_SECONDS).
# 3. Measures the server's memory (jcmd GC.run twice, a pause, then VmRSS of /proc/PID/status and the heap in use
#    after the GC), opens BENCH_IRC idle IRC connections (org.syncnet.bench.IdleConnections: NICK, USER, JOIN of a
#    room shared by BENCH_ROOM_SIZE of them, then silent but for PONGs), measures again; then BENCH_WS idle WebSocket
#    connections (hello, join), measures again. Prints KiB per connection of RSS and of live heap, for each door.
# 4. With the idle connections still open: the same rate scenario again, and how many idle connections were lost.
# 5. Unless BENCH_NGIRCD=0: starts Debian's ngircd on 127.0.0.1:NGIRCD_PORT and measures its RSS per idle IRC
#    connection the same way (it has no GC: RSS before and after).
# Everything it started is stopped at the end, also on failure or Ctrl-C.
#
# File descriptors: the server holds one per connection, and each idle-connection JVM one per client (IRC and
# WebSocket clients run in JVMs of their own). The script raises its soft limit (ulimit -n, inherited by the server)
# up to the hard limit when the run needs more, and refuses to start if the hard limit is too low.
#
#   SKIP_BUILD=1          do not build (needs target/syncnet.war, target/server and target/test-classes)
#   BENCH_IRC=10000       idle IRC connections      BENCH_WS=0   idle WebSocket connections
#   BENCH_ROOM_SIZE=100   idle clients per room     BENCH_PARALLEL=200  connections registering at once
#   BENCH_SETTLE=5        seconds to wait before each memory measurement
#   BENCH_PRETOUCH=1      the server's heap resident from the start (-XX:+AlwaysPreTouch added to its flags), so that
#                         the RSS growth is the connections' memory outside the heap; 0: the server's flags as they are
#                         (RSS then also grows by heap pages touched for the first time, up to the heap's size)
#   BENCH_HISTO=1         also save the server's class histogram, RSS split and (with -XX:NativeMemoryTracking=summary
#                         in SYNCNET_JVM_OPTS) native memory summary at each measurement (out/histo.*, rss.*, nmt.*)
#   BENCH_CLIENTS=30 BENCH_SENDERS=10 BENCH_RATE=1000 BENCH_SECONDS=15: the active load
#   BENCH_WAR=path        deploy this WAR instead of target/syncnet.war (A/B runs against another build)
#   BENCH_NGIRCD=1        0: skip the ngircd reference      NGIRCD=/usr/sbin/ngircd NGIRCD_PORT=8299
#   BENCH_JAVA_OPTS       flags of the load generators' JVMs
#   SYNCNET_PORT_OFFSET_BASE=290, SYNCNET_RUNTIME_DIR=runtime/bench-conn, SYNCNET_JVM_OPTS, SYNCNET_IRC_*,
#   SYNCNET_CHAT_*: passed through to the server
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${SYNCNET_RUNTIME_DIR:-$ROOT/runtime/bench-conn}"
OFFSET=${SYNCNET_PORT_OFFSET_BASE:-290}
export SYNCNET_RUNTIME_DIR="$BENCH_DIR/single" SYNCNET_SERVERS=1 SYNCNET_PORT_OFFSET_BASE=$OFFSET
export SYNCNET_CLUSTER_QUORUM=1
unset SYNCNET_CLUSTER_MEMBERS
. "$ROOT/scripts/lib.sh"

sn_bench_setup
SN_WAR=${BENCH_WAR:-$SN_WAR}
# With the whole heap resident from the start (its size is fixed: -Xms = -Xmx), RSS grows only by what the connections
# cost outside the heap, and the heap in use shows what they cost inside it. Without it, RSS also grows by every heap
# page the GC touches for the first time while the connections open, up to the heap's size, whatever they hold.
if [[ ${BENCH_PRETOUCH:-1} == 1 ]]; then
    export SYNCNET_JVM_OPTS="${SYNCNET_JVM_OPTS:-$SN_DEFAULT_JVM_OPTS} -XX:+AlwaysPreTouch"
fi
[[ $SN_WAR == /* ]] || SN_WAR="$PWD/$SN_WAR"
IRC_N=${BENCH_IRC:-10000}
WS_N=${BENCH_WS:-0}
ROOM_SIZE=${BENCH_ROOM_SIZE:-100}
PARALLEL=${BENCH_PARALLEL:-200}
SETTLE=${BENCH_SETTLE:-5}
JAVA_OPTS_BENCH=${BENCH_JAVA_OPTS:--Xmx1g -XX:+UseSerialGC}
NGIRCD=${NGIRCD:-/usr/sbin/ngircd}
NGIRCD_PORT=${NGIRCD_PORT:-8299}
for v in IRC_N WS_N ROOM_SIZE PARALLEL SETTLE; do
    [[ ${!v} =~ ^[0-9]+$ ]] || sn_die "$v must be a whole number (got '${!v}')"
done
export SYNCNET_IRC_FLOOD_PENALTY=${SYNCNET_IRC_FLOOD_PENALTY:-1ms}
export SYNCNET_IRC_FLOOD_WINDOW=${SYNCNET_IRC_FLOOD_WINDOW:-3600s}
# Room for the idle clients and the active ones (the defaults: 1000 IRC connections, 10000 of both doors).
WANT=$(( IRC_N + WS_N + CLIENTS + 10 ))
(( IRC_N + CLIENTS + 10 > 1000 )) && export SYNCNET_IRC_MAX_CONNECTIONS=${SYNCNET_IRC_MAX_CONNECTIONS:-$(( IRC_N + CLIENTS + 10 ))}
(( WANT > 10000 )) && export SYNCNET_CHAT_MAX_CONNECTIONS=${SYNCNET_CHAT_MAX_CONNECTIONS:-$WANT}

# ---------------------------------------------------------------------------------------------- file descriptors
FDS_NEEDED=$(( IRC_N + WS_N + CLIENTS + 2000 ))  # the server's: connections plus its own files and sockets
if (( $(ulimit -n) < FDS_NEEDED )); then
    hard=$(ulimit -Hn)
    [[ $hard == unlimited ]] || (( hard >= FDS_NEEDED )) \
        || sn_die "the run needs about $FDS_NEEDED file descriptors; the hard limit (ulimit -Hn) is $hard"
    ulimit -n "$FDS_NEEDED" || sn_die "cannot raise ulimit -n to $FDS_NEEDED"
    echo "Raised the file descriptor limit (ulimit -n) to $FDS_NEEDED for the server and the clients."
fi

SERVER_STARTED=0
NGIRCD_PID=""
IDLE_PIDS=()

stop_idle() {
    local i
    for i in "${!IDLE_PIDS[@]}"; do
        local pid=${IDLE_PIDS[i]}
        eval "exec ${IDLE_FDS[i]}>&-"  # its standard input ends: it closes its clients and exits
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    IDLE_PIDS=() IDLE_FDS=()
}

stop_server() {
    (( SERVER_STARTED )) || return 0
    "$SN_ROOT/scripts/stop_all_servers.sh" >"$OUT/stop.log" 2>&1 || cat "$OUT/stop.log"
    SERVER_STARTED=0
}

stop_ngircd() {
    [[ -n $NGIRCD_PID ]] || return 0
    if kill -0 "$NGIRCD_PID" 2>/dev/null; then
        kill -TERM "$NGIRCD_PID" 2>/dev/null
        for _ in $(seq 1 50); do kill -0 "$NGIRCD_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$NGIRCD_PID" 2>/dev/null && kill -KILL "$NGIRCD_PID"
    fi
    wait "$NGIRCD_PID" 2>/dev/null
    NGIRCD_PID=""
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if (( SERVER_STARTED )) || [[ -n $NGIRCD_PID ]] || (( ${#IDLE_PIDS[@]} )); then
        echo
        echo "Stopping what the benchmark started ..."
    fi
    stop_idle
    stop_server
    stop_ngircd
    exit "$rc"
}
IDLE_FDS=()
trap cleanup EXIT
trap 'echo; echo "Interrupted."; exit 130' INT TERM

# ---------------------------------------------------------------------------------------------- helpers
sn_bench_classpath IdleConnections

# PID JAVA LABEL: sets RSS_KIB (VmRSS) and HEAP_KIB (heap in use; "-" if jcmd cannot tell) after full GCs and a
# pause; with BENCH_HISTO=1 a Java server's class histogram goes to $OUT/histo.LABEL.txt.
measure() {
    local pid=$1 java=$2 label=$3
    if (( java )); then
        jcmd "$pid" GC.run >/dev/null 2>&1
        sleep 1
        jcmd "$pid" GC.run >/dev/null 2>&1
    fi
    sleep 2
    RSS_KIB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
    HEAP_KIB=-
    if (( java )); then
        HEAP_KIB=$(jcmd "$pid" GC.heap_info 2>/dev/null | awk 'match($0, /used [0-9]+K/) {
            print substr($0, RSTART + 5, RLENGTH - 6); exit }')
        [[ -n $HEAP_KIB ]] || HEAP_KIB=-
        if [[ ${BENCH_HISTO:-0} == 1 ]]; then
            jcmd "$pid" GC.class_histogram >"$OUT/histo.$label.txt" 2>&1
            # only with -XX:NativeMemoryTracking=summary among the server's flags (SYNCNET_JVM_OPTS)
            jcmd "$pid" VM.native_memory summary >"$OUT/nmt.$label.txt" 2>&1
            grep -E '^(RssAnon|RssFile|RssShmem)' "/proc/$pid/status" >"$OUT/rss.$label.txt"
        fi
    fi
}

per_conn() { # AFTER BEFORE N: KiB per connection
    [[ $1 == - || $2 == - ]] && { echo -; return; }
    awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { if (n > 0) printf "%.1f", (a - b) / n; else print "-" }'
}

# DOOR TARGET COUNT: starts an IdleConnections JVM (its standard input a pipe held here) and waits for its READY
# line; sets READY_LINE.
open_idle() {
    local door=$1 target=$2 count=$3 log="$OUT/idle.$1.log" fifo="$OUT/idle.$1.in" fd
    rm -f "$fifo"
    mkfifo "$fifo"
    # shellcheck disable=SC2086
    java $JAVA_OPTS_BENCH -cp "$CP" org.syncnet.bench.IdleConnections --door="$door" --target="$target" \
        --count="$count" --parallel="$PARALLEL" --room-size="$ROOM_SIZE" <"$fifo" >"$log" 2>&1 &
    IDLE_PIDS+=("$!")
    exec {fd}>"$fifo"
    IDLE_FDS+=("$fd")
    READY_LINE=""
    while kill -0 "${IDLE_PIDS[-1]}" 2>/dev/null; do
        READY_LINE=$(grep -m1 '^READY ' "$log")
        [[ -n $READY_LINE ]] && break
        sleep 1
    done
    [[ -n $READY_LINE ]] || { tail -n 20 "$log" >&2; sn_die "the $door idle clients did not come up (log: $log)"; }
    echo "$READY_LINE"
}

# DOOR TARGET COUNT NAME: opens COUNT idle connections to DOOR beside those open, lets them settle and measures the
# server: JOINED, RSS_KIB, HEAP_KIB.
add_idle() {
    echo; echo "=== opening $3 idle $4 connections (rooms of $ROOM_SIZE) ==="
    open_idle "$1" "$2" "$3"
    JOINED=$(sn_field "$READY_LINE" joined)
    sleep "$SETTLE"
    measure "$SERVER_PID" 1 "$1"
    echo "server memory with $JOINED idle $4 connections more: RSS $RSS_KIB KiB, heap in use $HEAP_KIB KiB"
}

idle_status() { # prints a STATUS line from each idle JVM
    local i fd log
    for i in "${!IDLE_PIDS[@]}"; do
        fd=${IDLE_FDS[i]}
        echo status >&"$fd"
    done
    sleep 1
    for log in "$OUT"/idle.*.log; do grep '^STATUS ' "$log" | tail -1; done
}

RESULTS=()
# LABEL: IrcBench's rate scenario against the server's IRC port; keeps its RESULT line as "LABEL|line".
active_load() {
    local label=$1 log="$OUT/rate.$1.log" line
    echo
    echo "=== active load ($label): $CLIENTS clients, $SENDERS senders, $RATE msg/s for $SECONDS_RUN s ==="
    # shellcheck disable=SC2086
    java $JAVA_OPTS_BENCH -cp "$CP" org.syncnet.bench.IrcBench --scenario=rate --server=syncnet \
        --targets="$SN_HOST:$(sn_irc_port 1)" --pids="server1=$SERVER_PID" --clients="$CLIENTS" --senders="$SENDERS" \
        --warmup="$WARMUP" --drain="$DRAIN" --rate="$RATE" --seconds="$SECONDS_RUN" >"$log" 2>&1
    line=$(grep '^RESULT ' "$log" | tail -1)
    [[ -n $line ]] || { tail -n 20 "$log" >&2; line="RESULT FAILED=1"; }
    RESULTS+=("$label|$line")
    echo "$line"
}
result_of() { local r; for r in "${RESULTS[@]}"; do [[ ${r%%|*} == "$1" ]] && { echo "${r#*|}"; return; }; done; }

# ---------------------------------------------------------------------------------------------- SyncNet
echo "=== starting one SyncNet server (IRC $SN_HOST:$(sn_irc_port 1), HTTP $(sn_http_port 1); WAR $SN_WAR) ==="
[[ -f $SN_WAR ]] || sn_die "no WAR at $SN_WAR"
sn_check_ports 1 || sn_die "ports of the benchmark's server are taken (see above)"
sn_secret
sn_tls
start_ms=$(sn_now_ms)
SERVER_STARTED=1
sn_prepare_base 1
sn_launch 1
sn_wait_ready "$start_ms" 1 >"$OUT/start.log" 2>&1 || { cat "$OUT/start.log" >&2; sn_die "the server did not start"; }
SERVER_PID=$(sn_pid 1)
echo "server1 ready (pid $SERVER_PID), file descriptor limit $(awk '/Max open files/ { print $4 }' "/proc/$SERVER_PID/limits")"

# The JIT and the heap get their first load before the first measurement, so that they are not counted as the
# connections' cost.
echo; echo "=== warm-up ==="
# shellcheck disable=SC2086
java $JAVA_OPTS_BENCH -cp "$CP" org.syncnet.bench.IrcBench --scenario=warmup --server=syncnet \
    --targets="$SN_HOST:$(sn_irc_port 1)" --clients="$CLIENTS" --senders="$SENDERS" --warmup=1 --drain="$DRAIN" \
    --rate="$RATE" --seconds=5 >"$OUT/warmup.log" 2>&1 || { tail -n 20 "$OUT/warmup.log" >&2; sn_die "the warm-up failed"; }
grep '^RESULT ' "$OUT/warmup.log"
active_load "0 idle"

sleep "$SETTLE"
measure "$SERVER_PID" 1 none
RSS0=$RSS_KIB HEAP0=$HEAP_KIB
echo; echo "server memory, no idle connections: RSS $RSS0 KiB, heap in use $HEAP0 KiB"

IRC_JOINED=0 WS_JOINED=0 RSS1=$RSS0 HEAP1=$HEAP0 RSS2=- HEAP2=-
if (( IRC_N > 0 )); then
    add_idle irc "$SN_HOST:$(sn_irc_port 1)" "$IRC_N" IRC
    IRC_JOINED=$JOINED RSS1=$RSS_KIB HEAP1=$HEAP_KIB
fi
RSS2=$RSS1 HEAP2=$HEAP1
if (( WS_N > 0 )); then
    add_idle ws "ws://$SN_HOST:$(sn_http_port 1)/syncnet/chat" "$WS_N" WebSocket
    WS_JOINED=$JOINED RSS2=$RSS_KIB HEAP2=$HEAP_KIB
fi
FD_COUNT=$(ls "/proc/$SERVER_PID/fd" 2>/dev/null | wc -l)

active_load "$(( IRC_JOINED + WS_JOINED )) idle"
echo
idle_status
stop_idle
stop_server

# ---------------------------------------------------------------------------------------------- ngircd
NG_RSS0=- NG_RSS1=- NG_JOINED=0
if [[ ${BENCH_NGIRCD:-1} == 1 && $IRC_N -gt 0 ]]; then
    [[ -x $NGIRCD ]] || sn_die "ngircd not found at $NGIRCD (Debian package ngircd; or BENCH_NGIRCD=0)"
    sn_port_in_use tcp "$NGIRCD_PORT" && sn_die "port $NGIRCD_PORT/tcp is taken; set NGIRCD_PORT"
    dir="$BENCH_DIR/ngircd"
    echo; echo "=== ngircd on $SN_HOST:$NGIRCD_PORT ==="
    sn_ngircd_conf "$dir"
    sn_ngircd_start "$dir" "$NGIRCD_PORT"
    measure "$NGIRCD_PID" 0 ngircd-none
    NG_RSS0=$RSS_KIB
    open_idle irc "$SN_HOST:$NGIRCD_PORT" "$IRC_N"
    NG_JOINED=$(sn_field "$READY_LINE" joined)
    sleep "$SETTLE"
    measure "$NGIRCD_PID" 0 ngircd-irc
    NG_RSS1=$RSS_KIB
    echo "ngircd: RSS $NG_RSS0 KiB idle, $NG_RSS1 KiB with $NG_JOINED idle IRC connections"
    stop_idle
    stop_ngircd
fi

# ---------------------------------------------------------------------------------------------- table
lat() { local l; l=$(result_of "$1"); [[ -n $l ]] && echo "p50 $(sn_field "$l" p50_ms) ms, p99 $(sn_field "$l" p99_ms) ms, max $(sn_field "$l" max_ms) ms (lost $(sn_field "$l" lost), disorder $(sn_field "$l" disorder))" || echo -; }
echo
echo "====================================== idle-connection benchmark results ======================================"
echo "one SyncNet server (quorum 1), idle clients in rooms of $ROOM_SIZE; memory after two full GCs (jcmd GC.run)"
printf '  %-44s %s\n' "server RSS / heap in use, no idle clients" "$RSS0 KiB / $HEAP0 KiB"
printf '  %-44s %s\n' "with $IRC_JOINED idle IRC clients" "$RSS1 KiB / $HEAP1 KiB"
(( WS_N > 0 )) && printf '  %-44s %s\n' "and $WS_JOINED idle WebSocket clients" "$RSS2 KiB / $HEAP2 KiB"
total() { [[ $1 == - || $2 == - ]] && echo - || awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a + b }'; }
if [[ ${BENCH_PRETOUCH:-1} == 1 ]]; then
    echo "  (heap resident from the start: RSS growth = memory outside the heap; per connection = both together)"
else
    echo "  (BENCH_PRETOUCH=0: RSS growth includes heap pages touched for the first time; it does not add to the heap's)"
fi
if (( IRC_N > 0 )); then
    r=$(per_conn "$RSS1" "$RSS0" "$IRC_JOINED") h=$(per_conn "$HEAP1" "$HEAP0" "$IRC_JOINED")
    printf '  %-44s %s KiB RSS, %s KiB heap%s\n' "per idle IRC connection" "$r" "$h" \
        "$([[ ${BENCH_PRETOUCH:-1} == 1 ]] && echo ": $(total "$r" "$h") KiB")"
fi
if (( WS_N > 0 )); then
    r=$(per_conn "$RSS2" "$RSS1" "$WS_JOINED") h=$(per_conn "$HEAP2" "$HEAP1" "$WS_JOINED")
    printf '  %-44s %s KiB RSS, %s KiB heap%s\n' "per idle WebSocket connection" "$r" "$h" \
        "$([[ ${BENCH_PRETOUCH:-1} == 1 ]] && echo ": $(total "$r" "$h") KiB")"
fi
(( NG_JOINED > 0 )) && printf '  %-44s %s KiB RSS (%s -> %s KiB)\n' "ngircd, per idle IRC connection" \
    "$(per_conn "$NG_RSS1" "$NG_RSS0" "$NG_JOINED")" "$NG_RSS0" "$NG_RSS1"
printf '  %-44s %s\n' "server file descriptors with the idle clients" "$FD_COUNT"
for r in "${RESULTS[@]}"; do
    printf '  %-44s %s\n' "active load, ${r%%|*}" "$(lat "${r%%|*}")"
done
# One machine-readable line per system (scripts/bench_peer.sh gathers them): KiB per connection (RSS and heap
# together with the heap resident from the start) and the active load's latency beside the idle connections.
kib() { # RSS_AFTER RSS_BEFORE HEAP_AFTER HEAP_BEFORE N
    local r h
    r=$(per_conn "$1" "$2" "$5") h=$(per_conn "$3" "$4" "$5")
    if [[ ${BENCH_PRETOUCH:-1} == 1 ]]; then total "$r" "$h"; else echo "$r"; fi
}
idle_line=$(result_of "$(printf '%s\n' "${RESULTS[@]}" | tail -1 | cut -d'|' -f1)")
echo "RESULT system=syncnet idle=$(( IRC_JOINED + WS_JOINED ))" \
    "irc_kib_per_conn=$( (( IRC_N > 0 )) && kib "$RSS1" "$RSS0" "$HEAP1" "$HEAP0" "$IRC_JOINED" || echo -)" \
    "ws_kib_per_conn=$( (( WS_N > 0 )) && kib "$RSS2" "$RSS1" "$HEAP2" "$HEAP1" "$WS_JOINED" || echo -)" \
    "p50_ms=$(sn_field "$idle_line" p50_ms) p99_ms=$(sn_field "$idle_line" p99_ms) lost=$(sn_field "$idle_line" lost)"
(( NG_JOINED > 0 )) && echo "RESULT system=ngircd idle=$NG_JOINED irc_kib_per_conn=$(per_conn "$NG_RSS1" "$NG_RSS0" "$NG_JOINED")"
echo "active load: $CLIENTS IRC clients in one room, $SENDERS senders, $RATE msg/s for $SECONDS_RUN s (IrcBench rate; latency"
echo "of messages due after the ${WARMUP} s warm-up). Machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg). Logs: $OUT"
