#!/usr/bin/env bash
# Failover benchmark (prints numbers; not a test).
#
# For each timing profile (default 2.0 s / 5.0 s, then fast 0.2 s / 0.6 s):
#   1. start-up: time from scripts/start_all_servers.sh (SKIP_BUILD=1; the build is done once before and not
#      counted) until all servers are ready;
#   2. BENCH_TRIALS (default 10) leader failovers, alternating kill -9 and graceful stop (jboss-cli :shutdown)
#      of the current leader; each trial's time runs from the kill / the :shutdown command (sent through an
#      already connected jboss-cli, so the CLI's own start-up is not counted) until every survivor's REST view
#      names the same new leader (polled every ~15 ms);
#   3. between trials the old leader is restarted (scripts/start_server.sh) and the time until every server
#      names it leader again is printed too.
# Everything is stopped at the end, also on failure or Ctrl-C.
#   SKIP_BUILD=1        do not build first
#   BENCH_TRIALS=10     failovers per profile
#   BENCH_PROFILES="default fast"
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TRIALS=${BENCH_TRIALS:-10}
PROFILES=${BENCH_PROFILES:-default fast}
POLL=0.015
OUT="$SN_RUNTIME/bench"
mkdir -p "$OUT"

# Targets (ms) on a 2-core machine.
declare -A TARGET=([default.crash]=5500 [fast.crash]=1000 [default.graceful]=500 [fast.graceful]=500 [startup]=15000)

CLI_PID="" CLI_FD=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    [[ -n $CLI_FD ]] && { exec {CLI_FD}>&-; } 2>/dev/null
    [[ -n $CLI_PID ]] && kill "$CLI_PID" 2>/dev/null
    echo
    echo "Stopping all servers ..."
    "$SN_ROOT/scripts/stop_all_servers.sh" >"$OUT/stop_all.log" 2>&1 || cat "$OUT/stop_all.log"
    exit "$rc"
}
trap cleanup EXIT
trap 'echo; echo "Interrupted."; exit 130' INT TERM

for n in $(sn_all); do
    pid=$(sn_pid "$n")
    [[ -z $pid ]] || sn_die "$(sn_id "$n") is already running (pid $pid): the benchmark starts its own cluster; stop it first (scripts/stop_all_servers.sh)"
done
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    mkdir -p "$SN_RUNTIME"
    sn_build
fi
sn_require_build
sn_secret

# Every running server except $1 names the same leader, not $1 and not null. Sets AGREED.
survivors_agree() {
    local old=$1 m l
    AGREED=
    for m in $(sn_all); do
        [[ $(sn_id "$m") == "$old" ]] && continue
        l=$(sn_leader_of "$m" 1)
        [[ -z $l || $l == null || $l == "$old" ]] && return 1
        [[ -n $AGREED && $l != "$AGREED" ]] && return 1
        AGREED=$l
    done
    [[ -n $AGREED ]]
}

# Every server names $1 as leader.
all_name() {
    local want=$1 m
    for m in $(sn_all); do
        [[ $(sn_leader_of "$m" 1) == "$want" ]] || return 1
    done
}

# Opens a jboss-cli session to server $1 fed through a FIFO; returns once it is connected.
cli_open() {
    local n=$1 fifo="$OUT/cli.fifo" i
    rm -f "$fifo" "$OUT/cli.out"
    mkfifo "$fifo"
    JBOSS_HOME="$SN_SERVER_HOME" "$SN_SERVER_HOME/bin/jboss-cli.sh" --connect \
        --controller="$SN_HOST:$(sn_mgmt_port "$n")" <"$fifo" >"$OUT/cli.out" 2>&1 &
    CLI_PID=$!
    exec {CLI_FD}>"$fifo"
    echo ':read-attribute(name=server-state)' >&"$CLI_FD"
    for i in $(seq 1 300); do
        grep -q '"result" => "running"' "$OUT/cli.out" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "jboss-cli did not connect to $(sn_id "$n"):" >&2
    cat "$OUT/cli.out" >&2
    return 1
}
cli_close() {
    [[ -n $CLI_FD ]] && { exec {CLI_FD}>&-; } 2>/dev/null
    CLI_FD=""
    [[ -n $CLI_PID ]] && { wait "$CLI_PID" 2>/dev/null || true; }
    CLI_PID=""
}

ROWS=()       # "profile|trial|kind|old|new|failover_ms|back_ms|ready_ms"
STARTUP=()    # "profile|ms"
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

run_profile() {
    local profile=$1 t0 t1 ms i kind leader n pid new back ready
    if [[ $profile == fast ]]; then
        export SYNCNET_CLUSTER_HEARTBEAT_INTERVAL=0.2s SYNCNET_CLUSTER_FAILURE_TIMEOUT=0.6s
    else
        unset SYNCNET_CLUSTER_HEARTBEAT_INTERVAL SYNCNET_CLUSTER_FAILURE_TIMEOUT
    fi
    echo
    echo "=== profile '$profile': heartbeat ${SYNCNET_CLUSTER_HEARTBEAT_INTERVAL:-2.0s}, failure timeout ${SYNCNET_CLUSTER_FAILURE_TIMEOUT:-5.0s} ==="
    t0=$(sn_now_ms)
    if ! SKIP_BUILD=1 SYNCNET_WAIT_LEADER=0 "$SN_ROOT/scripts/start_all_servers.sh" >"$OUT/start_all.$profile.log" 2>&1; then
        cat "$OUT/start_all.$profile.log" >&2
        sn_die "start_all_servers.sh failed (profile $profile)"
    fi
    t1=$(sn_now_ms)
    STARTUP+=("$profile|$(( t1 - t0 ))")
    local highest t2=""
    highest=$(sn_highest)
    while (( $(sn_now_ms) - t1 < 60000 )); do
        if all_name "$highest"; then t2=$(sn_now_ms); break; fi
        sleep 0.05
    done
    printf 'start-up: all %s servers ready %s s after start_all_servers.sh began; all name %s leader after %s s (load average %s, %s CPUs)\n' \
        "$SN_SERVERS" "$(sn_secs $(( t1 - t0 )))" "$highest" "$( [[ -n $t2 ]] && sn_secs $(( t2 - t0 )) || echo 'NEVER (60 s)')" \
        "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" "$(nproc 2>/dev/null || echo '?')"

    for i in $(seq 1 "$TRIALS"); do
        if (( i % 2 )); then kind=crash; else kind=graceful; fi
        # Wait until everyone agrees on the leader before the next trial.
        for _ in $(seq 1 600); do
            sn_current_leader && all_name "$SN_LEADER" && break
            sleep 0.1
        done
        leader=$SN_LEADER
        n=$(sn_number_of "$leader") || sn_die "no agreed leader before trial $i"
        pid=$(sn_pid "$n")
        if [[ $kind == graceful ]]; then
            cli_open "$n" || sn_die "cannot open jboss-cli to $leader"
            t0=$(sn_now_ms)
            echo ':shutdown' >&"$CLI_FD"
        else
            t0=$(sn_now_ms)
            kill -KILL "$pid"
        fi
        new="timeout" ms=""
        while :; do
            if survivors_agree "$leader"; then
                ms=$(( $(sn_now_ms) - t0 )); new=$AGREED
                break
            fi
            (( $(sn_now_ms) - t0 > 30000 )) && break
            sleep "$POLL"
        done
        [[ $kind == graceful ]] && cli_close
        # The old JVM must be gone before it can be started again.
        for _ in $(seq 1 600); do sn_alive "$pid" || break; sleep 0.05; done
        sn_alive "$pid" && { kill -KILL "$pid"; sleep 0.5; }
        for _ in $(seq 1 100); do [[ -z "$(sn_pid "$n")" ]] && break; sleep 0.05; done

        # Bring the old leader back and wait until it leads again.
        t0=$(sn_now_ms)
        if ! "$SN_ROOT/scripts/start_server.sh" "$n" >"$OUT/start_server.$profile.$i.log" 2>&1; then
            cat "$OUT/start_server.$profile.$i.log" >&2
            sn_die "could not restart $leader after trial $i"
        fi
        ready=$(( $(sn_now_ms) - t0 ))
        back=""
        while :; do
            if all_name "$leader"; then back=$(( $(sn_now_ms) - t0 )); break; fi
            (( $(sn_now_ms) - t0 > 60000 )) && break
            sleep 0.05
        done
        ROWS+=("$profile|$i|$kind|$leader|$new|${ms:-}|${back:-}|$ready")
        printf 'trial %2d %-8s %s -> %-8s failover %8s ms   restarted %s: ready after %s s, leads again after %s s\n' \
            "$i" "$kind" "$leader" "$new" "${ms:-TIMEOUT}" "$leader" "$(sn_secs "$ready")" \
            "$( [[ -n $back ]] && sn_secs "$back" || echo 'NEVER (60 s)')"
    done
    "$SN_ROOT/scripts/stop_all_servers.sh" >"$OUT/stop_all.$profile.log" 2>&1
}

for p in $PROFILES; do run_profile "$p"; done

# ---------------------------------------------------------------------------------------------- report
verdict() { # value target
    [[ -z $1 || $1 == - ]] && { echo "MISSING"; return; }
    (( $1 <= $2 )) && echo ok || echo "OVER"
}
echo
echo "=================================== results ==================================="
printf '%-8s %5s %-9s %-8s %-8s %12s %16s %14s\n' profile trial kind stopped "new" "failover ms" "back-to-lead ms" "restart ms"
for r in "${ROWS[@]}"; do
    IFS='|' read -r p i k o nw ms back ready <<<"$r"
    printf '%-8s %5s %-9s %-8s %-8s %12s %16s %14s\n' "$p" "$i" "$k" "$o" "$nw" "${ms:-TIMEOUT}" "${back:-NEVER}" "$ready"
done
echo
printf '%-30s %6s %10s %10s %10s  %s\n' measurement n "median ms" "max ms" "target ms" verdict
for s in "${STARTUP[@]}"; do
    IFS='|' read -r p ms <<<"$s"
    printf '%-30s %6s %10s %10s %10s  %s\n' "start-up ($p)" 1 "$ms" "$ms" "${TARGET[startup]}" "$(verdict "$ms" "${TARGET[startup]}")"
done
for p in $PROFILES; do
    for k in crash graceful; do
        vals=() missing=0
        for r in "${ROWS[@]}"; do
            IFS='|' read -r rp i rk o nw ms back ready <<<"$r"
            [[ $rp == "$p" && $rk == "$k" ]] || continue
            if [[ -n $ms ]]; then vals+=("$ms"); else missing=$((missing + 1)); fi
        done
        (( ${#vals[@]} + missing )) || continue
        med=$(printf '%s\n' "${vals[@]}" | median)
        max=$(printf '%s\n' "${vals[@]}" | sort -n | tail -1)
        v=$(verdict "$max" "${TARGET[$p.$k]}")
        (( missing )) && v="$v, $missing TIMEOUT"
        printf '%-30s %6s %10s %10s %10s  %s\n' "$k failover ($p)" "$(( ${#vals[@]} + missing ))" "$med" "${max:--}" "${TARGET[$p.$k]}" "$v"
        vals=()
        for r in "${ROWS[@]}"; do
            IFS='|' read -r rp i rk o nw ms back ready <<<"$r"
            [[ $rp == "$p" && $rk == "$k" && -n $back ]] && vals+=("$back")
        done
        if ((${#vals[@]})); then
            printf '%-30s %6s %10s %10s %10s  %s\n' "  back to lead after $k" "${#vals[@]}" \
                "$(printf '%s\n' "${vals[@]}" | median)" "$(printf '%s\n' "${vals[@]}" | sort -n | tail -1)" "-" "(restart + catch-up + stability)"
        fi
    done
done
echo "Machine: $(nproc 2>/dev/null || echo '?') CPUs, load average now $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (other processes slow the start-up down)"
echo "Logs: $OUT and $SN_RUNTIME/serverN/log"
