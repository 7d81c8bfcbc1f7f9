package org.syncnet.cluster;

/**
 * {@code ClusterService.submit} without the container around it: the chat submits thousands of events a second, and
 * each call through the EJB proxy would open and close a transaction and a security context it does not need (the
 * service manages its own concurrency). Obtained once from {@code ClusterService.submitter()}.
 */
@FunctionalInterface
public interface LogSubmitter {
    /** Puts a client's event into the log; false if the cluster cannot take it now (no leader with a quorum). */
    boolean submit(String clientId, long clientEventId, byte[] payload);
}
