#!/usr/bin/env bash
# Builds SyncNet, then starts all servers (SYNCNET_SERVERS, default 3) on 127.0.0.1 at once and waits until
# every one is ready (knows a leader with quorum). Prints the URLs and the leader. HTTPS uses SYNCNET_TLS_KEYSTORE, or
# a self-signed certificate made on the first start (scripts/lib.sh, sn_tls).
#   SKIP_BUILD=1                  use the existing target/syncnet.war and target/server
#   SYNCNET_START_TIMEOUT=90      readiness deadline in seconds
#   SYNCNET_JVM_OPTS / JAVA_OPTS  JVM flags (see scripts/lib.sh)
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

start_ms=$(sn_now_ms)
mkdir -p "$SN_RUNTIME"

# Already running? Ports taken? Check before the (possibly long) build.
running=0
for n in $(sn_all); do
    pid=$(sn_pid "$n")
    if [[ -n $pid ]]; then
        echo "ERROR: $(sn_id "$n") is already running (pid $pid); stop it first: scripts/stop_all_servers.sh" >&2
        running=1
    fi
done
(( running )) && exit 1
check_ports() {
    local n bad=0
    for n in $(sn_all); do sn_check_ports "$n" || bad=1; done
    (( bad )) && sn_die "ports needed by the cluster are taken (see above); free them or stop what holds them"
    return 0
}
check_ports

if [[ "${SKIP_BUILD:-0}" == 1 ]]; then
    sn_require_build
else
    sn_build
    sn_require_build
    check_ports
fi

sn_secret
sn_tls
launch_ms=$(sn_now_ms)
sn_info "Starting $SN_SERVERS servers (members: $(sn_members)) ..."
for n in $(sn_all); do
    sn_prepare_base "$n"
    sn_launch "$n"
done

if ! sn_wait_ready "$launch_ms" $(sn_all); then
    echo "ERROR: the cluster did not come up; stopping the servers that were started (logs stay in $SN_RUNTIME/serverN/log)" >&2
    for n in $(sn_all); do
        pid=$(sn_pid "$n")
        [[ -n $pid ]] && kill -KILL "$pid" 2>/dev/null
    done
    exit 1
fi

end_ms=$(sn_now_ms)
sn_info ""
sn_info "All $SN_SERVERS servers are ready in $(sn_secs $(( end_ms - launch_ms ))) s (total with build $(sn_secs $(( end_ms - start_ms ))) s)."
for n in $(sn_all); do sn_print_urls "$n"; done
# All are ready (each knows a leader with quorum). The highest server may still be waiting out its
# stability period if it came up last; wait for everyone to name it (SYNCNET_WAIT_LEADER=0 skips this).
highest=$(sn_highest)
if [[ "${SYNCNET_WAIT_LEADER:-1}" != 0 ]]; then
    settle_deadline=$(( $(sn_now_ms) + 30000 ))
    until sn_all_name "$highest" $(sn_all) || (( $(sn_now_ms) > settle_deadline )); do sleep 0.1; done
fi
if sn_current_leader; then
    if sn_all_name "$SN_LEADER" $(sn_all); then agree="all servers agree"; else agree="as $(sn_id "$SN_ASKED") sees it; not all servers agree yet"; fi
    sn_info "Leader: $SN_LEADER (epoch $(sn_json_field "$SN_HTTP_BODY" epoch); $agree)"
    [[ $SN_LEADER == "$highest" ]] || sn_info "  ($highest, the highest, takes over once it has been stably alive for its stability period)"
else
    sn_info "Leader: none"
fi
[[ -n $SN_TLS_NOTE ]] && sn_info "$SN_TLS_NOTE"
sn_info "Logs: $SN_RUNTIME/serverN/log/server.log   Status: scripts/cluster_status.sh   Stop: scripts/stop_all_servers.sh"
