# shellcheck shell=bash
# Common functions for the SyncNet operations scripts. Source it; do not run it.
#
# Layout (all derived from this file's location, so the scripts work from any directory):
#   $SN_ROOT/target/syncnet.war          the WAR (mvn package)
#   $SN_ROOT/target/server               the provisioned WildFly installation (mvn package)
#   $SN_ROOT/runtime/serverN/            server N's base dir (configuration, deployments, data, log)
#   $SN_ROOT/runtime/serverN/server.pid  the JVM's PID while it runs (standalone.sh writes it)
#   $SN_ROOT/runtime/cluster.secret      the local cluster's secret (0600), created on first start
#   $SN_ROOT/runtime/tls-keystore.p12    the local cluster's self-signed HTTPS certificate, created on first start
#   $SN_ROOT/runtime/tls-keystore.password  its random password (0600)
#
# Settings read from the environment (all optional):
#   SYNCNET_SERVERS          number of servers (default 3); the members list is derived from it
#   SYNCNET_CLUSTER_MEMBERS  explicit members list (id@host:udpPort/ringPosition,...); overrides the derived one
#   SYNCNET_PORT_OFFSET_BASE port offset of server1 (default 0): server N uses offset BASE+N-1 (HTTP 8080+offset,
#                            management 9990+offset, UDP 8020+offset), so a second cluster (a benchmark's, with its
#                            own SYNCNET_RUNTIME_DIR) runs beside a hand-started one
#   SYNCNET_RUNTIME_DIR      base dirs, PID files and secret (default runtime/)
#   SYNCNET_CLUSTER_SECRET   cluster secret; default: the contents of runtime/cluster.secret
#   SYNCNET_TLS_KEYSTORE, SYNCNET_TLS_KEYSTORE_PASSWORD
#                            the HTTPS key store (PKCS12 or JKS; one password for the store and its key), passed to
#                            every server; default: runtime/tls-keystore.p12, self-signed for localhost and 127.0.0.1
#   SYNCNET_TLS_REQUIRE      true: plain HTTP does not serve the chat (passed through like the cluster settings)
#   SYNCNET_CLUSTER_HEARTBEAT_INTERVAL, SYNCNET_CLUSTER_FAILURE_TIMEOUT, SYNCNET_CLUSTER_QUORUM:
#                            passed through to every server (MicroProfile Config reads the environment)
#   SYNCNET_IO_THREADS       Undertow I/O threads per server (default: the machine's cores / SYNCNET_SERVERS, at least 1)
#   SYNCNET_JVM_OPTS         JVM sizing flags (default: small flags for three servers on two cores)
#   SYNCNET_CDS              1 (default): the servers share a class-data archive of WildFly's and SyncNet's classes
#                            (runtime/cds/, written by server1's first run on this JVM and installation); 0: none
#   JAVA_OPTS                if set, replaces WildFly's whole default JVM option set (see standalone.conf)
#   SYNCNET_START_TIMEOUT    seconds to wait for readiness (default 90)
#   SYNCNET_STOP_TIMEOUT     seconds to wait for a graceful stop before killing (default 30)
#   SKIP_BUILD=1             do not run Maven (start_all_servers.sh)
#   SYNCNET_HISTORY_DB       sqlite (default) or postgresql; with postgresql also SYNCNET_HISTORY_DB_URL ("{server}" is
#                            the server's id), SYNCNET_HISTORY_DB_USER, SYNCNET_HISTORY_DB_PASSWORD (see "history database")

set -o pipefail

SN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SN_RUNTIME="${SYNCNET_RUNTIME_DIR:-$SN_ROOT/runtime}"
SN_SERVER_HOME="$SN_ROOT/target/server"
SN_WAR="$SN_ROOT/target/syncnet.war"
SN_SECRET_FILE="$SN_RUNTIME/cluster.secret"
SN_SERVERS="${SYNCNET_SERVERS:-3}"
SN_OFFSET_BASE="${SYNCNET_PORT_OFFSET_BASE:-0}"
SN_HOST=127.0.0.1
SN_START_TIMEOUT="${SYNCNET_START_TIMEOUT:-90}"
SN_STOP_TIMEOUT="${SYNCNET_STOP_TIMEOUT:-30}"
# Three servers on two cores: C1 only and a small metaspace/code cache start them quickly (C2 slowed the start of three
# servers much more than it raised their throughput: docs/benchmarks.md). G1 with a 10 ms pause goal and the whole heap
# from the start, because the serial GC's full collections and a heap that grows under load are most of the chat's
# latency tail. The heap holds the recent log (20,000 entries), the resume buffer and the resend index under sustained
# load; a smaller heap made G1 run so often that the latency tail grew (docs/benchmarks.md).
SN_DEFAULT_JVM_OPTS="-XX:+UseG1GC -XX:MaxGCPauseMillis=10 -XX:TieredStopAtLevel=1 -Xss512k -Xms384m -Xmx384m -XX:MetaspaceSize=96m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m"

if ! [[ "$SN_SERVERS" =~ ^[1-9][0-9]*$ ]] || (( SN_SERVERS > 20 )); then
    echo "SYNCNET_SERVERS must be a number from 1 to 20 (got '$SN_SERVERS')" >&2
    exit 2
fi
# Undertow's I/O threads per server (syncnet.io-threads, see wildfly-config/syncnet.cli): the servers share this
# machine, so each gets its share of the cores, at least one.
SN_IO_THREADS="${SYNCNET_IO_THREADS:-}"
if [[ -z $SN_IO_THREADS ]]; then
    SN_IO_THREADS=$(( $(nproc 2>/dev/null || echo 2) / SN_SERVERS ))
    (( SN_IO_THREADS >= 1 )) || SN_IO_THREADS=1
fi
if ! [[ "$SN_IO_THREADS" =~ ^[1-9][0-9]*$ ]] || (( SN_IO_THREADS > 64 )); then
    echo "SYNCNET_IO_THREADS must be a number from 1 to 64 (got '$SN_IO_THREADS')" >&2
    exit 2
fi
if [[ -n ${SYNCNET_CDS:-} && $SYNCNET_CDS != 0 && $SYNCNET_CDS != 1 ]]; then
    echo "SYNCNET_CDS must be 0 or 1 (got '$SYNCNET_CDS')" >&2
    exit 2
fi
if ! [[ "$SN_OFFSET_BASE" =~ ^[0-9]+$ ]] || (( SN_OFFSET_BASE > 10000 )); then
    echo "SYNCNET_PORT_OFFSET_BASE must be a number from 0 to 10000 (got '$SN_OFFSET_BASE')" >&2
    exit 2
fi

# ---------------------------------------------------------------------------------------------- output
sn_info() { printf '%s\n' "$*"; }
sn_warn() { printf 'WARNING: %s\n' "$*" >&2; }
sn_die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Milliseconds since the epoch, without forking (bash 5 EPOCHREALTIME; falls back to date).
sn_now_ms() {
    if [[ -n "${EPOCHREALTIME:-}" ]]; then
        local t=${EPOCHREALTIME/[.,]/}
        printf '%s\n' "${t:0:${#t}-3}"
    else
        date +%s%3N
    fi
}

# Milliseconds as seconds with two decimals: 1234 -> 1.23
sn_secs() {
    local ms=$1
    printf '%d.%02d\n' $(( ms / 1000 )) $(( (ms % 1000) / 10 ))
}

# ---------------------------------------------------------------------------------------------- servers and ports
# Server N (1-based) has ring position N-1 and port offset SYNCNET_PORT_OFFSET_BASE+N-1.
sn_check_n() {
    [[ "${1:-}" =~ ^[1-9][0-9]*$ ]] && (( $1 <= SN_SERVERS )) \
        || sn_die "server number must be 1..$SN_SERVERS (got '${1:-}'); SYNCNET_SERVERS=$SN_SERVERS"
}
sn_all() { seq 1 "$SN_SERVERS"; }
sn_id() { printf 'server%s\n' "$1"; }
sn_offset() { echo $(( SN_OFFSET_BASE + $1 - 1 )); }
sn_http_port() { echo $(( 8080 + SN_OFFSET_BASE + $1 - 1 )); }
sn_https_port() { echo $(( 8443 + SN_OFFSET_BASE + $1 - 1 )); }
sn_irc_tls_port() { echo $(( 6697 + SN_OFFSET_BASE + $1 - 1 )); }
sn_mgmt_port() { echo $(( 9990 + SN_OFFSET_BASE + $1 - 1 )); }
sn_base() { printf '%s/server%s\n' "$SN_RUNTIME" "$1"; }
sn_pidfile() { printf '%s/server.pid\n' "$(sn_base "$1")"; }
sn_log() { printf '%s/log/server.log\n' "$(sn_base "$1")"; }
sn_console_log() { printf '%s/log/console.log\n' "$(sn_base "$1")"; }

# The members list: SYNCNET_CLUSTER_MEMBERS if set, otherwise derived from SYNCNET_SERVERS.
sn_members() {
    if [[ -n "${SYNCNET_CLUSTER_MEMBERS:-}" ]]; then
        printf '%s\n' "$SYNCNET_CLUSTER_MEMBERS"
        return
    fi
    local n list=""
    for n in $(sn_all); do
        list+="${list:+,}server$n@$SN_HOST:$(( 8020 + SN_OFFSET_BASE + n - 1 ))/$(( n - 1 ))"
    done
    printf '%s\n' "$list"
}

# The UDP port of server N, read from the members list.
sn_udp_port() {
    local id entry members
    id=$(sn_id "$1")
    members=$(sn_members)
    for entry in ${members//,/ }; do
        entry=${entry// /}
        if [[ "$entry" == "$id@"* ]]; then
            entry=${entry#*@}; entry=${entry%/*}
            echo "${entry##*:}"
            return
        fi
    done
    echo $(( 8020 + SN_OFFSET_BASE + $1 - 1 ))
}

# The IRC client port of server N: its UDP port - 20 (as the server derives it when syncnet.irc.port is unset).
sn_irc_port() {
    echo $(( $(sn_udp_port "$1") - 20 ))
}

# Is a port in use? $1 = tcp|udp, $2 = port. Uses ss or netstat; TCP falls back to a connect attempt.
sn_port_in_use() {
    local proto=$1 port=$2
    if command -v ss >/dev/null 2>&1; then
        local flag=-ltn; [[ $proto == udp ]] && flag=-lun
        [[ -n "$(ss -H "$flag" "sport = :$port" 2>/dev/null)" ]]
        return
    elif command -v netstat >/dev/null 2>&1; then
        local flag=-ltn; [[ $proto == udp ]] && flag=-lun
        netstat "$flag" 2>/dev/null | awk '{print $4}' | grep -Eq "[:.]$port\$"
        return
    fi
    [[ $proto == tcp ]] && { (exec 3<>"/dev/tcp/$SN_HOST/$port"); } 2>/dev/null
}

# Who holds a port (best effort, for the error message).
sn_port_owner() {
    local proto=$1 port=$2 flag=-ltnp
    [[ $proto == udp ]] && flag=-lunp
    command -v ss >/dev/null 2>&1 && ss -H "$flag" "sport = :$port" 2>/dev/null | sed -n 's/.*users:(("\([^"]*\)",pid=\([0-9]*\).*/\1 (pid \2)/p' | head -1
}

# Prints one line per taken port of server N and returns 1 if any is taken.
sn_check_ports() {
    local n=$1 ok=0 p owner
    for p in "tcp $(sn_http_port "$n") HTTP" "tcp $(sn_https_port "$n") HTTPS" "tcp $(sn_mgmt_port "$n") management" \
             "udp $(sn_udp_port "$n") cluster" "tcp $(sn_irc_port "$n") IRC"; do
        set -- $p
        if sn_port_in_use "$1" "$2"; then
            owner=$(sn_port_owner "$1" "$2")
            echo "  $(sn_id "$n"): $3 port $2/$1 is already in use${owner:+ by $owner}" >&2
            ok=1
        fi
    done
    return $ok
}

# ---------------------------------------------------------------------------------------------- processes
# Prints server N's JVM PID if it is running (and really is that server: guards against PID reuse).
sn_pid() {
    local pidfile pid
    pidfile=$(sn_pidfile "$1")
    if [[ -s "$pidfile" ]]; then
        read -r pid <"$pidfile" 2>/dev/null
        if [[ "$pid" =~ ^[0-9]+$ ]] && sn_is_server_process "$pid" "$1"; then
            echo "$pid"
            return 0
        fi
    fi
    # No (valid) PID file: look for a JVM started with this base dir anyway (PID file not yet written).
    sn_find_pid "$1"
}

# Is process $1 the JVM of server $2 (jboss-modules with our base dir on its command line)? No forks.
sn_is_server_process() {
    local want="-Djboss.server.base.dir=$(sn_base "$2")" arg args base=0 modules=0
    { mapfile -d '' -t args <"/proc/$1/cmdline"; } 2>/dev/null || return 1
    for arg in "${args[@]}"; do
        [[ $arg == "$want" ]] && base=1
        [[ $arg == *jboss-modules.jar ]] && modules=1
    done
    (( base && modules ))
}

# Finds a JVM whose command line names server N's base dir (only ours: the path is under runtime/).
sn_find_pid() {
    local p
    for p in /proc/[0-9]*; do
        if sn_is_server_process "${p#/proc/}" "$1"; then
            echo "${p#/proc/}"
            return 0
        fi
    done
    return 1
}

sn_alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }

# ---------------------------------------------------------------------------------------------- HTTP
# sn_http_get PORT PATH [TIMEOUT_S]: plain HTTP/1.0 GET over bash's /dev/tcp (no curl needed, no fork).
# Sets SN_HTTP_STATUS (000 when unreachable) and SN_HTTP_BODY; returns 0 on status 200.
sn_http_get() {
    local port=$1 path=$2 t=${3:-2} fd line headers=1
    SN_HTTP_STATUS=000
    SN_HTTP_BODY=
    { exec {fd}<>"/dev/tcp/$SN_HOST/$port"; } 2>/dev/null || return 1
    printf 'GET %s HTTP/1.0\r\nHost: %s:%s\r\nAccept: application/json\r\nConnection: close\r\n\r\n' \
        "$path" "$SN_HOST" "$port" >&"$fd" 2>/dev/null
    if IFS= read -r -t "$t" -u "$fd" line; then
        line=${line%$'\r'}
        [[ $line =~ ^HTTP/[0-9.]+\ ([0-9]{3}) ]] && SN_HTTP_STATUS=${BASH_REMATCH[1]}
        while IFS= read -r -t "$t" -u "$fd" line || [[ -n $line ]]; do
            line=${line%$'\r'}
            if (( headers )); then
                [[ -z $line ]] && headers=0
            else
                SN_HTTP_BODY+=$line
            fi
        done
    fi
    { exec {fd}>&-; } 2>/dev/null
    [[ $SN_HTTP_STATUS == 200 ]]
}

# sn_view N: server N's REST view into SN_HTTP_BODY; returns 0 when it answered.
sn_view() { sn_http_get "$(sn_http_port "$1")" /syncnet/api/cluster "${2:-2}"; }

# Top-level scalar fields of a REST view (the names are unique in the document).
# sn_json_field JSON KEY -> the value without quotes ("null" for null); returns 1 when absent.
sn_json_field() {
    local re="\"$2\"[[:space:]]*:[[:space:]]*(\"([^\"]*)\"|([^,}[:space:]]+))"
    if [[ $1 =~ $re ]]; then
        if [[ -n "${BASH_REMATCH[2]}" || "${BASH_REMATCH[1]}" == '""' ]]; then
            printf '%s\n' "${BASH_REMATCH[2]}"
        else
            printf '%s\n' "${BASH_REMATCH[3]}"
        fi
        return 0
    fi
    return 1
}

# The leader named by server N's view ("" if unreachable, "null" if none).
sn_leader_of() {
    if sn_view "$1" "${2:-2}"; then
        sn_json_field "$SN_HTTP_BODY" leader || echo null
    fi
}

# Ready: MicroProfile Health readiness is UP on the management port and the REST view names a leader with
# quorum (the health check alone is UP before the deployment has registered its own check).
sn_ready() {
    local n=$1 leader quorum
    sn_http_get "$(sn_mgmt_port "$n")" /health/ready 2 || return 1
    sn_view "$n" || return 1
    leader=$(sn_json_field "$SN_HTTP_BODY" leader) || return 1
    quorum=$(sn_json_field "$SN_HTTP_BODY" hasQuorum) || return 1
    [[ -n $leader && $leader != null && $quorum == true ]]
}

# ---------------------------------------------------------------------------------------------- build, secret, base dirs
sn_build() {
    sn_info "Building (mvn -B -q -DskipTests package; SKIP_BUILD=1 skips this) ..."
    command -v mvn >/dev/null 2>&1 || sn_die "Maven (mvn) is not on the PATH; install it or build elsewhere and use SKIP_BUILD=1"
    # Compiled classes of deleted or renamed sources would stay in target/classes and in the exploded WAR
    # target/syncnet/ and end up in the WAR (e.g. two EJBs of one name, a failed deployment): compile from
    # scratch. The provisioned server in target/server is kept (provisioning is the slow part).
    rm -rf "$SN_ROOT/target/classes" "$SN_ROOT/target/syncnet" "$SN_WAR"
    (cd "$SN_ROOT" && mvn -B -q -DskipTests package) >"$SN_RUNTIME/build.log" 2>&1 || {
        tail -n 40 "$SN_RUNTIME/build.log" >&2
        sn_die "the build failed (full output: $SN_RUNTIME/build.log)"
    }
}

sn_require_build() {
    [[ -f "$SN_WAR" && -x "$SN_SERVER_HOME/bin/standalone.sh" ]] \
        || sn_die "no build found ($SN_WAR, $SN_SERVER_HOME); run without SKIP_BUILD=1 or 'mvn -DskipTests package' first"
}

# Exports SYNCNET_CLUSTER_SECRET for the servers: from the environment, else runtime/cluster.secret (created
# with 256 random bits, mode 0600, when missing). Passing it in the environment keeps it out of 'ps'.
sn_secret() {
    if [[ -n "${SYNCNET_CLUSTER_SECRET:-}" ]]; then
        export SYNCNET_CLUSTER_SECRET
        return
    fi
    mkdir -p "$SN_RUNTIME"
    if [[ ! -s "$SN_SECRET_FILE" ]]; then
        (umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$SN_SECRET_FILE")
        chmod 600 "$SN_SECRET_FILE"
        sn_info "Created a random cluster secret in $SN_SECRET_FILE"
    fi
    SYNCNET_CLUSTER_SECRET=$(tr -d '\r\n' <"$SN_SECRET_FILE")
    [[ -n "$SYNCNET_CLUSTER_SECRET" ]] || sn_die "$SN_SECRET_FILE is empty"
    export SYNCNET_CLUSTER_SECRET
}

SN_TLS_KEYSTORE_FILE="$SN_RUNTIME/tls-keystore.p12"
SN_TLS_PASSWORD_FILE="$SN_RUNTIME/tls-keystore.password"

# The JDK's keytool: from JAVA_HOME, the PATH, or beside the java on the PATH.
sn_keytool() {
    local java
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/keytool" ]]; then
        echo "$JAVA_HOME/bin/keytool"
    elif command -v keytool 2>/dev/null; then
        :
    elif java=$(command -v java 2>/dev/null) && java=$(readlink -f "$java") && [[ -x "${java%/*}/keytool" ]]; then
        echo "${java%/*}/keytool"
    else
        return 1
    fi
}

# Exports SYNCNET_TLS_KEYSTORE and SYNCNET_TLS_KEYSTORE_PASSWORD for the servers' HTTPS (wildfly-config/https.cli):
# from the environment (a real certificate), else runtime/tls-keystore.p12, a self-signed certificate for localhost and
# 127.0.0.1 (EC P-256, 825 days, the longest some browsers accept even for a certificate they were told to trust) made
# with the JDK's keytool when missing or older than 800 days, its random password in runtime/tls-keystore.password
# (0600). Sets SN_TLS_NOTE to the line that says how to use a real one (empty when one is given).
sn_tls() {
    SN_TLS_NOTE=
    if [[ -n "${SYNCNET_TLS_KEYSTORE:-}" ]]; then
        [[ -f $SYNCNET_TLS_KEYSTORE ]] || sn_die "SYNCNET_TLS_KEYSTORE names no file: $SYNCNET_TLS_KEYSTORE"
        [[ -n "${SYNCNET_TLS_KEYSTORE_PASSWORD:-}" ]] \
            || sn_die "SYNCNET_TLS_KEYSTORE is set but SYNCNET_TLS_KEYSTORE_PASSWORD is not; it opens the key store"
        # absolute: each server runs in its own base directory
        SYNCNET_TLS_KEYSTORE="$(cd "$(dirname "$SYNCNET_TLS_KEYSTORE")" && pwd)/$(basename "$SYNCNET_TLS_KEYSTORE")"
        export SYNCNET_TLS_KEYSTORE SYNCNET_TLS_KEYSTORE_PASSWORD
        return
    fi
    mkdir -p "$SN_RUNTIME"
    if [[ ! -s $SN_TLS_KEYSTORE_FILE || ! -s $SN_TLS_PASSWORD_FILE
          || -n $(find "$SN_TLS_KEYSTORE_FILE" -mtime +800 2>/dev/null) ]]; then
        local keytool
        keytool=$(sn_keytool) || sn_die "keytool (part of the JDK) is not found: set JAVA_HOME, or give a key store" \
            "with SYNCNET_TLS_KEYSTORE and SYNCNET_TLS_KEYSTORE_PASSWORD"
        rm -f "$SN_TLS_KEYSTORE_FILE"
        (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$SN_TLS_PASSWORD_FILE")
        chmod 600 "$SN_TLS_PASSWORD_FILE"
        SYNCNET_TLS_KEYSTORE_PASSWORD=$(<"$SN_TLS_PASSWORD_FILE")
        export SYNCNET_TLS_KEYSTORE_PASSWORD
        # the password through the environment, not the command line (ps)
        (umask 077 && "$keytool" -genkeypair -alias syncnet -keyalg EC -groupname secp256r1 -validity 825 \
            -dname CN=localhost -ext SAN=dns:localhost,ip:127.0.0.1 -ext EKU=serverAuth -storetype PKCS12 \
            -keystore "$SN_TLS_KEYSTORE_FILE" -storepass:env SYNCNET_TLS_KEYSTORE_PASSWORD) >"$SN_RUNTIME/keytool.log" 2>&1 \
            || { cat "$SN_RUNTIME/keytool.log" >&2; sn_die "keytool could not create $SN_TLS_KEYSTORE_FILE"; }
        sn_info "Created a self-signed HTTPS certificate for localhost and 127.0.0.1 in $SN_TLS_KEYSTORE_FILE"
    fi
    SYNCNET_TLS_KEYSTORE=$SN_TLS_KEYSTORE_FILE
    SYNCNET_TLS_KEYSTORE_PASSWORD=$(tr -d '\r\n' <"$SN_TLS_PASSWORD_FILE")
    export SYNCNET_TLS_KEYSTORE SYNCNET_TLS_KEYSTORE_PASSWORD
    SN_TLS_NOTE="HTTPS uses a self-signed certificate (browsers warn); for a real one set SYNCNET_TLS_KEYSTORE and SYNCNET_TLS_KEYSTORE_PASSWORD"
}

# A fresh base dir for server N: a copy of the provisioned standalone/ with only our WAR deployed.
# The log directory is kept across restarts (the previous console log is kept as console.log.1), and so is the chat
# history database in data/syncnet (the rest of data/ is WildFly's own and starts empty).
sn_prepare_base() {
    local base d
    sn_history_db_setup
    base=$(sn_base "$1")
    mkdir -p "$base/log"
    for d in configuration tmp deployments lib; do rm -rf "${base:?}/$d"; done
    [[ -d "$base/data" ]] && find "$base/data" -mindepth 1 -maxdepth 1 ! -name syncnet -exec rm -rf {} +
    rm -f "$base/server.pid"
    cp -R "$SN_SERVER_HOME/standalone/configuration" "$SN_SERVER_HOME/standalone/lib" "$base/"
    mkdir -p "$base/deployments" "$base/data" "$base/tmp"
    cp "$SN_WAR" "$base/deployments/syncnet.war"
    [[ -f "$base/log/console.log" ]] && mv -f "$base/log/console.log" "$base/log/console.log.1"
    return 0
}

# ---------------------------------------------------------------------------------------------- history database
# SYNCNET_HISTORY_DB=postgresql puts the servers' chat history on PostgreSQL instead of each one's SQLite file (docs/history.md,
# "The history on PostgreSQL"). The servers then start with standalone-postgresql.xml, which
# scripts/history_postgresql.sh derives once from the provisioned standalone.xml with
# wildfly-config/history-postgresql.cli, and each gets its own database: "{server}" in the URL is the server's id.
SN_HISTORY_DB="${SYNCNET_HISTORY_DB:-sqlite}"
SN_PG_CONFIG=standalone-postgresql.xml
SN_PG_CLI="$SN_ROOT/wildfly-config/history-postgresql.cli"
SN_PG_DEFAULT_URL='jdbc:postgresql://127.0.0.1:5432/syncnet_{server}'
SN_PG_URL="${SYNCNET_HISTORY_DB_URL:-$SN_PG_DEFAULT_URL}"

# The JDBC URL of server N's database.
sn_pg_url() { printf '%s\n' "${SN_PG_URL//'{server}'/$(sn_id "$1")}"; }

# Whether target/server holds the driver module and standalone-postgresql.xml, made after the standalone.xml and the
# CLI script it comes from.
sn_pg_prepared() {
    local dir="$SN_SERVER_HOME/standalone/configuration"
    local config="$dir/$SN_PG_CONFIG"
    [[ -f $config && $config -nt "$dir/standalone.xml" && $config -nt $SN_PG_CLI
       && -f "$SN_SERVER_HOME/modules/org/postgresql/jdbc/main/module.xml" ]]
}

# Whether the PostgreSQL server of a jdbc:postgresql://host[:port]/... URL accepts connections (other forms of URL are
# left to the server to judge). Without it the deployment would fail at start (the history opens its database).
sn_pg_answers() {
    local re='^jdbc:postgresql://([^/:,?\[]+)(:([0-9]+))?/'
    [[ $1 =~ $re ]] || return 0
    timeout 5 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "${BASH_REMATCH[1]}" "${BASH_REMATCH[3]:-5432}" 2>/dev/null
}

# After a failed deployment on PostgreSQL: the database's own reason, which the deployment failure only wraps,
# e.g. 'FATAL: password authentication failed for user "syncnet"'.
sn_pg_failure() {
    local reason
    [[ $SN_HISTORY_DB == postgresql ]] || return 0
    # the first one since the server's last start (WFLYSRV0049): the log is kept across restarts
    reason=$(awk '/WFLYSRV0049/ { r = "" } r == "" && match($0, /PSQLException: .*/) { r = substr($0, RSTART + 15) }
                  END { print r }' "$(sn_log "$1")" 2>/dev/null)
    [[ -n $reason ]] && echo "  $(sn_id "$1"): its history database $(sn_pg_url "$1") says: $reason" >&2
    return 0
}

# Checks SYNCNET_HISTORY_DB and, for postgresql, the URL, the database server and the prepared installation
# (prepares it when needed: once per provisioning). Nothing to do for the default, sqlite.
sn_history_db_setup() {
    case $SN_HISTORY_DB in
        sqlite) return 0 ;;
        postgresql) ;;
        *) sn_die "SYNCNET_HISTORY_DB must be sqlite (the default) or postgresql, not '$SN_HISTORY_DB'" ;;
    esac
    (( SN_SERVERS == 1 )) || [[ $SN_PG_URL == *'{server}'* ]] \
        || sn_die "SYNCNET_HISTORY_DB_URL must contain {server}, so that each server has a database of its own" \
                  "(got '$SN_PG_URL')"
    sn_pg_answers "$(sn_pg_url 1)" \
        || sn_die "PostgreSQL does not answer at $(sn_pg_url 1) (SYNCNET_HISTORY_DB=postgresql); start it first"
    sn_pg_prepared || "$SN_ROOT/scripts/history_postgresql.sh" \
        || sn_die "could not prepare $SN_SERVER_HOME for PostgreSQL (see above)"
}

# ---------------------------------------------------------------------------------------------- start and stop
# The class-data archive flag for server N. Most of a start is loading, parsing and verifying the same classes; the
# JVM's dynamic archive keeps them ready to map. The first run of server1 on a given JVM and WildFly installation
# writes it as its JVM exits (a graceful stop); every later start of every server maps it (read-only, shared). The
# name carries the JVM's version and the installation's boot jar, so a new JDK or a new provisioning makes a new one;
# the JVM checks each archived class against the class it loads, so a rebuilt WAR is safe, and it ignores (with a
# warning in console.log) an archive it cannot use.
sn_cds_flag() {
    [[ ${SYNCNET_CDS:-1} == 1 ]] || return 0
    local java="${JAVA_HOME:+$JAVA_HOME/bin/}java" key archive
    key=$( { "$java" -version 2>&1; stat -c '%s %Y' "$SN_SERVER_HOME/jboss-modules.jar"; } | cksum | cut -d' ' -f1)
    archive="$SN_RUNTIME/cds/server-$key.jsa"
    if [[ -s $archive ]]; then
        printf '%s\n' "-XX:SharedArchiveFile=$archive"
    elif [[ $1 == 1 ]] && mkdir -p "$SN_RUNTIME/cds"; then
        printf '%s\n' "-XX:ArchiveClassesAtExit=$archive"
    fi
}

# Starts server N in the background (detached: its own session). Does not wait.
sn_launch() {
    local n=$1 base
    base=$(sn_base "$n")
    (
        export JBOSS_HOME="$SN_SERVER_HOME"
        export LAUNCH_JBOSS_IN_BACKGROUND=1
        export JBOSS_PIDFILE="$base/server.pid"
        export JBOSS_JAVA_SIZING="${SYNCNET_JVM_OPTS:-$SN_DEFAULT_JVM_OPTS} $(sn_cds_flag "$n")"
        export SYNCNET_CLUSTER_MEMBERS="$(sn_members)"
        local setsid="" config=()
        command -v setsid >/dev/null 2>&1 && setsid=setsid
        if [[ $SN_HISTORY_DB == postgresql ]]; then
            config=(-c "$SN_PG_CONFIG")
            export SYNCNET_HISTORY_DB_URL="$(sn_pg_url "$n")"
        fi
        cd "$base" || exit 1
        # --graceful-startup=false: a peer's request for history during this server's boot gets an answer (404 until
        # the chat is deployed) instead of waiting for the whole boot, so servers started together do not wait for
        # each other; the chat's own endpoints exist only once it is ready.
        nohup $setsid "$SN_SERVER_HOME/bin/standalone.sh" "${config[@]}" --graceful-startup=false \
            -b "$SN_HOST" -bmanagement "$SN_HOST" \
            "-Djboss.server.base.dir=$base" \
            "-Djboss.node.name=$(sn_id "$n")" \
            "-Djboss.socket.binding.port-offset=$(sn_offset "$n")" \
            "-Dsyncnet.server.id=$(sn_id "$n")" \
            "-Dsyncnet.io-threads=$SN_IO_THREADS" \
            </dev/null >"$base/log/console.log" 2>&1 &
    )
}

sn_log_tail() {
    local n=$1 lines=${2:-30} f
    f=$(sn_log "$n")
    [[ -s $f ]] || f=$(sn_console_log "$n")
    echo "----- last $lines lines of $f -----" >&2
    tail -n "$lines" "$f" >&2 2>/dev/null || echo "(no log)" >&2
    echo "-----" >&2
}

# Waits until every given server is ready, at most SN_START_TIMEOUT seconds from $1 (ms). Fails early when a
# server's JVM exits or its deployment fails. Prints progress. Returns 1 and shows the log tail on failure.
sn_wait_ready() {
    local start_ms=$1; shift
    local deadline=$(( start_ms + SN_START_TIMEOUT * 1000 )) n now pending=("$@") still failed=0
    declare -A seen_pid=()
    while ((${#pending[@]})); do
        still=()
        for n in "${pending[@]}"; do
            local base pid
            base=$(sn_base "$n")
            if [[ -f "$base/deployments/syncnet.war.failed" ]]; then
                echo "ERROR: $(sn_id "$n"): the deployment failed:" >&2
                cat "$base/deployments/syncnet.war.failed" >&2; echo >&2
                sn_pg_failure "$n"
                sn_log_tail "$n" 15
                failed=1; continue
            fi
            pid=$(sn_pid "$n")
            if [[ -n $pid ]]; then
                seen_pid[$n]=$pid
            elif [[ -n "${seen_pid[$n]:-}" ]] || (( $(sn_now_ms) - start_ms > 15000 )); then
                echo "ERROR: $(sn_id "$n") is not running (its JVM exited or never started)" >&2
                sn_log_tail "$n" 40
                failed=1; continue
            fi
            if sn_ready "$n"; then
                sn_info "  $(sn_id "$n") ready after $(sn_secs $(( $(sn_now_ms) - start_ms ))) s"
            else
                still+=("$n")
            fi
        done
        pending=("${still[@]}")
        (( failed )) && break
        ((${#pending[@]})) || break
        now=$(sn_now_ms)
        if (( now > deadline )); then
            for n in "${pending[@]}"; do
                echo "ERROR: $(sn_id "$n") is not ready after ${SN_START_TIMEOUT} s (readiness: http://$SN_HOST:$(sn_mgmt_port "$n")/health/ready)" >&2
                sn_http_get "$(sn_mgmt_port "$n")" /health/ready 2
                [[ -n $SN_HTTP_BODY ]] && echo "  health: $SN_HTTP_BODY" >&2
                sn_view "$n" && echo "  view:   $SN_HTTP_BODY" >&2
                sn_log_tail "$n" 30
            done
            return 1
        fi
        sleep 0.25
    done
    return $failed
}

# Stops server N gracefully with jboss-cli :shutdown; kills it after SN_STOP_TIMEOUT seconds.
# Returns 0 when the JVM is gone.
sn_stop() {
    local n=$1 pid mgmt deadline how=""
    pid=$(sn_pid "$n")
    if [[ -z $pid ]]; then
        sn_info "$(sn_id "$n") is not running"
        return 0
    fi
    mgmt=$(sn_mgmt_port "$n")
    sn_info "Stopping $(sn_id "$n") (pid $pid): jboss-cli --connect --controller=$SN_HOST:$mgmt --command=:shutdown"
    if ! JBOSS_HOME="$SN_SERVER_HOME" timeout 30 "$SN_SERVER_HOME/bin/jboss-cli.sh" --connect \
            --controller="$SN_HOST:$mgmt" --command=:shutdown >"$(sn_base "$n")/log/cli-shutdown.log" 2>&1; then
        if sn_alive "$pid"; then
            sn_warn "$(sn_id "$n"): jboss-cli could not shut it down ($(tail -n 1 "$(sn_base "$n")/log/cli-shutdown.log")); sending SIGTERM (also a graceful shutdown)"
            kill -TERM "$pid" 2>/dev/null
        fi
    fi
    deadline=$(( $(sn_now_ms) + SN_STOP_TIMEOUT * 1000 ))
    while sn_alive "$pid"; do
        if (( $(sn_now_ms) > deadline )); then
            sn_warn "$(sn_id "$n") (pid $pid) did not exit within ${SN_STOP_TIMEOUT} s; killing it (kill -9)"
            kill -KILL "$pid" 2>/dev/null
            how=" (killed)"
            sleep 0.5
            break
        fi
        sleep 0.1
    done
    if sn_alive "$pid"; then
        sn_warn "$(sn_id "$n") (pid $pid) is still alive"
        return 1
    fi
    sn_info "$(sn_id "$n") stopped$how"
}

# kill -9 of server N's JVM; waits until it is gone.
sn_kill() {
    local n=$1 pid i
    pid=$(sn_pid "$n")
    if [[ -z $pid ]]; then
        sn_info "$(sn_id "$n") is not running"
        return 0
    fi
    kill -KILL "$pid" 2>/dev/null
    for i in $(seq 1 100); do sn_alive "$pid" || break; sleep 0.05; done
    sn_alive "$pid" && { sn_warn "$(sn_id "$n") (pid $pid) survived kill -9"; return 1; }
    sn_info "$(sn_id "$n") (pid $pid) killed with SIGKILL"
}

# Asks the servers in turn who leads. Sets SN_LEADER (id), SN_ASKED (number of the server that answered) and
# SN_HTTP_BODY (its view); returns 1 when no server names a leader.
sn_current_leader() {
    local n leader
    SN_ASKED= SN_LEADER=
    for n in $(sn_all); do
        sn_view "$n" 1 || continue
        leader=$(sn_json_field "$SN_HTTP_BODY" leader) || continue
        if [[ -n $leader && $leader != null ]]; then
            SN_ASKED=$n SN_LEADER=$leader
            return 0
        fi
    done
    return 1
}

# Every running server (or every server in $2.., if given) names $1 as leader.
sn_all_name() {
    local want=$1 m list
    shift
    list=("$@")
    ((${#list[@]})) || list=($(sn_all))
    for m in "${list[@]}"; do
        [[ $(sn_leader_of "$m" 1) == "$want" ]] || return 1
    done
}

# The id of the member with the highest ring position (the leader when all are up).
sn_highest() {
    local entry best="" bestring=-1 ring members
    members=$(sn_members)
    for entry in ${members//,/ }; do
        ring=${entry##*/}
        if [[ $ring =~ ^[0-9]+$ ]] && (( ring > bestring )); then bestring=$ring; best=${entry%%@*}; fi
    done
    echo "$best"
}

# The server number of an id like "server3" (from the members list order for custom lists).
sn_number_of() {
    local id=$1
    [[ $id =~ ^server([0-9]+)$ ]] && { echo "${BASH_REMATCH[1]}"; return 0; }
    return 1
}

# Prints the URLs of server N.
sn_print_urls() {
    local n=$1
    printf '  %-8s page http://%s:%s/syncnet/ https://%s:%s/syncnet/   IRC %s:%s (TLS %s)   REST http://%s:%s/syncnet/api/cluster   health http://%s:%s/health/ready   (cluster UDP %s)\n' \
        "$(sn_id "$n")" "$SN_HOST" "$(sn_http_port "$n")" "$SN_HOST" "$(sn_https_port "$n")" "$SN_HOST" \
        "$(sn_irc_port "$n")" "$(sn_irc_tls_port "$n")" "$SN_HOST" "$(sn_http_port "$n")" "$SN_HOST" \
        "$(sn_mgmt_port "$n")" "$(sn_udp_port "$n")"
}

# ---------------------------------------------------------------------------------------------- benchmarks
# The load knobs bench_chat.sh and bench_irc.sh share (BENCH_*, see their headers), the output folder $OUT under
# $BENCH_DIR, and empty history databases: each run measures a new cluster (the events an earlier run persisted
# would be replaced event by event).
sn_bench_setup() {
    CLIENTS=${BENCH_CLIENTS:-30}
    SENDERS=${BENCH_SENDERS:-10}
    RATE=${BENCH_RATE:-1000}
    SECONDS_RUN=${BENCH_SECONDS:-15}
    WARMUP=${BENCH_WARMUP:-3}
    SAT_WINDOW=${BENCH_SAT_WINDOW:-20}
    DRAIN=${BENCH_DRAIN:-30}
    P99_TARGET_MS=25  # at 1000 msg/s, both issues
    OUT="$BENCH_DIR/out"
    mkdir -p "$OUT"
    rm -rf "$BENCH_DIR"/*/server*/data/syncnet
}

# Builds unless SKIP_BUILD=1 and sets CP to the load generator's classpath (our classes and JSON-P, which Maven
# resolves once into $BENCH_DIR/bench.classpath); $1 is a class of org.syncnet.bench that must be compiled.
sn_bench_classpath() {
    local cp_file="$BENCH_DIR/bench.classpath"
    if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
        sn_build   # also compiles the test classes, the load generator among them
        rm -f "$cp_file"
    fi
    sn_require_build
    [[ -f "$SN_ROOT/target/test-classes/org/syncnet/bench/$1.class" ]] \
        || sn_die "the load generator is not compiled; run 'mvn -o -q test-compile' or drop SKIP_BUILD=1"
    if [[ ! -s $cp_file ]]; then
        (cd "$SN_ROOT" && { mvn -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file.all" \
            || mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file.all"; }) \
            >"$OUT/classpath.log" 2>&1 || { cat "$OUT/classpath.log"; sn_die "could not resolve the classpath"; }
        tr ':' '\n' <"$cp_file.all" | grep -E '/(jakarta\.json-api|parsson)-[^/]*\.jar$' | paste -sd: >"$cp_file"
    fi
    CP="$SN_ROOT/target/test-classes:$SN_ROOT/target/classes:$(cat "$cp_file")"
}

# BENCH_TLS (0 or 1, default 0) as TLS: whether the load generator reaches the servers over TLS.
sn_bench_tls_setting() {
    TLS=${BENCH_TLS:-0}
    [[ $TLS == 0 || $TLS == 1 ]] || sn_die "BENCH_TLS must be 0 or 1 (got '$TLS')"
}

# The key store whose certificates the load generator trusts for BENCH_TLS=1: the one SYNCNET_TLS_KEYSTORE names, else
# the self-signed one start_all_servers.sh made in the cluster's runtime folder $1. Sets TRUST_STORE and TRUST_PASSWORD;
# the generator gets the password in its environment (BENCH_TRUST_STORE_PASSWORD), not on its command line.
sn_bench_trust_store() {
    local dir=$1
    if [[ -n "${SYNCNET_TLS_KEYSTORE:-}" ]]; then
        TRUST_STORE="$(cd "$(dirname "$SYNCNET_TLS_KEYSTORE")" && pwd)/$(basename "$SYNCNET_TLS_KEYSTORE")"
        TRUST_PASSWORD=${SYNCNET_TLS_KEYSTORE_PASSWORD:-}
    else
        TRUST_STORE="$dir/tls-keystore.p12"
        TRUST_PASSWORD=$(tr -d '\r\n' <"$dir/tls-keystore.password" 2>/dev/null)
    fi
    [[ -s $TRUST_STORE && -n $TRUST_PASSWORD ]] \
        || sn_die "BENCH_TLS=1: no key store with its password at $TRUST_STORE (the servers' start makes one)"
}

# ---------------------------------------------------------------------------------- benchmark result lines
# The value of KEY in a load generator's "RESULT key=value ..." line $1, or "-".
# ---------------------------------------------------------------------------------------------- ngircd, the reference
# The benchmarks' reference IRC server (Debian's ngircd): NGIRCD (its binary) and NGIRCD_PORT are the caller's.
# A configuration for the benchmark: loopback only, no DNS/ident/PAM lookups (a connection would wait for them),
# no per-IP connection limit (all clients come from 127.0.0.1), no penalties (MaxPenaltyTime = 0 turns off
# ngircd's throttling of clients that send more than a few commands or 256 bytes a second), no channel limit, long
# nicks, an include directory of its own (not /etc/ngircd's) and no PID file (ngircd runs as nobody).
# DIR [NAME PORT]: NAME and PORT default to the single reference's; [Server] blocks may be appended to the file.
sn_ngircd_conf() {
    local dir=$1 name=${2:-ngircd.bench.local} port=${3:-$NGIRCD_PORT}
    mkdir -p "$dir/conf.d"
    cat >"$dir/ngircd.conf" <<EOF
# Generated by a SyncNet benchmark script; rewritten on every run.
[Global]
	Name = $name
	Info = ngircd, a SyncNet benchmark's reference
	AdminInfo1 = SyncNet benchmarks
	AdminInfo2 = 127.0.0.1
	AdminEMail = bench@localhost
	Listen = $SN_HOST
	Ports = $port
	MotdPhrase = "ngircd reference for the SyncNet benchmarks"
[Limits]
	MaxConnections = 0
	MaxConnectionsIP = 0
	MaxJoins = 0
	MaxNickLength = 16
	MaxPenaltyTime = 0
	PingTimeout = 600
	PongTimeout = 120
[Options]
	DNS = no
	Ident = no
	PAM = no
	IncludeDir = $dir/conf.d
EOF
}

# DIR PORT: checks the configuration DIR/ngircd.conf, starts ngircd on it and waits for PORT; sets NGIRCD_PID.
sn_ngircd_start() {
    local dir=$1 port=$2 i
    "$NGIRCD" --configtest -f "$dir/ngircd.conf" >"$dir/configtest.log" 2>&1 \
        || { cat "$dir/configtest.log" >&2; sn_die "ngircd refuses its configuration ($dir/ngircd.conf)"; }
    # -n: in the foreground, so $! is its PID (it drops root for nobody by itself); its log goes to ngircd.log.
    "$NGIRCD" -n -f "$dir/ngircd.conf" >"$dir/ngircd.log" 2>&1 &
    NGIRCD_PID=$!
    for i in $(seq 1 100); do
        sn_port_in_use tcp "$port" && break
        kill -0 "$NGIRCD_PID" 2>/dev/null || break
        sleep 0.1
    done
    if ! kill -0 "$NGIRCD_PID" 2>/dev/null || ! sn_port_in_use tcp "$port"; then
        tail -n 20 "$dir/ngircd.log" >&2
        sn_die "ngircd did not come up on port $port (log: $dir/ngircd.log)"
    fi
}

# How many servers the IRC server on PORT counts (its LUSERS 251: "... on N servers"); empty if it does not answer.
sn_irc_servers() {
    local port=$1 line count=""
    exec {fd}<>"/dev/tcp/$SN_HOST/$port" || return 0
    printf 'NICK netprobe\r\nUSER netprobe 0 * :probe\r\n' >&"$fd"
    while IFS= read -r -t 5 line <&"$fd"; do
        if [[ $line == *" 251 "* ]]; then
            count=$(sed -E 's/.* on ([0-9]+) servers?.*/\1/' <<<"$line")
            break
        fi
    done
    printf 'QUIT\r\n' >&"$fd"
    exec {fd}>&-
    echo "$count"
}

sn_field() { # LINE KEY
    local re="(^| )$2=([^ ]*)"
    [[ $1 =~ $re ]] && echo "${BASH_REMATCH[2]}" || echo "-"
}

# Whether number $1 <= number $2 ("-" never is).
sn_le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "-" && a + 0 <= b + 0) }'; }
