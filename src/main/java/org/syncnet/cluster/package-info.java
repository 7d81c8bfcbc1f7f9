/**
 * The cluster protocol core, in plain Java (no clock, no sockets, no container): {@link
 * org.syncnet.cluster.ClusterNode} is one server's state machine (failure detection, fenced leader election with
 * epochs and quorum leases, graceful leave), stepped with decoded, authenticated messages, ticks and submissions; after
 * each step (or burst of steps) it hands its driver one {@link org.syncnet.cluster.Ready}: the epoch and log entries to
 * keep, the messages to send, the events to report and the committed events to apply, in that order. The replicated
 * log it carries is in {@code org.syncnet.cluster.log} (its shared values in {@code org.syncnet.cluster.log.entry}),
 * the datagram format in {@code org.syncnet.cluster.wire}, the driver's inbox and outbox (decoding, MAC, replay
 * window, sealing) in {@code org.syncnet.cluster.transport}, and the container driver in
 * {@code org.syncnet.cluster.service}.
 */
package org.syncnet.cluster;
