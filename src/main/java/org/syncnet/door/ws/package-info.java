/**
 * The browser door. Its WebSocket shell: {@link org.syncnet.door.ws.ChatEndpoint} (one instance a socket) moves text
 * between the socket and the connection's {@link org.syncnet.door.ws.ClientConnection}, which the
 * {@link org.syncnet.door.ws.BrowserDoor} (the door's wiring, obtaining the chat's
 * {@link org.syncnet.chat.app.ChatApplication} once) made and attached to the chat; the connection hands each frame to
 * its protocol state and submits the resulting events to the chat, and queues and writes the frames of the chat's
 * outcomes. The browser's WebSocket JSON protocol itself is plain classes (JSON-P only, no WebSocket API): a
 * {@link org.syncnet.door.ws.BrowserSession} per connection (registration, rate limit, frames to log events, outcomes
 * to frames through {@link org.syncnet.door.ws.OutcomeFrames}), {@link org.syncnet.door.ws.ClientFrameDecoder} turns
 * a text frame into a {@link org.syncnet.door.ws.ClientFrame} or a {@link org.syncnet.door.ws.ProtocolException}
 * with a stable code; {@link org.syncnet.door.ws.ServerFrameEncoder} writes {@link org.syncnet.door.ws.ServerFrame}s.
 * A handshake from another site's page is refused with 403 ({@link org.syncnet.door.ws.OriginFilter}, and inside the
 * WebSocket container {@link org.syncnet.door.ws.OriginCheck}). See docs/websocket-protocol.md.
 */
package org.syncnet.door.ws;
