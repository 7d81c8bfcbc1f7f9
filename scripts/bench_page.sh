#!/usr/bin/env bash
# The chat page's speed, A/B against an older page (prints numbers; not a test).
#
# Builds once, then starts the three servers alternately with this build's WAR ("new") and the same WAR with the
# page (index.html, chat.js, chat.css) of BENCH_PAGE_BASE ("old"), BENCH_PAIRS times each, interleaved. Each time
# PageTimingBench fills #lobby with 200 messages and measures BENCH_ROUNDS fresh headless Chromiums: the page's load,
# joining #lobby until its history is shown, and a dropped WebSocket until the page is connected and resumed again.
# Needs /usr/bin/chromium and /usr/bin/chromedriver. Everything is stopped at the end, also on failure or Ctrl-C.
#   BENCH_PAGE_BASE=477cea9   the commit whose page is "old"
#   BENCH_PAIRS=2             new/old pairs
#   BENCH_ROUNDS=10           browsers per run
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BASE_REV=${BENCH_PAGE_BASE:-477cea9}
PAIRS=${BENCH_PAIRS:-2}
ROUNDS=${BENCH_ROUNDS:-10}
OUT="$SN_RUNTIME/bench/page"
rm -rf "$OUT" && mkdir -p "$OUT/old-page"
trap '"$SN_ROOT/scripts/stop_all_servers.sh" >/dev/null 2>&1' EXIT

cd "$SN_ROOT" || exit 1
mvn -q -o package -DskipTests || mvn -q package -DskipTests || exit 1
mvn -q -o test-compile || exit 1
cp target/syncnet.war "$OUT/new.war"
cp target/syncnet.war "$OUT/old.war"
for f in index.html chat.js chat.css; do
    git show "$BASE_REV:src/main/webapp/$f" > "$OUT/old-page/$f" || exit 1
done
(cd "$OUT/old-page" && jar uf ../old.war index.html chat.js chat.css) || exit 1
echo "page bytes (HTML+JS+CSS): new $(cat src/main/webapp/index.html src/main/webapp/chat*.js src/main/webapp/chat.css | wc -c)," \
     "old $(cat "$OUT"/old-page/* | wc -c)"

for ((pair = 1; pair <= PAIRS; pair++)); do
    for variant in new old; do
        "$SN_ROOT/scripts/stop_all_servers.sh" >/dev/null 2>&1
        cp "$OUT/$variant.war" target/syncnet.war
        SKIP_BUILD=1 "$SN_ROOT/scripts/start_all_servers.sh" > "$OUT/start-$variant-$pair.log" 2>&1 \
            || { cat "$OUT/start-$variant-$pair.log"; exit 1; }
        mvn -q -o surefire:test -Dtest=PageTimingBench -Dsurefire.failIfNoSpecifiedTests=false \
            -Dbench.label="$variant" -Dbench.rounds="$ROUNDS" 2>&1 | grep -E "^$variant (round|medians)" \
            | tee "$OUT/$variant-$pair.txt"
    done
done
cp "$OUT/new.war" target/syncnet.war
echo "medians:"; grep -h medians "$OUT"/*.txt | sort
