#!/usr/bin/env bash
# Kills one server's JVM with SIGKILL (no graceful leave): for failure testing.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ $# -eq 1 ]] || sn_die "usage: $0 N   (N = 1..$SN_SERVERS)"
sn_check_n "$1"
sn_kill "$1"
