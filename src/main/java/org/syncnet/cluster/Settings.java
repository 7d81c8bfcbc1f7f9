package org.syncnet.cluster;

/** The names of the cluster settings, shared by the validation (which names them in errors) and the shell. */
public final class Settings {
    public static final String SERVER_ID = "syncnet.server.id";
    public static final String MEMBERS = "syncnet.cluster.members";
    public static final String HEARTBEAT_INTERVAL = "syncnet.cluster.heartbeat-interval";
    public static final String FAILURE_TIMEOUT = "syncnet.cluster.failure-timeout";
    public static final String QUORUM = "syncnet.cluster.quorum";
    public static final String SECRET = "syncnet.cluster.secret";

    private Settings() {
    }
}
