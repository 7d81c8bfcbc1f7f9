package org.syncnet.cluster.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.syncnet.cluster.ClusterConfig;
import org.syncnet.settings.Settings;

/** Reads the cluster settings through MicroProfile Config (system properties and environment override). */
@ApplicationScoped
public class ClusterSettings {
    @Inject
    Config config;

    /** @throws org.syncnet.settings.InvalidSettingException naming the first setting that cannot work */
    public ClusterConfig load() {
        return ClusterConfig.fromSettings(
                value(Settings.SERVER_ID),
                value(Settings.MEMBERS),
                value(Settings.HEARTBEAT_INTERVAL),
                value(Settings.FAILURE_TIMEOUT),
                value(Settings.QUORUM),
                value(Settings.SECRET));
    }

    /**
     * How long the receive loop waits after a burst of datagrams before it takes the next, in microseconds (0: not
     * at all); see {@link ClusterService}.
     *
     * @throws org.syncnet.settings.InvalidSettingException naming the setting
     */
    public int receiveLingerMicros() {
        return Settings.wholeNumber(this::value, Settings.RECEIVE_LINGER, 1000, 0, 20_000);
    }

    /**
     * Whether the log (and the history) are forced to disk at every commit, in batches: a power loss then loses
     * nothing a server acknowledged. Default true.
     *
     * @throws org.syncnet.settings.InvalidSettingException naming the setting
     */
    public boolean fsync() {
        return Settings.flag(this::value, Settings.FSYNC, true);
    }

    private String value(String name) {
        return config.getOptionalValue(name, String.class).orElse(null);
    }
}
