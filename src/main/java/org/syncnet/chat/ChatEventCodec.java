package org.syncnet.chat;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.syncnet.chat.ChatEvent.AwaySet;
import org.syncnet.chat.ChatEvent.ClientGone;
import org.syncnet.chat.ChatEvent.MessagePosted;
import org.syncnet.chat.ChatEvent.NickClaimed;
import org.syncnet.chat.ChatEvent.PrivateMessage;
import org.syncnet.chat.ChatEvent.RoomJoined;
import org.syncnet.chat.ChatEvent.RoomLeft;
import org.syncnet.chat.ChatEvent.ServerGone;
import org.syncnet.chat.ChatEvent.TopicSet;

/**
 * The payload format of chat events in the replicated log, version 3:
 * <pre>
 *   version 1 | type 1 | fields
 *   client id = server (len 1 + UTF-8, at most 64 bytes) | connection 8
 *   string    = len 2 + UTF-8 (each field has its own limit, from {@link ChatLimits})
 *   NICK_CLAIMED   client | nick | session | user | host | real name
 *   ROOM_JOINED    client | room                     ROOM_LEFT    client | room | reason
 *   MESSAGE_POSTED client | room | text | id | time 8 | flags 1 (bit 0: notice)
 *   CLIENT_GONE    client | reason                   TOPIC_SET    client | room | topic
 *   SERVER_GONE    server (len 1) | connection bound 8 | reason
 *   PRIVATE_MESSAGE client | target nick | text | id | time 8 | flags 1
 *   AWAY_SET       client | message
 * </pre>
 * <b>Size.</b> The largest event is a message with 4096 bytes of text: {@link #MAX_ENCODED_BYTES} (4447) bytes.
 * That does NOT fit one 1400-byte cluster datagram: after the datagram header and MAC (up to 127 bytes) and a
 * log-entry header (about 160 bytes), some 1100 bytes remain, enough for a message of about 750 bytes of text
 * with the longest names, about 1000 with short ones. So the replicated log must split an entry over datagrams
 * (DESIGN.md: "split large transfers") — or the text limit must drop to 700 bytes, which the 4 KiB requirement of
 * issue 3 rules out. {@link #MAX_ENCODED_BYTES} is the bound the log has to carry.
 * <p>
 * <b>Strict decoding.</b> Any deviation — unknown version or type, a length beyond its field's limit or the
 * buffer, invalid UTF-8, a field that breaks {@link ChatLimits}, trailing bytes — is a
 * {@link MalformedEventException}; nothing else escapes. A server that applied a bad event differently from its
 * peers would fork the chat state, so every server refuses the same bytes the same way.
 */
public final class ChatEventCodec {
    public static final byte VERSION = 3;
    public static final int MAX_SERVER_BYTES = 64;
    /** '#' and 49 code points of up to 4 bytes each. */
    public static final int MAX_ROOM_BYTES = 1 + (ChatLimits.MAX_ROOM_CHARS - 1) * 4;
    private static final int CLIENT_BYTES = 1 + MAX_SERVER_BYTES + 8;
    public static final int MAX_ENCODED_BYTES = 2 + CLIENT_BYTES + (2 + MAX_ROOM_BYTES) + (2 + ChatLimits.MAX_TEXT_BYTES)
            + (2 + ChatLimits.MAX_ID_CHARS) + 8 + 1;
    private static final byte NOTICE = 1;

    static final byte NICK_CLAIMED = 1;
    static final byte ROOM_JOINED = 2;
    static final byte ROOM_LEFT = 3;
    static final byte MESSAGE_POSTED = 4;
    static final byte CLIENT_GONE = 5;
    static final byte SERVER_GONE = 6;
    static final byte TOPIC_SET = 7;
    static final byte PRIVATE_MESSAGE = 8;
    static final byte AWAY_SET = 9;

    private ChatEventCodec() {
    }

    public static byte[] encode(ChatEvent event) {
        ByteBuffer out = ByteBuffer.allocate(MAX_ENCODED_BYTES);
        out.put(VERSION);
        // Java 17 has no pattern switch; the chain is exhaustive over the sealed interface.
        if (event instanceof NickClaimed e) {
            out.put(NICK_CLAIMED);
            putClient(out, e.client());
            putString(out, e.nick());
            putString(out, e.session());
            putString(out, e.identity().user());
            putString(out, e.identity().host());
            putString(out, e.identity().realname());
        } else if (event instanceof RoomJoined e) {
            out.put(ROOM_JOINED);
            putClient(out, e.client());
            putString(out, e.room());
        } else if (event instanceof RoomLeft e) {
            out.put(ROOM_LEFT);
            putClient(out, e.client());
            putString(out, e.room());
            putString(out, e.reason());
        } else if (event instanceof MessagePosted e) {
            out.put(MESSAGE_POSTED);
            putClient(out, e.client());
            putString(out, e.room());
            putString(out, e.text());
            putString(out, e.clientEventId());
            out.putLong(e.time());
            out.put(e.notice() ? NOTICE : 0);
        } else if (event instanceof ClientGone e) {
            out.put(CLIENT_GONE);
            putClient(out, e.client());
            putString(out, e.reason());
        } else if (event instanceof ServerGone e) {
            out.put(SERVER_GONE);
            putServer(out, e.server());
            out.putLong(e.beforeConnection());
            putString(out, e.reason());
        } else if (event instanceof TopicSet e) {
            out.put(TOPIC_SET);
            putClient(out, e.client());
            putString(out, e.room());
            putString(out, e.topic());
        } else if (event instanceof PrivateMessage e) {
            out.put(PRIVATE_MESSAGE);
            putClient(out, e.client());
            putString(out, e.target());
            putString(out, e.text());
            putString(out, e.clientEventId());
            out.putLong(e.time());
            out.put(e.notice() ? NOTICE : 0);
        } else if (event instanceof AwaySet e) {
            out.put(AWAY_SET);
            putClient(out, e.client());
            putString(out, e.message());
        } else {
            throw new IllegalArgumentException("unknown event " + event);
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    public static ChatEvent decode(byte[] payload) throws MalformedEventException {
        if (payload == null || payload.length < 2 || payload.length > MAX_ENCODED_BYTES) {
            throw new MalformedEventException("payload length " + (payload == null ? -1 : payload.length));
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        if (in.get() != VERSION) {
            throw new MalformedEventException("unknown version " + payload[0]);
        }
        try {
            byte type = in.get();
            ChatEvent event = switch (type) {
                case NICK_CLAIMED -> new NickClaimed(getClient(in), getString(in, ChatLimits.MAX_NICK_CHARS),
                        getString(in, ChatLimits.MAX_SESSION_CHARS), new Identity(getString(in,
                        ChatLimits.MAX_USER_CHARS), getString(in, ChatLimits.MAX_HOST_CHARS),
                        getString(in, ChatLimits.MAX_REALNAME_BYTES)));
                case ROOM_JOINED -> new RoomJoined(getClient(in), getString(in, MAX_ROOM_BYTES));
                case ROOM_LEFT -> new RoomLeft(getClient(in), getString(in, MAX_ROOM_BYTES),
                        getString(in, ChatLimits.MAX_REASON_BYTES));
                case MESSAGE_POSTED -> new MessagePosted(getClient(in), getString(in, MAX_ROOM_BYTES),
                        getString(in, ChatLimits.MAX_TEXT_BYTES), getString(in, ChatLimits.MAX_ID_CHARS), in.getLong(),
                        notice(in));
                case CLIENT_GONE -> new ClientGone(getClient(in), getString(in, ChatLimits.MAX_REASON_BYTES));
                case SERVER_GONE -> new ServerGone(getServer(in), in.getLong(), getString(in, ChatLimits.MAX_REASON_BYTES));
                case TOPIC_SET -> new TopicSet(getClient(in), getString(in, MAX_ROOM_BYTES),
                        getString(in, ChatLimits.MAX_TOPIC_BYTES));
                case PRIVATE_MESSAGE -> new PrivateMessage(getClient(in), getString(in, ChatLimits.MAX_NICK_CHARS),
                        getString(in, ChatLimits.MAX_TEXT_BYTES), getString(in, ChatLimits.MAX_ID_CHARS), in.getLong(),
                        notice(in));
                case AWAY_SET -> new AwaySet(getClient(in), getString(in, ChatLimits.MAX_AWAY_BYTES));
                default -> throw new MalformedEventException("unknown type " + type);
            };
            if (in.hasRemaining()) {
                throw new MalformedEventException(in.remaining() + " trailing bytes");
            }
            return event;
        } catch (BufferUnderflowException e) {
            throw new MalformedEventException("payload too short for its type");
        } catch (IllegalArgumentException e) {
            // A record constructor refused a field (ChatLimits): the same refusal on every server.
            throw new MalformedEventException(e.getMessage());
        }
    }

    private static boolean notice(ByteBuffer in) throws MalformedEventException {
        byte flags = in.get();
        if ((flags & ~NOTICE) != 0) {
            throw new MalformedEventException("unknown flags " + flags);
        }
        return flags == NOTICE;
    }

    private static void putClient(ByteBuffer out, ClientId client) {
        putServer(out, client.server());
        out.putLong(client.connection());
    }

    private static ClientId getClient(ByteBuffer in) throws MalformedEventException {
        String server = getServer(in);
        long connection = in.getLong();
        if (connection < 0) {
            throw new MalformedEventException("negative connection");
        }
        return new ClientId(server, connection);
    }

    private static void putServer(ByteBuffer out, String server) {
        byte[] bytes = ChatLimits.utf8(server);
        if (bytes.length == 0 || bytes.length > MAX_SERVER_BYTES || ChatLimits.utf8Length(server) != bytes.length) {
            throw new IllegalArgumentException("server id not encodable: " + server);
        }
        out.put((byte) bytes.length).put(bytes);
    }

    private static String getServer(ByteBuffer in) throws MalformedEventException {
        int length = Byte.toUnsignedInt(in.get());
        if (length == 0) {
            throw new MalformedEventException("empty server id");
        }
        return getUtf8(in, length, MAX_SERVER_BYTES);
    }

    /** The event's constructor has checked the field, so it is well-formed and within its limit. */
    private static void putString(ByteBuffer out, String s) {
        byte[] bytes = ChatLimits.utf8(s);
        out.putShort((short) bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer in, int maxBytes) throws MalformedEventException {
        return getUtf8(in, Short.toUnsignedInt(in.getShort()), maxBytes);
    }

    private static String getUtf8(ByteBuffer in, int length, int maxBytes) throws MalformedEventException {
        if (length > maxBytes || length > in.remaining()) {
            throw new MalformedEventException("string length " + length);
        }
        int start = in.position();
        in.position(start + length);
        if (isAscii(in, start, length)) {  // most strings are; the strict decoder is made anew for each
            byte[] ascii = new byte[length];
            in.get(start, ascii);
            return new String(ascii, StandardCharsets.US_ASCII);
        }
        ByteBuffer slice = in.slice(start, length);
        try {
            // Strict: new String(bytes, UTF_8) would turn bad bytes into U+FFFD, and servers must agree on text.
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedEventException("invalid UTF-8");
        }
    }

    private static boolean isAscii(ByteBuffer in, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (in.get(i) < 0) {
                return false;
            }
        }
        return true;
    }
}
