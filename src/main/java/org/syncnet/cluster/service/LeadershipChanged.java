package org.syncnet.cluster.service;

/**
 * CDI event fired whenever this server's view of the leadership changes: a new leader or epoch, no leader, or
 * the quorum won or lost. {@code leader} is null while there is none.
 */
public record LeadershipChanged(String self, String leader, long epoch, boolean hasQuorum, String reason,
                                long wallClockMillis) {
}
