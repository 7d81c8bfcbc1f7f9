#!/usr/bin/env bash
# Stops every server gracefully and in parallel (jboss-cli :shutdown, kill after SYNCNET_STOP_TIMEOUT s).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
pids=()
for n in $(sn_all); do
    if [[ -n "$(sn_pid "$n")" ]]; then
        sn_stop "$n" &
        pids+=($!)
    else
        sn_info "$(sn_id "$n") is not running"
    fi
done
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=1; done
exit $rc
