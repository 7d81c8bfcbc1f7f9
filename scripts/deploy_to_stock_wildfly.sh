#!/usr/bin/env bash
# Deploys SyncNet to one stock WildFly installation (an unpacked wildfly-dist archive, not the server this build
# provisions): the steps of docs/operations.md, "Deploying to an existing WildFly", one for one.
#
#   scripts/deploy_to_stock_wildfly.sh WILDFLY_HOME SERVER_ID PORT_OFFSET
#
#   WILDFLY_HOME  the installation, as unpacked and never started with SyncNet before
#   SERVER_ID     this server's id in the members list (syncnet.server.id)
#   PORT_OFFSET   WildFly's port offset: HTTP 8080+offset, HTTPS 8443+offset, management 9990+offset, IRC over TLS
#                 6697+offset (the IRC and cluster UDP ports come from the members list)
# Environment:
#   SYNCNET_CLUSTER_MEMBERS  required: every server as id@host:udpPort/ringPosition, comma-separated, alike on all
#   SYNCNET_CLUSTER_SECRET   required: the cluster's secret, alike on all; given to the server in its environment only
#   SYNCNET_BIND_ADDRESS     the address of the HTTP and HTTPS ports (default 127.0.0.1); management stays on 127.0.0.1
#   SYNCNET_TLS_KEYSTORE, SYNCNET_TLS_KEYSTORE_PASSWORD
#                            optional: the HTTPS and IRC-over-TLS key store; its password, in the environment only
#   SYNCNET_START_TIMEOUT    seconds to wait for the server to run before deploying (default 90)
#   JBOSS_JAVA_SIZING        WildFly's own: the JVM's sizing flags (bin/standalone.conf)
# Needs "mvn package" first (target/syncnet.war and the SQLite driver's jar in target/sqlite-module).
# Leaves the server running; stop it with
#   WILDFLY_HOME/bin/jboss-cli.sh --connect --controller=127.0.0.1:<9990+offset> --command=:shutdown
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -eq 3 ]] || sn_die "usage: $0 WILDFLY_HOME SERVER_ID PORT_OFFSET (see the header of this script)"
WILDFLY_HOME=$(cd "$1" 2>/dev/null && pwd) || sn_die "no such folder: $1"
SERVER_ID=$2
PORT_OFFSET=$3
[[ $PORT_OFFSET =~ ^[0-9]{1,5}$ ]] || sn_die "PORT_OFFSET must be a number (got '$PORT_OFFSET')"
MEMBERS=${SYNCNET_CLUSTER_MEMBERS:-}
ADDRESS=${SYNCNET_BIND_ADDRESS:-127.0.0.1}
MGMT_PORT=$(( 9990 + PORT_OFFSET ))
CLI="$WILDFLY_HOME/bin/jboss-cli.sh"
# relative to the project's folder, where the steps run
SQLITE_JAR=target/sqlite-module/modules/org/xerial/sqlite-jdbc/main/sqlite-jdbc.jar
WAR=target/syncnet.war

say() { sn_info "$SERVER_ID: $*"; }

if [[ -n ${SYNCNET_TLS_KEYSTORE:-} ]]; then   # made absolute: the server does not run in this folder
    SYNCNET_TLS_KEYSTORE=$(realpath -e "$SYNCNET_TLS_KEYSTORE") || sn_die "SYNCNET_TLS_KEYSTORE names no file"
    [[ -n ${SYNCNET_TLS_KEYSTORE_PASSWORD:-} ]] || sn_die "SYNCNET_TLS_KEYSTORE is set but SYNCNET_TLS_KEYSTORE_PASSWORD is not"
fi
cd "$SN_ROOT" || exit 1   # the CLI scripts name each other relative to the project's folder
[[ -x $CLI && -f "$WILDFLY_HOME/standalone/configuration/standalone.xml" ]] \
    || sn_die "$WILDFLY_HOME is not a WildFly installation (no bin/jboss-cli.sh or standalone/configuration/standalone.xml)"
[[ ! -e "$WILDFLY_HOME/modules/org/xerial/sqlite-jdbc" ]] \
    || sn_die "$SERVER_ID: $WILDFLY_HOME has SyncNet's configuration already; to deploy a new WAR to it: $CLI --connect" \
              "--controller=127.0.0.1:$MGMT_PORT --command=\"deploy --force $SN_ROOT/$WAR\""
[[ ",${MEMBERS// /}," == *",$SERVER_ID@"* ]] \
    || sn_die "SYNCNET_CLUSTER_MEMBERS must list every server, $SERVER_ID among them (got '$MEMBERS')"
[[ -n ${SYNCNET_CLUSTER_SECRET:-} ]] || sn_die "SYNCNET_CLUSTER_SECRET is not set (the same secret on every server)"
[[ -f $WAR && -f $SQLITE_JAR ]] || sn_die "no build found ($SN_ROOT/$WAR, $SQLITE_JAR); run 'mvn -DskipTests package' first"
for port in "$(( 8080 + PORT_OFFSET ))" "$MGMT_PORT"; do
    ! sn_port_in_use tcp "$port" || sn_die "$SERVER_ID: port $port is taken $(sn_port_owner tcp "$port")"
done

export JBOSS_HOME=$WILDFLY_HOME   # never another installation named in the caller's environment

say "1. the SQLite driver module (org.xerial.sqlite-jdbc)"
"$CLI" --command="module add --name=org.xerial.sqlite-jdbc --resources=$SQLITE_JAR --module-xml=wildfly-config/server-content/modules/org/xerial/sqlite-jdbc/main/module.xml" \
    || sn_die "$SERVER_ID: could not add the module"

say "2. the configuration scripts (wildfly-config/stock-wildfly.cli)"
"$CLI" --file=wildfly-config/stock-wildfly.cli || sn_die "$SERVER_ID: the configuration scripts failed"

say "3. the server's settings, stored in its standalone.xml"
keystore=
[[ -n ${SYNCNET_TLS_KEYSTORE:-} ]] && keystore="/system-property=syncnet.tls.keystore:add(value=\"$SYNCNET_TLS_KEYSTORE\")"
"$CLI" --file=/dev/stdin <<EOF || sn_die "$SERVER_ID: could not store the settings"
embed-server --server-config=standalone.xml --std-out=discard
/system-property=jboss.bind.address:add(value=$ADDRESS)
/system-property=jboss.socket.binding.port-offset:add(value=$PORT_OFFSET)
/system-property=syncnet.server.id:add(value=$SERVER_ID)
/system-property=syncnet.cluster.members:add(value="$MEMBERS")
$keystore
stop-embedded-server
EOF

say "4. start (the secret and the key store's password in its environment; console: standalone/log/console.log)"
start_ms=$(sn_now_ms)
export SYNCNET_CLUSTER_SECRET
[[ -n ${SYNCNET_TLS_KEYSTORE_PASSWORD:-} ]] && export SYNCNET_TLS_KEYSTORE_PASSWORD
mkdir -p "$WILDFLY_HOME/standalone/log"
LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$WILDFLY_HOME/standalone/server.pid" \
    nohup setsid "$WILDFLY_HOME/bin/standalone.sh" </dev/null >"$WILDFLY_HOME/standalone/log/console.log" 2>&1 &

# Running once its management port answers /health/ready (WildFly's own checks: booted, no boot errors).
deadline=$(( start_ms + SN_START_TIMEOUT * 1000 ))
until sn_http_get "$MGMT_PORT" /health/ready 2; do
    pid=$(cat "$WILDFLY_HOME/standalone/server.pid" 2>/dev/null)
    if (( $(sn_now_ms) > deadline )) || { [[ -n $pid ]] && ! sn_alive "$pid"; } \
            || { [[ -z $pid ]] && (( $(sn_now_ms) - start_ms > 15000 )); }; then
        tail -n 30 "$WILDFLY_HOME/standalone/log/console.log" >&2
        sn_die "$SERVER_ID: WildFly did not come up within ${SN_START_TIMEOUT} s (or its JVM exited); see above"
    fi
    sleep 0.5
done
say "   running after $(sn_secs $(( $(sn_now_ms) - start_ms ))) s (pid $(cat "$WILDFLY_HOME/standalone/server.pid"))"

say "5. deploy syncnet.war"
"$CLI" --connect --controller="127.0.0.1:$MGMT_PORT" --command="deploy $WAR" \
    || sn_die "$SERVER_ID: the deployment failed (see $WILDFLY_HOME/standalone/log/server.log)"
say "deployed; ready once a quorum of the members runs: http://127.0.0.1:$MGMT_PORT/health/ready"
