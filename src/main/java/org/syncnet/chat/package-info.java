/**
 * The chat itself, in plain Java (no Jakarta, no clock, no threads), the same on every server.
 * <p>
 * Clients' inputs are checked at the door against {@link org.syncnet.chat.ChatLimits} and rate-limited per
 * connection by a {@link org.syncnet.chat.TokenBucket}; accepted inputs become {@link org.syncnet.chat.ChatEvent}s,
 * encoded by {@link org.syncnet.chat.ChatEventCodec} into the replicated log's payload (up to 4447 bytes: more
 * than one datagram, see the codec). Every server applies the committed entries in log order to its
 * {@link org.syncnet.chat.ChatState} ({@code apply(seq, originServer, event)}; an undecodable payload is skipped
 * alike on every server) and fans the resulting {@link org.syncnet.chat.ChatOutcome}s out to its own connections. Names compare under IRC's rfc1459
 * {@link org.syncnet.chat.Casemapping}, so a room is an IRC channel and a nick is an IRC nick.
 * <p>
 * The browser protocol (package {@code org.syncnet.door.ws}, the only part that uses JSON-P), in brief — the full
 * description with an example session is {@code docs/websocket-protocol.md}: one JSON object per WebSocket
 * text frame, with a {@code type}. Client: {@code hello {nick, resumeFrom?, session?, version?}},
 * {@code join {room, resumeFrom?, key?}}, {@code part {room, reason?}}, {@code message {id, room, text}},
 * {@code private {id, to, text}}, {@code topic {room, topic}}, {@code mode {room, changes}},
 * {@code kick {room, nick, reason?}}, {@code invite {room, nick}}. Server:
 * {@code welcome {server, leader?, nick}}, {@code event {seq, room, nick, text, time, id?, notice?}},
 * {@code private {seq, from, to, text, time, id?, notice?}}, {@code members {room, nicks, topic}} (version 3: with
 * statuses and modes), {@code presence {room, nick, change, newNick?, reason?}},
 * {@code history {room, messages, complete}}, {@code topic {room, topic, nick}}, and in version 3
 * {@code mode {room, nick, changes, modes}}, {@code kick {room, nick, target, reason}},
 * {@code invite {room, nick, target}}; {@code error {code, message, id?}} with the stable codes of
 * {@link org.syncnet.chat.ErrorCode}, {@code cluster {server, leader?}}.
 */
package org.syncnet.chat;
