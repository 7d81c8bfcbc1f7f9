#!/usr/bin/env bash
# Asks the live servers who leads, stops that server gracefully (jboss-cli :shutdown), then prints who
# leads afterwards and how long the survivors took to agree.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
sn_current_leader || sn_die "no running server names a leader (is the cluster up? scripts/cluster_status.sh)"
leader=$SN_LEADER asked=$SN_ASKED
n=$(sn_number_of "$leader") || sn_die "cannot map leader id '$leader' to a server number"
sn_info "$(sn_id "$asked") says the leader is $leader (epoch $(sn_json_field "$SN_HTTP_BODY" epoch))"
sn_stop "$n" || exit 1
stopped_ms=$(sn_now_ms)
# Wait (up to the failure timeout and a margin) until every surviving server names one new leader.
deadline=$(( stopped_ms + 15000 ))
while :; do
    agreed="" ok=1 views=""
    for m in $(sn_all); do
        [[ $m == "$n" || -z "$(sn_pid "$m")" ]] && continue
        l=$(sn_leader_of "$m" 1)
        views+=" $(sn_id "$m")->${l:-unreachable}"
        if [[ -z $l || $l == null || $l == "$leader" ]] || [[ -n $agreed && $l != "$agreed" ]]; then ok=0; fi
        agreed=${agreed:-$l}
    done
    if (( ok )) && [[ -n $agreed ]]; then
        sn_info "New leader: $agreed (all survivors agree${views:+:$views}; $(sn_secs $(( $(sn_now_ms) - stopped_ms ))) s after $leader exited)"
        exit 0
    fi
    if (( $(sn_now_ms) > deadline )); then
        sn_info "No agreed new leader 15 s after $leader exited:$views"
        exit 1
    fi
    sleep 0.05
done
