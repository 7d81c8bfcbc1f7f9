#!/usr/bin/env bash
# Prints every server's view of the cluster side by side (works when some servers are down).
# Needs only a JDK: the table is made by scripts/ClusterStatus.java (compiled once into runtime/tools).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v java >/dev/null 2>&1 || sn_die "java is not on the PATH"
args=()
for n in $(sn_all); do
    pid=$(sn_pid "$n")
    args+=("$(sn_id "$n"):$(sn_http_port "$n"):$(sn_mgmt_port "$n"):${pid:--}")
done
src="$SN_ROOT/scripts/ClusterStatus.java"
tools="$SN_RUNTIME/tools"
if command -v javac >/dev/null 2>&1; then
    if [[ ! -f "$tools/ClusterStatus.class" || "$src" -nt "$tools/ClusterStatus.class" ]]; then
        mkdir -p "$tools"
        javac -nowarn -d "$tools" "$src" || sn_die "could not compile $src"
    fi
    exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$tools" ClusterStatus "${args[@]}"
fi
exec java "$src" "${args[@]}"
