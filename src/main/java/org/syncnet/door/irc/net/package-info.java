/**
 * A small non-blocking TCP server with no protocol knowledge: the IRC door's transport.
 * <p>
 * {@link org.syncnet.door.irc.net.TcpServer} runs one selector on one thread from a given thread factory (a container
 * {@code ManagedThreadFactory} in WildFly) for every connection; {@link org.syncnet.door.irc.net.TcpHandler} hears
 * openings, bytes, ticks and closings on that thread; {@link org.syncnet.door.irc.net.TcpConnection#send} may be called
 * from any thread, writes at once when it can and queues the rest up to a bound, so one client that does not read
 * never holds up another. A server may listen on several ports ({@link org.syncnet.door.irc.net.TcpListener}), plain
 * or TLS ({@link org.syncnet.door.irc.net.TlsOptions}): over TLS the same loop shakes hands and decrypts
 * ({@code TlsWire}, an {@code SSLEngine} per connection), and the handler sees the same bytes as over plain TCP.
 */
package org.syncnet.door.irc.net;
