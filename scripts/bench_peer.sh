#!/usr/bin/env bash
# SyncNet against the fair peer, in one command (prints numbers; not a test): the table of docs/benchmarks.md and its
# chart. Runs these one after the other (each starts and stops what it measures, on ports of its own):
#   1. scripts/bench_irc.sh         1,000 msg/s (30 clients, 10 senders) on one ngircd, a network of three linked
#                                   ngircd and SyncNet's three servers: latency, server CPU, order agreement
#   2. scripts/bench_irc.sh         saturation (100 clients, 20 senders, 20 unconfirmed each) on the same three
#   3. scripts/bench_irc.sh         fan-out: 5,000 clients in one channel on one server, one sender at 10 msg/s
#                                   (SyncNet only: one ngircd did not get 5,000 clients into one channel within the
#                                   generator's 250 s, its joins being single-threaded and quadratic)
#   4. scripts/bench_chat.sh        1,000 msg/s over WebSocket (SyncNet)
#   5. scripts/bench_startup.sh     ready times and idle RSS per server (empty, and with 100,000 stored events)
#   6. scripts/bench_connections.sh RSS per idle connection (10,000 IRC, 2,000 WebSocket) and 1,000 msg/s beside them
#   7. scripts/bench_catchup.sh     a server that missed 100,000 events: transfer start to caught up
# Then prints the table (Markdown, with each target and whether it is met) and, with gnuplot, draws it as an SVG.
# Everything goes to runtime/bench-peer/: each step's output (STEP.log), results.txt (their RESULT lines), table.md
# and peer.svg. Takes about 15 minutes on two cores.
#
#   SKIP_BUILD=1        do not build (needs target/syncnet.war, target/server and target/test-classes)
#   BENCH_STEPS="irc-rate irc-saturation irc-fanout chat-rate startup connections catchup"   a subset, for a rerun
#   BENCH_SECONDS=15    length of each load phase (the steps' own settings pass through otherwise)
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/runtime/bench-peer"
STEPS=${BENCH_STEPS:-irc-rate irc-saturation irc-fanout chat-rate startup connections catchup}
mkdir -p "$OUT"
RESULTS="$OUT/results.txt"
. "$ROOT/scripts/lib.sh"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "Building ..."
    sn_build
fi
export SKIP_BUILD=1

# step NAME COMMAND...: runs a step, keeps its output in NAME.log and its RESULT lines, tagged with NAME.
step() {
    local name=$1 start
    shift
    start=$(sn_now_ms)
    echo "=== $name: $* ==="
    if ! "$@" >"$OUT/$name.log" 2>&1; then
        tail -n 20 "$OUT/$name.log" >&2
        sn_warn "$name failed (see $OUT/$name.log); its cells stay empty"
    fi
    sed -i "/^$name /d" "$RESULTS" 2>/dev/null
    grep '^RESULT ' "$OUT/$name.log" | sed "s/^/$name /" >>"$RESULTS"
    echo "    $(grep -c '^RESULT ' "$OUT/$name.log") result(s) in $(sn_secs $(( $(sn_now_ms) - start ))) s"
}

touch "$RESULTS"
for s in $STEPS; do
    case $s in
        irc-rate) step "$s" env BENCH_SCENARIOS=rate "$ROOT/scripts/bench_irc.sh" ;;
        irc-saturation) step "$s" env BENCH_SCENARIOS=saturation BENCH_CLIENTS=100 BENCH_SENDERS=20 "$ROOT/scripts/bench_irc.sh" ;;
        irc-fanout) step "$s" env BENCH_SCENARIOS=rate BENCH_SYSTEMS=syncnet BENCH_ONE_PORT=1 BENCH_CLIENTS=5000 \
            BENCH_SENDERS=1 BENCH_RATE=10 BENCH_SECONDS=30 "$ROOT/scripts/bench_irc.sh" ;;
        chat-rate) step "$s" env BENCH_SCENARIOS=rate BENCH_BASELINE=0 "$ROOT/scripts/bench_chat.sh" ;;
        startup) step "$s" "$ROOT/scripts/bench_startup.sh" ;;
        connections) step "$s" env BENCH_WS=2000 "$ROOT/scripts/bench_connections.sh" ;;
        catchup) step "$s" "$ROOT/scripts/bench_catchup.sh" ;;
        *) sn_warn "unknown step '$s'" ;;
    esac
done

# ---------------------------------------------------------------------------------------------- table
# line STEP KEY=VALUE...: the first RESULT line of STEP whose fields match all KEY=VALUE
line() {
    local name=$1 l kv ok
    shift
    while IFS= read -r l; do
        ok=1
        for kv in "$@"; do [[ " $l " == *" $kv "* ]] || { ok=0; break; }; done
        (( ok )) && { echo "${l#"$name "}"; return; }
    done < <(grep "^$name " "$RESULTS")
}
f() { local v; v=$(sn_field "$1" "$2"); echo "${v:--}"; }   # LINE KEY: the field, "-" if absent
nth() { cut -d, -f"$2" <<<"$1"; }                               # LIST N
max_of() { tr ',' '\n' <<<"$1" | sort -n | tail -1; }           # LIST
ok() { # VALUE OP LIMIT: "met" / "missed" / ""
    [[ $1 =~ ^[0-9.]+$ ]] || return 0
    if awk -v a="$1" -v b="$3" -v op="$2" 'BEGIN { exit !(op == "<=" ? a <= b : a >= b) }'; then echo "met"; else echo "missed"; fi
}

rate() { line irc-rate "server=$1" scenario=rate; }
sat() { line irc-saturation "server=$1" scenario=saturation; }
R_SN=$(rate syncnet) R_NG=$(rate ngircd) R_NET=$(rate ngircd-net)
S_SN=$(sat syncnet) S_NG=$(sat ngircd) S_NET=$(sat ngircd-net)
F_SN=$(line irc-fanout server=syncnet scenario=rate)
W_SN=$(line chat-rate scenario=rate)
U3=$(line startup label=syncnet-3) U1=$(line startup label=syncnet-1) UH=$(line startup label=syncnet-3-history)
UNG=$(line startup label=ngircd-1) UNET=$(line startup label=ngircd-net-3)
C_SN=$(line connections system=syncnet) C_NG=$(line connections system=ngircd)
K_SN=$(line catchup scenario=catchup)

sat_sn=$(f "$S_SN" deliveries_per_s) sat_net=$(f "$S_NET" deliveries_per_s)
ratio=$(awk -v a="$sat_sn" -v b="$sat_net" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }')
order() { # LINE: whether every client saw one order
    [[ -n $1 ]] || { echo "-"; return; }
    if [[ $(f "$1" disorder) == 0 ]]; then echo "yes"; else echo "no ($(f "$1" disorder) disagreements)"; fi
}
mib() { [[ $1 == - ]] && echo "-" || echo "$1 MiB"; }

{
    echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(uname -m)), by \`scripts/bench_peer.sh\`."
    echo
    echo "| | single ngircd | ngircd network of 3 | SyncNet, 3 servers | target | |"
    echo "|---|---|---|---|---|---|"
    echo "| saturation, deliveries/s (100 clients, 20 senders) | $(f "$S_NG" deliveries_per_s) | $sat_net | $sat_sn (${ratio}× the network) | ≥ 1.0× the network | $(ok "$ratio" '>=' 1.0) |"
    echo "| server CPU per 1,000 deliveries at saturation | $(f "$S_NG" cpu_servers_ms_per_k) ms | $(f "$S_NET" cpu_servers_ms_per_k) ms | $(f "$S_SN" cpu_servers_ms_per_k) ms | | |"
    echo "| 1,000 msg/s over IRC (30 clients): p50 / p99 | $(f "$R_NG" p50_ms) / $(f "$R_NG" p99_ms) ms | $(f "$R_NET" p50_ms) / $(f "$R_NET" p99_ms) ms | $(f "$R_SN" p50_ms) / $(f "$R_SN" p99_ms) ms | ≤ 2 / ≤ 10 ms | $(ok "$(f "$R_SN" p50_ms)" '<=' 2) / $(ok "$(f "$R_SN" p99_ms)" '<=' 10) |"
    echo "| 1,000 msg/s over WebSocket: p50 / p99 | | | $(f "$W_SN" p50_ms) / $(f "$W_SN" p99_ms) ms | ≤ 2 / ≤ 10 ms | $(ok "$(f "$W_SN" p50_ms)" '<=' 2) / $(ok "$(f "$W_SN" p99_ms)" '<=' 10) |"
    echo "| server CPU per 1,000 deliveries at 1,000 msg/s | $(f "$R_NG" cpu_servers_ms_per_k) ms | $(f "$R_NET" cpu_servers_ms_per_k) ms | $(f "$R_SN" cpu_servers_ms_per_k) ms | | |"
    echo "| fan-out: 5,000 members on one server, 10 msg/s: p50 / p99 | (not run: see the script) | | $(f "$F_SN" p50_ms) / $(f "$F_SN" p99_ms) ms | p99 ≤ 100 ms | $(ok "$(f "$F_SN" p99_ms)" '<=' 100) |"
    echo "| clients agreeing on one order | $(order "$R_NG") | $(order "$R_NET") | $(order "$R_SN") | yes | |"
    echo "| start-up: ready, 3 servers (empty history) | $(f "$UNG" ready_s) s (1 server) | $(f "$UNET" ready_s) s (linked) | $(f "$U3" ready_s) s | ≤ 10 s | $(ok "$(f "$U3" ready_s)" '<=' 10) |"
    echo "| start-up: ready, 1 server | | | $(f "$U1" ready_s) s | ≤ 5 s | $(ok "$(f "$U1" ready_s)" '<=' 5) |"
    echo "| start-up: ready, 3 servers with $(f "$UH" history) stored events | | | $(f "$UH" ready_s) s | ≤ 10 s | $(ok "$(f "$UH" ready_s)" '<=' 10) |"
    echo "| idle RSS per server, empty history (largest) | $(mib "$(max_of "$(f "$UNG" rss_mib)")") | $(mib "$(max_of "$(f "$UNET" rss_mib)")") | $(mib "$(max_of "$(f "$U3" rss_mib)")") | ≤ 256 MiB | $(ok "$(max_of "$(f "$U3" rss_mib)")" '<=' 256) |"
    echo "| idle RSS per server with $(f "$UH" history) stored events (largest) | | | $(mib "$(max_of "$(f "$UH" rss_mib)")") | ≤ 256 MiB | $(ok "$(max_of "$(f "$UH" rss_mib)")" '<=' 256) |"
    echo "| RSS per idle IRC connection (in one channel) | $(f "$C_NG" irc_kib_per_conn) KiB | | $(f "$C_SN" irc_kib_per_conn) KiB | ≤ 16 KiB | $(ok "$(f "$C_SN" irc_kib_per_conn)" '<=' 16) |"
    echo "| RSS per idle WebSocket connection | | | $(f "$C_SN" ws_kib_per_conn) KiB | ≤ 16 KiB | $(ok "$(f "$C_SN" ws_kib_per_conn)" '<=' 16) |"
    echo "| 1,000 msg/s beside $(f "$C_SN" idle) idle connections on one server: p50 / p99 | | | $(f "$C_SN" p50_ms) / $(f "$C_SN" p99_ms) ms | ≤ 2 / ≤ 10 ms | $(ok "$(f "$C_SN" p50_ms)" '<=' 2) / $(ok "$(f "$C_SN" p99_ms)" '<=' 10) |"
    echo "| catch-up of $(f "$K_SN" events) missed events (transfer start to caught up) | | | $(f "$K_SN" catch_up_s) s | ≤ 5 s | $(ok "$(f "$K_SN" catch_up_s)" '<=' 5) |"
} >"$OUT/table.md"
echo
cat "$OUT/table.md"

# ---------------------------------------------------------------------------------------------- chart
if ! command -v gnuplot >/dev/null; then
    echo
    echo "(no gnuplot: the chart is not drawn; Debian package gnuplot-nox)"
    exit 0
fi
num() { [[ $1 =~ ^[0-9.]+$ ]] && echo "$1" || echo 0; }
{
    echo "# system, million deliveries/s, CPU ms per 1,000 deliveries, p50 ms, p99 ms, idle RSS MiB"
    for sys in ngircd ngircd-net syncnet; do
        case $sys in
            ngircd) r=$R_NG s=$S_NG rss=$(max_of "$(f "$UNG" rss_mib)") label='"ngircd"' ;;
            ngircd-net) r=$R_NET s=$S_NET rss=$(max_of "$(f "$UNET" rss_mib)") label='"ngircd network (3)"' ;;
            syncnet) r=$R_SN s=$S_SN rss=$(max_of "$(f "$U3" rss_mib)") label='"SyncNet (3)"' ;;
        esac
        echo "$label $(num "$(awk -v v="$(f "$s" deliveries_per_s)" 'BEGIN { printf "%.3f", v / 1e6 }')")" \
            "$(num "$(f "$s" cpu_servers_ms_per_k)") $(num "$(f "$r" p50_ms)") $(num "$(f "$r" p99_ms)") $(num "$rss")"
    done
} >"$OUT/peer.dat"
gnuplot <<EOF 2>"$OUT/gnuplot.log" || { cat "$OUT/gnuplot.log" >&2; sn_die "gnuplot failed"; }
set terminal svg size 900,560 font "sans,11" background rgb "white"
set output "$OUT/peer.svg"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics lc rgb "#dddddd"
set key top left
set yrange [0:*]
set xrange [-0.6:2.6]
set xtics nomirror font "sans,9"
set multiplot layout 2,2 title "SyncNet against ngircd, $(date -u +%Y-%m-%d), $(nproc) cores"
set title "saturation, million deliveries/s (higher is better)"
plot "$OUT/peer.dat" using 2:xtic(1) title "" lc rgb "#4477aa"
set title "server CPU per 1,000 deliveries at saturation, ms"
plot "$OUT/peer.dat" using 3:xtic(1) title "" lc rgb "#cc6677"
set title "latency at 1,000 msg/s, ms"
plot "$OUT/peer.dat" using 4:xtic(1) title "p50" lc rgb "#88ccee", "" using 5 title "p99" lc rgb "#332288"
set title "idle RSS per server (largest), MiB"
plot "$OUT/peer.dat" using 6:xtic(1) title "" lc rgb "#117733"
unset multiplot
EOF
echo
echo "Chart: $OUT/peer.svg ($(wc -c <"$OUT/peer.svg") bytes); table: $OUT/table.md"
