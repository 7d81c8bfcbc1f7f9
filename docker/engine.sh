#!/usr/bin/env bash
# Starts a Docker engine for the container tests when none runs, and stops it again, leaving the host as it was.
#   docker/engine.sh start   prints nothing more when an engine already answers; else starts dockerd (as root)
#   docker/engine.sh stop    stops only an engine this script started, then restores the iptables rules and
#                            net.ipv4.ip_forward saved before it started (dockerd leaves FORWARD DROP, its chains and
#                            ip_forward=1 behind)
# State lives in ${SYNCNET_ENGINE_STATE:-/tmp/syncnet-docker-engine}.
set -euo pipefail
state=${SYNCNET_ENGINE_STATE:-/tmp/syncnet-docker-engine}

start() {
    if docker info >/dev/null 2>&1; then
        echo "engine: a Docker engine already runs; using it"
        return
    fi
    [[ $(id -u) -eq 0 ]] || { echo "engine: no Docker engine runs and starting one needs root" >&2; exit 1; }
    command -v dockerd >/dev/null || { echo "engine: dockerd is not installed (apt-get install docker.io)" >&2; exit 1; }
    mkdir -p "$state"
    iptables-save >"$state/iptables.rules"
    cat /proc/sys/net/ipv4/ip_forward >"$state/ip_forward"
    dockerd --pidfile "$state/dockerd.pid" >"$state/dockerd.log" 2>&1 &
    echo $! >"$state/started"
    for _ in $(seq 1 120); do
        docker info >/dev/null 2>&1 && { echo "engine: dockerd started (log $state/dockerd.log)"; return; }
        kill -0 "$(cat "$state/started")" 2>/dev/null || break
        sleep 0.5
    done
    echo "engine: dockerd did not come up; its log:" >&2
    tail -n 30 "$state/dockerd.log" >&2
    stop
    exit 1
}

stop() {
    [[ -f $state/started ]] || { echo "engine: not started by this script; left alone"; return; }
    local pid
    pid=$(cat "$state/started")
    if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    # dockerd's own chains and rules go with a full restore of what was there before; tables it created that did
    # not exist before (nat) are emptied.
    local table
    for table in filter nat mangle raw; do
        grep -q "^\*$table$" "$state/iptables.rules" && continue
        iptables -t "$table" -F 2>/dev/null || true
        iptables -t "$table" -X 2>/dev/null || true
    done
    iptables-restore <"$state/iptables.rules"
    cat "$state/ip_forward" >/proc/sys/net/ipv4/ip_forward
    ip link delete docker0 2>/dev/null || true
    rm -f "$state/started"
    echo "engine: dockerd stopped; iptables and ip_forward restored"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
