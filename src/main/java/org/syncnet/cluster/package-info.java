/**
 * The cluster protocol core, in plain Java (no clock, no sockets, no container): {@link
 * org.syncnet.cluster.ClusterNode} is one server's state machine (failure detection, fenced leader election with
 * epochs and quorum leases, graceful leave), driven by a shell that passes in the time and the datagrams. The
 * replicated log it carries is in {@code org.syncnet.cluster.log}, the datagram format in
 * {@code org.syncnet.cluster.wire}, and the container shell in {@code org.syncnet.cluster.service}.
 */
package org.syncnet.cluster;
