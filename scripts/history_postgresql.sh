#!/usr/bin/env bash
# Prepares the provisioned server (target/server) for the chat history on PostgreSQL: installs the PostgreSQL JDBC
# driver as a module and writes standalone/configuration/standalone-postgresql.xml, a copy of standalone.xml whose
# datasource SyncNetDS is on PostgreSQL (wildfly-config/history-postgresql.cli). standalone.xml, the default, is not
# touched. The start scripts run this by themselves when SYNCNET_HISTORY_DB=postgresql and it was not done since the
# last provisioning; PostgreSqlHistoryIT runs it before its server starts.
#   scripts/history_postgresql.sh [DRIVER_JAR]
# DRIVER_JAR: the driver's jar; default: org.postgresql:postgresql of the version pom.xml names, from the local Maven
# repository (mvn package puts it there) or else fetched with mvn dependency:copy.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ $# -le 1 ]] || sn_die "usage: $0 [DRIVER_JAR]"
[[ -x "$SN_SERVER_HOME/bin/jboss-cli.sh" ]] \
    || sn_die "no provisioned server in $SN_SERVER_HOME; build first (mvn -DskipTests package)"

jar=${1:-}
if [[ -z $jar ]]; then
    version=$(sed -n 's:.*<version.postgresql>\(.*\)</version.postgresql>.*:\1:p' "$SN_ROOT/pom.xml")
    [[ -n $version ]] || sn_die "pom.xml names no version.postgresql"
    jar="$HOME/.m2/repository/org/postgresql/postgresql/$version/postgresql-$version.jar"
    if [[ ! -f $jar ]]; then
        jar="$SN_ROOT/target/postgresql-driver/postgresql-$version.jar"
        sn_info "Fetching the PostgreSQL JDBC driver $version (mvn dependency:copy) ..."
        (cd "$SN_ROOT" && mvn -B -q dependency:copy "-Dartifact=org.postgresql:postgresql:$version" \
            "-DoutputDirectory=$SN_ROOT/target/postgresql-driver") \
            || sn_die "could not fetch the PostgreSQL JDBC driver"
    fi
fi
[[ -f $jar ]] || sn_die "no PostgreSQL JDBC driver at $jar"

config_dir="$SN_SERVER_HOME/standalone/configuration"
sn_info "Preparing $SN_SERVER_HOME for the history on PostgreSQL (driver $(basename "$jar"), $SN_PG_CONFIG) ..."
# Made anew each time: the module from this jar, the configuration from the current standalone.xml.
rm -rf "$SN_SERVER_HOME/modules/org/postgresql/jdbc"
cp "$config_dir/standalone.xml" "$config_dir/$SN_PG_CONFIG"
log="$SN_SERVER_HOME/standalone/log/history-postgresql-cli.log"
mkdir -p "$(dirname "$log")"
if ! JBOSS_HOME="$SN_SERVER_HOME" "$SN_SERVER_HOME/bin/jboss-cli.sh" --file="$SN_PG_CLI" \
        "-Dpostgresql.driver.jar=$jar" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$config_dir/$SN_PG_CONFIG"
    sn_die "$SN_PG_CLI failed (output above, also in $log)"
fi
sn_info "  done: start servers with SYNCNET_HISTORY_DB=postgresql (their configuration: $config_dir/$SN_PG_CONFIG)"
