#!/usr/bin/env bash
# Starts one server (N = 1..SYNCNET_SERVERS) with a fresh base dir and waits until it is ready.
# Builds first only when no build exists. Uses the cluster secret of the running cluster (runtime/cluster.secret) and
# its HTTPS key store (SYNCNET_TLS_KEYSTORE, or runtime/tls-keystore.p12, made when missing).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ $# -eq 1 ]] || sn_die "usage: $0 N   (N = 1..$SN_SERVERS)"
n=$1
sn_check_n "$n"
pid=$(sn_pid "$n")
[[ -z $pid ]] || sn_die "$(sn_id "$n") is already running (pid $pid)"
sn_check_ports "$n" || sn_die "ports of $(sn_id "$n") are taken (see above)"
mkdir -p "$SN_RUNTIME"
if [[ ! -f "$SN_WAR" || ! -x "$SN_SERVER_HOME/bin/standalone.sh" ]]; then
    [[ "${SKIP_BUILD:-0}" == 1 ]] && sn_require_build
    sn_build
fi
sn_secret
sn_tls
start_ms=$(sn_now_ms)
sn_info "Starting $(sn_id "$n") ..."
sn_prepare_base "$n"
sn_launch "$n"
if ! sn_wait_ready "$start_ms" "$n"; then
    pid=$(sn_pid "$n")
    [[ -n $pid ]] && echo "($(sn_id "$n") is still running as pid $pid; stop it with scripts/stop_server.sh $n)" >&2
    exit 1
fi
sn_print_urls "$n"
sn_view "$n" && sn_info "  view: leader $(sn_json_field "$SN_HTTP_BODY" leader), epoch $(sn_json_field "$SN_HTTP_BODY" epoch), role $(sn_json_field "$SN_HTTP_BODY" role)"
