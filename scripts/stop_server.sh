#!/usr/bin/env bash
# Stops one server gracefully (jboss-cli :shutdown: the server announces its leave to the others).
# Falls back to kill after SYNCNET_STOP_TIMEOUT seconds (default 30).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ $# -eq 1 ]] || sn_die "usage: $0 N   (N = 1..$SN_SERVERS)"
sn_check_n "$1"
sn_stop "$1"
