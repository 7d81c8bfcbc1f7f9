/**
 * The browser's WebSocket JSON protocol as plain classes (JSON-P only, no WebSocket API), so a thin endpoint can
 * delegate to them: a {@link org.syncnet.door.ws.BrowserSession} per connection (registration, rate limit, frames
 * to log events, outcomes to frames), {@link org.syncnet.door.ws.ClientFrameDecoder} turns a text frame into a
 * {@link org.syncnet.door.ws.ClientFrame} or a {@link org.syncnet.door.ws.ProtocolException} with a stable code;
 * {@link org.syncnet.door.ws.ServerFrameEncoder} writes {@link org.syncnet.door.ws.ServerFrame}s. It is a
 * subpackage so that {@code org.syncnet.chat} itself stays free of Jakarta imports. See docs/websocket-protocol.md.
 */
package org.syncnet.door.ws;
