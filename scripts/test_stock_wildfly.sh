#!/usr/bin/env bash
# Tests the deployment to stock WildFly (docs/operations.md, "Deploying to an existing WildFly"): three copies of the
# wildfly-dist archive unpacked under target/stock-wildfly-it/, each given SyncNet by scripts/deploy_to_stock_wildfly.sh
# (the documented steps) on its own port offset (400-402: HTTP 8480-8482, management 10390-10392, IRC 8400-8402,
# cluster UDP 8420-8422, all on 127.0.0.1); then checks that they make the same cluster as the provisioned servers:
# all three ready (MicroProfile Health on the management port), one leader in one epoch in every server's
# /syncnet/api/cluster view, and a message sent over IRC to server1 heard by an IRC client on server2. Stops the three
# and removes everything it made, also when a step fails (then it shows the tail of each server's log first).
#
#   scripts/test_stock_wildfly.sh [DIST_ARCHIVE]
#
# DIST_ARCHIVE: the org.wildfly:wildfly-dist tar.gz; default target/stock-wildfly/wildfly-dist-<version>.tar.gz, where
# "mvn verify" copies it (by hand: mvn dependency:copy -Dartifact=org.wildfly:wildfly-dist:39.0.1.Final:tar.gz
# -DoutputDirectory=target/stock-wildfly). Needs "mvn package" first. StockWildFlyDeployIT runs it in "mvn verify".
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The test's own folder (lib.sh makes the cluster secret and the self-signed key store in it) and its own settings:
# nothing of the caller's environment names other files or servers.
export SYNCNET_RUNTIME_DIR="$root/target/stock-wildfly-it"
unset SYNCNET_TLS_KEYSTORE SYNCNET_TLS_KEYSTORE_PASSWORD SYNCNET_CLUSTER_SECRET SYNCNET_BIND_ADDRESS JBOSS_HOME
. "$root/scripts/lib.sh"

DIST=${1:-$(ls "$root"/target/stock-wildfly/wildfly-dist-*.tar.gz 2>/dev/null | head -n 1)}
WORK=$SN_RUNTIME
OFFSETS=(400 401 402)
SERVERS=(1 2 3)
READY_TIMEOUT_S=180
LEADER_TIMEOUT_S=60
IRC_TIMEOUT_S=20

offset() { echo "${OFFSETS[$1 - 1]}"; }
http_port() { echo $(( 8080 + $(offset "$1") )); }
mgmt_port() { echo $(( 9990 + $(offset "$1") )); }
udp_port() { echo $(( 8020 + $(offset "$1") )); }
irc_port() { echo $(( $(udp_port "$1") - 20 )); }   # as the server derives it from its UDP port
home() { local h; h=("$WORK/server$1"/wildfly-*); echo "${h[0]}"; }
log() { sn_info "[stock-wildfly] $*"; }
fail() { printf '[stock-wildfly] FAILED: %s\n' "$*" >&2; exit 1; }

# Server N's JVM: the one its PID file names, else (not written yet) any, if its command line names the installation.
server_pid() {
    local h p
    h=$(home "$1")
    for p in $(cat "$h/standalone/server.pid" 2>/dev/null) /proc/[0-9]*; do
        p=${p#/proc/}
        [[ $p =~ ^[0-9]+$ ]] && tr '\0' '\n' <"/proc/$p/cmdline" 2>/dev/null | grep -qxF -- "-Djboss.home.dir=$h" \
            && { echo "$p"; return 0; }
    done
    return 1
}

# Stops every server of the test's folder (jboss-cli :shutdown, kill -9 after 30 s).
stop_servers() {
    local n pid pids=() deadline
    for n in "${SERVERS[@]}"; do
        pid=$(server_pid "$n") || continue
        pids+=("$pid")
        log "stopping server$n (pid $pid): jboss-cli --connect --controller=127.0.0.1:$(mgmt_port "$n") --command=:shutdown"
        JBOSS_HOME=$(home "$n") timeout 30 "$(home "$n")/bin/jboss-cli.sh" --connect \
            --controller="127.0.0.1:$(mgmt_port "$n")" --command=:shutdown >/dev/null 2>&1 &
    done
    deadline=$(( $(sn_now_ms) + 30000 ))
    for pid in "${pids[@]}"; do
        while sn_alive "$pid" && (( $(sn_now_ms) < deadline )); do sleep 0.2; done
        sn_alive "$pid" && { log "pid $pid did not stop within 30 s: kill -9"; kill -KILL "$pid"; }
    done
    wait
}

# On exit: the tail of each server's log if the test failed, then the servers stopped and the test's folder removed.
cleanup() {
    local rc=$? n pid
    trap - EXIT INT TERM
    for pid in "${deploy_pids[@]}"; do   # a deployment still under way (the test was interrupted): ended first
        sn_alive "$pid" && kill -TERM -- "-$pid" 2>/dev/null && wait "$pid"
    done
    if (( rc != 0 )); then
        for n in "${SERVERS[@]}"; do
            [[ -f "$(home "$n")/standalone/log/server.log" ]] || continue
            echo "----- server$n: last 40 lines of server.log -----" >&2
            tail -n 40 "$(home "$n")/standalone/log/server.log" >&2
        done
    fi
    stop_servers
    rm -rf "$WORK"
    log "removed $WORK"
    exit "$rc"
}

# ---------------------------------------------------------------------------------------------- IRC over /dev/tcp
# irc_expect NAME FD REGEX: reads lines until one matches (answering PINGs), at most IRC_TIMEOUT_S seconds.
irc_expect() {
    local name=$1 fd=$2 re=$3 line status deadline=$(( $(sn_now_ms) + IRC_TIMEOUT_S * 1000 ))
    while (( $(sn_now_ms) < deadline )); do
        IFS= read -r -t 1 -u "$fd" line
        status=$?
        line=${line%$'\r'}
        if [[ -n $line ]]; then
            [[ $line == PING* ]] && printf 'PONG %s\r\n' "${line#PING }" >&"$fd"
            [[ $line =~ $re ]] && return 0
        elif (( status == 1 )); then
            fail "$name: the server closed the IRC connection while waiting for /$re/"
        fi
    done
    fail "$name: no line matching /$re/ within $IRC_TIMEOUT_S s"
}

# irc_join VAR NICK N ROOM: an IRC client on server N (its fd in VAR), registered as NICK and in ROOM.
irc_join() {
    local -n fd_var=$1
    local nick=$2 n=$3 room=$4
    exec {fd_var}<>"/dev/tcp/127.0.0.1/$(irc_port "$n")" || fail "$nick: cannot connect to server$n's IRC port"
    printf 'NICK %s\r\nUSER %s 0 * :stock WildFly test\r\n' "$nick" "$nick" >&"$fd_var"
    irc_expect "$nick@server$n" "$fd_var" "^:[^ ]+ 001 $nick "
    printf 'JOIN %s\r\n' "$room" >&"$fd_var"
    irc_expect "$nick@server$n" "$fd_var" "^:[^ ]+ 366 $nick $room "
    log "$nick is in $room on server$n (IRC 127.0.0.1:$(irc_port "$n"))"
}

# ---------------------------------------------------------------------------------------------- the test
[[ -n $DIST && -f $DIST ]] || sn_die "no wildfly-dist archive (${DIST:-target/stock-wildfly/wildfly-dist-*.tar.gz}); see the header of $0"
[[ -d $WORK ]] && { log "stopping what an earlier run left in $WORK"; stop_servers; }
for n in "${SERVERS[@]}"; do
    for p in "tcp $(http_port "$n")" "tcp $(( 8443 + $(offset "$n") ))" "tcp $(mgmt_port "$n")" "tcp $(irc_port "$n")" \
             "tcp $(( 6697 + $(offset "$n") ))" "udp $(udp_port "$n")"; do
        set -- $p
        ! sn_port_in_use "$1" "$2" || sn_die "server$n's port $2/$1 is taken $(sn_port_owner "$1" "$2"); is an earlier run still up?"
    done
done
deploy_pids=()
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
test_start_ms=$(sn_now_ms)

rm -rf "$WORK" && mkdir -p "$WORK"
members=
for n in "${SERVERS[@]}"; do
    mkdir "$WORK/server$n"
    tar -xzf "$DIST" -C "$WORK/server$n" || fail "cannot unpack $DIST"
    members+="${members:+,}server$n@127.0.0.1:$(udp_port "$n")/$(( n - 1 ))"
done
log "three stock installations from $(basename "$DIST"): $WORK/server{1,2,3}/$(basename "$(home 1)")"

export SYNCNET_CLUSTER_MEMBERS=$members
sn_secret
sn_tls
# WildFly's own knob (bin/standalone.conf): three servers share this machine
export JBOSS_JAVA_SIZING=${SYNCNET_JVM_OPTS:-$SN_DEFAULT_JVM_OPTS}
deploy_ms=$(sn_now_ms)
for n in "${SERVERS[@]}"; do
    # each in a process group of its own, which cleanup ends if the test is interrupted meanwhile
    setsid "$root/scripts/deploy_to_stock_wildfly.sh" "$(home "$n")" "server$n" "$(offset "$n")" \
        > >(sed -u "s/^/[server$n] /") 2>&1 &
    deploy_pids+=($!)
done
failed=0
for pid in "${deploy_pids[@]}"; do wait "$pid" || failed=1; done
(( failed )) && fail "deploy_to_stock_wildfly.sh failed (see above)"
log "all three deployed in $(sn_secs $(( $(sn_now_ms) - deploy_ms ))) s"

deadline=$(( $(sn_now_ms) + READY_TIMEOUT_S * 1000 ))
for n in "${SERVERS[@]}"; do
    until sn_http_get "$(mgmt_port "$n")" /health/ready 2; do
        (( $(sn_now_ms) < deadline )) || fail "server$n is not ready after $READY_TIMEOUT_S s: $SN_HTTP_STATUS $SN_HTTP_BODY"
        sleep 0.5
    done
    log "server$n ready: http://127.0.0.1:$(mgmt_port "$n")/health/ready says $SN_HTTP_BODY"
done

# One leader in one epoch in every view, and the rule's leader: server3, the highest ring position (it takes over once
# it has been stably alive for its stability period, if it came up last).
deadline=$(( $(sn_now_ms) + LEADER_TIMEOUT_S * 1000 ))
while :; do
    views=() epochs=() agreed=1
    for n in "${SERVERS[@]}"; do
        if ! sn_http_get "$(http_port "$n")" /syncnet/api/cluster 2; then
            views+=("server$n: no view ($SN_HTTP_STATUS)"); agreed=0; continue
        fi
        leader=$(sn_json_field "$SN_HTTP_BODY" leader) epoch=$(sn_json_field "$SN_HTTP_BODY" epoch)
        quorum=$(sn_json_field "$SN_HTTP_BODY" hasQuorum)
        views+=("server$n: leader $leader, epoch $epoch, quorum $quorum")
        [[ $leader == server3 && $quorum == true ]] || agreed=0
        epochs+=("$epoch")
    done
    (( agreed )) && [[ ${#epochs[@]} == 3 && ${epochs[0]} == "${epochs[1]}" && ${epochs[0]} == "${epochs[2]}" ]] && break
    (( $(sn_now_ms) < deadline )) || fail "no one leader in one epoch within $LEADER_TIMEOUT_S s: $(printf '%s; ' "${views[@]}")"
    sleep 0.5
done
log "one leader in one epoch: $(printf '%s; ' "${views[@]}")"

# The Prometheus endpoint on the management port, with SyncNet's meters (the stock metrics subsystem gave way to it).
sn_http_get "$(mgmt_port 3)" /metrics 5 && [[ $SN_HTTP_BODY == *syncnet_cluster_epoch* ]] \
    || fail "server3: no syncnet_cluster_epoch at http://127.0.0.1:$(mgmt_port 3)/metrics (status $SN_HTTP_STATUS)"
log "server3: /metrics on the management port has syncnet_cluster_epoch"

room="#stock$RANDOM"
text="hello from server1, $RANDOM$RANDOM"
irc_join bob bob 2 "$room"
irc_join alice alice 1 "$room"
irc_expect bob@server2 "$bob" "^:alice![^ ]+ JOIN :?$room\$"
printf 'PRIVMSG %s :%s\r\n' "$room" "$text" >&"$alice"
irc_expect bob@server2 "$bob" "^:alice![^ ]+ PRIVMSG $room :$text\$"
log "bob on server2 heard alice on server1 in $room: \"$text\""
printf 'QUIT :done\r\n' >&"$alice"
printf 'QUIT :done\r\n' >&"$bob"

log "PASSED in $(sn_secs $(( $(sn_now_ms) - test_start_ms ))) s (before stopping the servers)"
