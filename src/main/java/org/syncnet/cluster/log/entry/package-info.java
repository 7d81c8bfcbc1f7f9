/**
 * The values the log and the wire format share: {@link org.syncnet.cluster.log.entry.LogEntry} (one ordered entry),
 * {@link org.syncnet.cluster.log.entry.LogPosition} (where a server's log stands), and the keys a client event is
 * known by ({@link org.syncnet.cluster.log.entry.ClientEventKey}, {@link org.syncnet.cluster.log.entry.PartKey}). It
 * depends on nothing else in the cluster, so {@code org.syncnet.cluster.log} and {@code org.syncnet.cluster.wire}
 * both use it without depending on each other in a cycle.
 */
package org.syncnet.cluster.log.entry;
