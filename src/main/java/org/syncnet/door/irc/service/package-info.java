/**
 * The IRC door's container shell: {@link org.syncnet.door.irc.service.IrcDoor} starts with the application and listens on
 * the client port, and on the TLS port when a key store is configured, with one
 * {@link org.syncnet.door.irc.net.TcpServer} (a selector thread from the container's {@code ManagedThreadFactory}); each socket gets an {@link org.syncnet.door.irc.service.IrcConnection}, which frames,
 * flood-limits and parses its lines, lets its {@link org.syncnet.door.irc.IrcSession} answer them, submits the
 * session's events through the chat's {@link org.syncnet.chat.app.ChatApplication}, and writes the lines of the chat's
 * outcomes; {@link org.syncnet.door.irc.service.IrcConnections} is the connector's handler of the sockets.
 * {@link org.syncnet.door.irc.service.IrcSettings} reads the {@code syncnet.irc.*} and {@code syncnet.tls.*} settings.
 */
package org.syncnet.door.irc.service;
