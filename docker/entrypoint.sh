#!/bin/bash
# Starts one SyncNet server in the container: every setting comes from the environment (MicroProfile Config,
# docs/settings.md); this script only turns the secrets' files into settings, makes a self-signed certificate when
# none is given, and starts WildFly in the foreground with the data folder in the volume. Started as root (the
# image's default), it reads the secret files, which may be readable by root only, gives the data folder to the
# user syncnet, and runs everything else as that user.
set -euo pipefail
die() { echo "syncnet: $*" >&2; exit 1; }

[[ -n ${SYNCNET_SERVER_ID:-} ]] || die "set SYNCNET_SERVER_ID (this server's id in SYNCNET_CLUSTER_MEMBERS)"
[[ -n ${SYNCNET_CLUSTER_MEMBERS:-} ]] || die "set SYNCNET_CLUSTER_MEMBERS (every server as id@host:8020/ringPosition)"
data=${SYNCNET_DATA_DIR:-/var/lib/syncnet}

# The cluster secret: the variable itself, or a file (a Docker/compose secret).
if [[ -z ${SYNCNET_CLUSTER_SECRET:-} ]]; then
    secret_file=${SYNCNET_CLUSTER_SECRET_FILE:-/run/secrets/syncnet_cluster_secret}
    [[ -r $secret_file ]] || die "no cluster secret: set SYNCNET_CLUSTER_SECRET_FILE (default $secret_file) or SYNCNET_CLUSTER_SECRET"
    SYNCNET_CLUSTER_SECRET=$(tr -d '\r\n' <"$secret_file")
    [[ -n $SYNCNET_CLUSTER_SECRET ]] || die "the cluster secret file $secret_file is empty"
    export SYNCNET_CLUSTER_SECRET
fi

if [[ -z ${SYNCNET_TLS_KEYSTORE_PASSWORD:-} && -n ${SYNCNET_TLS_KEYSTORE_PASSWORD_FILE:-} ]]; then
    SYNCNET_TLS_KEYSTORE_PASSWORD=$(tr -d '\r\n' <"$SYNCNET_TLS_KEYSTORE_PASSWORD_FILE")
    export SYNCNET_TLS_KEYSTORE_PASSWORD
fi
if [[ $(id -u) -eq 0 ]]; then
    mkdir -p "$data"
    [[ $(stat -c %U "$data") == syncnet ]] || chown syncnet:syncnet "$data"
    exec setpriv --reuid=syncnet --regid=syncnet --init-groups --inh-caps=-all "$0" "$@"
fi
[[ -w $data ]] || die "the data folder $data is not writable by $(id -un) (uid $(id -u))"

# HTTPS and IRC over TLS: a given key store (its password as a variable or a file), else a self-signed one kept in
# the volume, for localhost and this container's host name.
if [[ -z ${SYNCNET_TLS_KEYSTORE:-} ]]; then
    SYNCNET_TLS_KEYSTORE=$data/tls-keystore.p12
    if [[ ! -s $SYNCNET_TLS_KEYSTORE || ! -s $data/tls-keystore.password ]]; then
        (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$data/tls-keystore.password")
        SYNCNET_TLS_KEYSTORE_PASSWORD=$(<"$data/tls-keystore.password")
        export SYNCNET_TLS_KEYSTORE_PASSWORD
        rm -f "$SYNCNET_TLS_KEYSTORE"
        (umask 077 && keytool -genkeypair -alias syncnet -keyalg EC -groupname secp256r1 -validity 825 \
            -dname CN=localhost -ext "SAN=dns:localhost,dns:$(hostname),ip:127.0.0.1" -ext EKU=serverAuth \
            -storetype PKCS12 -keystore "$SYNCNET_TLS_KEYSTORE" -storepass:env SYNCNET_TLS_KEYSTORE_PASSWORD) \
            >/dev/null 2>&1 || die "keytool could not create $SYNCNET_TLS_KEYSTORE"
        echo "syncnet: created a self-signed certificate for localhost and $(hostname) in $SYNCNET_TLS_KEYSTORE"
    fi
    SYNCNET_TLS_KEYSTORE_PASSWORD=$(<"$data/tls-keystore.password")
fi
[[ -n ${SYNCNET_TLS_KEYSTORE_PASSWORD:-} ]] || die "SYNCNET_TLS_KEYSTORE is set but neither SYNCNET_TLS_KEYSTORE_PASSWORD nor _FILE"
export SYNCNET_TLS_KEYSTORE SYNCNET_TLS_KEYSTORE_PASSWORD

# WildFly in the foreground of this process: standalone.sh forwards SIGTERM to the JVM and waits, so `docker stop`
# is a graceful shutdown (the server announces its leave) within the stop timeout.
export LAUNCH_JBOSS_IN_BACKGROUND=1
export JBOSS_JAVA_SIZING=${SYNCNET_JVM_OPTS:-}
exec /opt/syncnet/wildfly/bin/standalone.sh -b 0.0.0.0 -bmanagement 0.0.0.0 \
    "-Djboss.server.data.dir=$data/data" \
    "-Djboss.node.name=$SYNCNET_SERVER_ID" \
    "-Dsyncnet.io-threads=${SYNCNET_IO_THREADS:-$(nproc)}" \
    "$@"
