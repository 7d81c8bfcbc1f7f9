/**
 * The browser's WebSocket JSON protocol as plain classes (JSON-P only, no WebSocket API), so a thin endpoint can
 * delegate to them: a {@link org.syncnet.chat.ws.BrowserSession} per connection (registration, rate limit, frames
 * to log events, outcomes to frames), {@link org.syncnet.chat.ws.ClientFrameDecoder} turns a text frame into a
 * {@link org.syncnet.chat.ws.ClientFrame} or a {@link org.syncnet.chat.ws.ProtocolException} with a stable code;
 * {@link org.syncnet.chat.ws.ServerFrameEncoder} writes {@link org.syncnet.chat.ws.ServerFrame}s. It is a
 * subpackage so that {@code org.syncnet.chat} itself stays free of Jakarta imports. See PROTOCOL.md beside these classes.
 */
package org.syncnet.chat.ws;
