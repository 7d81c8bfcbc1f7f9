package org.syncnet.cluster.service;

/**
 * {@link ClusterService#submit} without the container around it: the chat submits thousands of events a second, and
 * each call through the EJB proxy would open and close a transaction and a security context it does not need (the
 * service manages its own concurrency). Obtained once from {@link ClusterService#submitter()}.
 */
@FunctionalInterface
public interface LogSubmitter {
    /** @see ClusterService#submit(String, long, byte[]) */
    boolean submit(String clientId, long clientEventId, byte[] payload);
}
