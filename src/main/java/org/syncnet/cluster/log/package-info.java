/**
 * The replicated, ordered log of client events, in plain Java (no clock, no sockets): {@link
 * org.syncnet.cluster.log.ReplicatedLog} (leader recovery, NAKACK-style replication with a receive window,
 * quorum commit, in-order delivery), {@link org.syncnet.cluster.log.Submissions} (an origin server's events kept
 * and forwarded until seen committed, so every retry is idempotent), {@link org.syncnet.cluster.log.LogStore} (the
 * storage interface; {@link org.syncnet.cluster.log.InMemoryLogStore} keeps the recent log in memory) and the
 * values they exchange ({@link org.syncnet.cluster.log.entry.LogEntry},
 * {@link org.syncnet.cluster.log.entry.LogPosition},
 * {@link org.syncnet.cluster.log.Delivery}).
 *
 * <p>Who leads, and in which epoch, is decided by the cluster node (ClusterNode), which passes on only the
 * log messages of its current epoch and leader.
 */
package org.syncnet.cluster.log;
