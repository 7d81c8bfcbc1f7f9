/**
 * Between the wire and the core, on the driver's side: {@link org.syncnet.cluster.transport.DatagramInbox} decodes,
 * authenticates and replay-filters received datagrams (and counts what it turns away) before the core is stepped
 * with them; {@link org.syncnet.cluster.transport.DatagramOutbox} seals the messages the core emits into numbered,
 * signed datagrams. Both keep per-process state: a restarted server starts new ones.
 */
package org.syncnet.cluster.transport;
