package org.syncnet.cluster;

import org.syncnet.settings.Settings;

import org.syncnet.settings.InvalidSettingException;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Validated cluster settings. Every check names the setting it rejects, so a bad value fails the deployment
 * with a message an operator can act on.
 */
public record ClusterConfig(String selfId, Membership membership, long heartbeatMillis, long failureTimeoutMillis,
                            int quorum, byte[] secret) {
    /** Decimal seconds ("2", "2.0", "2.0s") or milliseconds ("200ms"); no exponents, signs, hex or NaN. */
    private static final Pattern QUORUM = Pattern.compile("[0-9]{1,9}");

    public ClusterConfig {
        if (selfId == null || selfId.isBlank()) {
            throw new InvalidSettingException(Settings.SERVER_ID, "not set; give each server its id");
        }
        if (!membership.contains(selfId)) {
            throw new InvalidSettingException(Settings.SERVER_ID,
                    "'" + selfId + "' is not one of the members in " + Settings.MEMBERS);
        }
        if (heartbeatMillis < 10) {
            throw new InvalidSettingException(Settings.HEARTBEAT_INTERVAL, "must be at least 0.01 s");
        }
        if (failureTimeoutMillis <= heartbeatMillis) {
            throw new InvalidSettingException(Settings.FAILURE_TIMEOUT,
                    "must be greater than " + Settings.HEARTBEAT_INTERVAL + " (" + heartbeatMillis + " ms)");
        }
        if (quorum < 1 || quorum > membership.size()) {
            throw new InvalidSettingException(Settings.QUORUM,
                    quorum + " is out of range 1.." + membership.size());
        }
        if (secret == null || secret.length == 0) {
            throw new InvalidSettingException(Settings.SECRET, "empty; every server needs the same cluster secret");
        }
        secret = secret.clone();
    }

    /** A copy: the key must not change under the codec that was built from it. */
    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** Builds a config from the textual settings; {@code quorum} may be null or blank for "majority". */
    public static ClusterConfig fromSettings(String selfId, String members, String heartbeatInterval,
                                             String failureTimeout, String quorum, String secret) {
        Membership membership = Membership.parse(members);
        long heartbeat = Settings.parseMillis(Settings.HEARTBEAT_INTERVAL, heartbeatInterval);
        long timeout = Settings.parseMillis(Settings.FAILURE_TIMEOUT, failureTimeout);
        int q = quorum == null || quorum.isBlank() || quorum.trim().equalsIgnoreCase("majority")
                ? membership.majority()
                : parseQuorum(quorum.trim());
        byte[] key = secret == null ? new byte[0] : secret.trim().getBytes(StandardCharsets.UTF_8);
        return new ClusterConfig(selfId == null ? null : selfId.trim(), membership, heartbeat, timeout, q, key);
    }

    private static int parseQuorum(String text) {
        if (!QUORUM.matcher(text).matches()) {
            throw new InvalidSettingException(Settings.QUORUM, "'" + text + "' is not a number or 'majority'");
        }
        return Integer.parseInt(text);
    }

    public Member self() {
        return membership.member(selfId);
    }
}
