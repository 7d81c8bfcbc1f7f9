package org.syncnet.chat;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.syncnet.chat.ChatEvent.AccountDropped;
import org.syncnet.chat.ChatEvent.AccountRegistered;
import org.syncnet.chat.ChatEvent.AwaySet;
import org.syncnet.chat.ChatEvent.ClientGone;
import org.syncnet.chat.ChatEvent.Invited;
import org.syncnet.chat.ChatEvent.Kicked;
import org.syncnet.chat.ChatEvent.Killed;
import org.syncnet.chat.ChatEvent.LoggedIn;
import org.syncnet.chat.ChatEvent.LoggedOut;
import org.syncnet.chat.ChatEvent.LoginFailed;
import org.syncnet.chat.ChatEvent.MessagePosted;
import org.syncnet.chat.ChatEvent.ModesChanged;
import org.syncnet.chat.ChatEvent.NickClaimed;
import org.syncnet.chat.ChatEvent.NickEnforced;
import org.syncnet.chat.ChatEvent.NickRecovered;
import org.syncnet.chat.ChatEvent.OperUp;
import org.syncnet.chat.ChatEvent.PasswordChanged;
import org.syncnet.chat.ChatEvent.PrivateMessage;
import org.syncnet.chat.ChatEvent.RoomJoined;
import org.syncnet.chat.ChatEvent.RoomLeft;
import org.syncnet.chat.ChatEvent.ServerGone;
import org.syncnet.chat.ChatEvent.SessionIssued;
import org.syncnet.chat.ChatEvent.TopicSet;
import org.syncnet.chat.ChatEvent.UserModesSet;
import org.syncnet.chat.ChatEvent.Wallops;

/**
 * The payload format of chat events in the replicated log, version 5:
 * <pre>
 *   version 1 | type 1 | fields
 *   client id = server (len 1 + UTF-8, at most 64 bytes) | connection 8
 *   string    = len 2 + UTF-8 (each field has its own limit, from {@link ChatLimits})
 *   NICK_CLAIMED   client | nick | session | user | host | real name
 *   ROOM_JOINED    client | room | key | time 8     ROOM_LEFT    client | room | reason
 *   MESSAGE_POSTED client | room | text | id | time 8 | flags 1 (bit 0: notice)
 *   CLIENT_GONE    client | reason                   TOPIC_SET    client | room | topic
 *   SERVER_GONE    server (len 1) | connection bound 8 | reason
 *   PRIVATE_MESSAGE client | target nick | text | id | time 8 | flags 1
 *   AWAY_SET       client | message
 *   MODES_CHANGED  client | room | count 1 (1..4) | count × (flags 1 (bit 0: add) | letter 1 | argument) | time 8
 *   KICKED         client | room | target nick | reason
 *   INVITED        client | room | target nick       OPER_UP      client | oper name
 *   USER_MODES_SET client | modes                    KILLED       client | target nick | reason
 *   WALLOPS        client | text
 *   credential     = iterations 4 | salt (len 1, 8..64 bytes) | stored key 32 | server key 32
 *   session        = len 1 (0 or 32) | SHA-256 of a browser token
 *   ACCOUNT_REGISTERED client | account | credential | email | address | time 8
 *   LOGGED_IN      client | account | password version 4
 *   LOGIN_FAILED   client | account | address | time 8
 *   LOGGED_OUT     client | session                  PASSWORD_CHANGED client | credential
 *   ACCOUNT_DROPPED client                           SESSION_ISSUED   client | session (32) | expires 8
 *   NICK_RECOVERED client | nick | flags 1 (bit 0: regain)
 *   NICK_ENFORCED  client | nick
 * </pre>
 * Versions 3 and 4 (earlier releases, still in stored history and replayed at start) are decoded too: version 4 is
 * version 5 without the types from ACCOUNT_REGISTERED on; version 3 is version 4 without the types from MODES_CHANGED
 * on, and its ROOM_JOINED is {@code client | room} (key empty, time 0). Only version 5 is written.
 * <p>
 * <b>Size.</b> The largest event is a message with 4096 bytes of text: {@link #MAX_ENCODED_BYTES} (4447) bytes
 * (a WALLOPS has the same text but no room, id or time: 4173; a MODE with four arguments of 100 characters of up to
 * 3 bytes each: 1499).
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
    public static final byte VERSION = 5;
    /** Earlier versions, still decoded. */
    static final byte VERSION_4 = 4;
    static final byte VERSION_3 = 3;
    public static final int MAX_SERVER_BYTES = 64;
    /** '#' and 49 code points of up to 4 bytes each. */
    public static final int MAX_ROOM_BYTES = 1 + (ChatLimits.MAX_ROOM_CHARS - 1) * 4;
    private static final int CLIENT_BYTES = 1 + MAX_SERVER_BYTES + 8;
    public static final int MAX_ENCODED_BYTES = 2 + CLIENT_BYTES + (2 + MAX_ROOM_BYTES) + (2 + ChatLimits.MAX_TEXT_BYTES)
            + (2 + ChatLimits.MAX_ID_CHARS) + 8 + 1;
    private static final byte NOTICE = 1;
    private static final byte ADD = 1;
    /** A mode argument's bytes: {@link ChatLimits#MAX_MASK_CHARS} UTF-16 units are at most 3 bytes each. */
    private static final int MAX_MODE_ARGUMENT_BYTES = ChatLimits.MAX_MASK_CHARS * 3;
    private static final int MAX_OPER_NAME_BYTES = ChatLimits.MAX_OPER_NAME_CHARS;
    private static final int MAX_USER_MODES_BYTES = ChatLimits.USER_MODES.length() + 1;

    static final byte NICK_CLAIMED = 1;
    static final byte ROOM_JOINED = 2;
    static final byte ROOM_LEFT = 3;
    static final byte MESSAGE_POSTED = 4;
    static final byte CLIENT_GONE = 5;
    static final byte SERVER_GONE = 6;
    static final byte TOPIC_SET = 7;
    static final byte PRIVATE_MESSAGE = 8;
    static final byte AWAY_SET = 9;
    static final byte MODES_CHANGED = 10;
    static final byte KICKED = 11;
    static final byte INVITED = 12;
    static final byte OPER_UP = 13;
    static final byte USER_MODES_SET = 14;
    static final byte KILLED = 15;
    static final byte WALLOPS = 16;
    static final byte ACCOUNT_REGISTERED = 17;
    static final byte LOGGED_IN = 18;
    static final byte LOGIN_FAILED = 19;
    static final byte LOGGED_OUT = 20;
    static final byte PASSWORD_CHANGED = 21;
    static final byte ACCOUNT_DROPPED = 22;
    static final byte SESSION_ISSUED = 23;
    static final byte NICK_RECOVERED = 24;
    static final byte NICK_ENFORCED = 25;
    private static final byte REGAIN = 1;

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
            putString(out, e.key());
            out.putLong(e.time());
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
        } else if (event instanceof ModesChanged e) {
            out.put(MODES_CHANGED);
            putClient(out, e.client());
            putString(out, e.room());
            out.put((byte) e.changes().size());
            for (ModeChange c : e.changes()) {
                out.put(c.add() ? ADD : 0);
                out.put((byte) c.mode());
                putString(out, c.argument());
            }
            out.putLong(e.time());
        } else if (event instanceof Kicked e) {
            out.put(KICKED);
            putClient(out, e.client());
            putString(out, e.room());
            putString(out, e.targetNick());
            putString(out, e.reason());
        } else if (event instanceof Invited e) {
            out.put(INVITED);
            putClient(out, e.client());
            putString(out, e.room());
            putString(out, e.targetNick());
        } else if (event instanceof OperUp e) {
            out.put(OPER_UP);
            putClient(out, e.client());
            putString(out, e.operName());
        } else if (event instanceof UserModesSet e) {
            out.put(USER_MODES_SET);
            putClient(out, e.client());
            putString(out, e.modes());
        } else if (event instanceof Killed e) {
            out.put(KILLED);
            putClient(out, e.client());
            putString(out, e.targetNick());
            putString(out, e.reason());
        } else if (event instanceof Wallops e) {
            out.put(WALLOPS);
            putClient(out, e.client());
            putString(out, e.text());
        } else if (event instanceof AccountRegistered e) {
            out.put(ACCOUNT_REGISTERED);
            putClient(out, e.client());
            putString(out, e.account());
            putCredential(out, e.credential());
            putString(out, e.email());
            putString(out, e.address());
            out.putLong(e.time());
        } else if (event instanceof LoggedIn e) {
            out.put(LOGGED_IN);
            putClient(out, e.client());
            putString(out, e.account());
            out.putInt(e.passwordVersion());
        } else if (event instanceof LoginFailed e) {
            out.put(LOGIN_FAILED);
            putClient(out, e.client());
            putString(out, e.account());
            putString(out, e.address());
            out.putLong(e.time());
        } else if (event instanceof LoggedOut e) {
            out.put(LOGGED_OUT);
            putClient(out, e.client());
            putBytes(out, e.session());
        } else if (event instanceof PasswordChanged e) {
            out.put(PASSWORD_CHANGED);
            putClient(out, e.client());
            putCredential(out, e.credential());
        } else if (event instanceof AccountDropped e) {
            out.put(ACCOUNT_DROPPED);
            putClient(out, e.client());
        } else if (event instanceof SessionIssued e) {
            out.put(SESSION_ISSUED);
            putClient(out, e.client());
            putBytes(out, e.session());
            out.putLong(e.expires());
        } else if (event instanceof NickRecovered e) {
            out.put(NICK_RECOVERED);
            putClient(out, e.client());
            putString(out, e.nick());
            out.put(e.regain() ? REGAIN : 0);
        } else if (event instanceof NickEnforced e) {
            out.put(NICK_ENFORCED);
            putClient(out, e.client());
            putString(out, e.nick());
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
        byte version = in.get();
        if (version != VERSION && version != VERSION_4 && version != VERSION_3) {
            throw new MalformedEventException("unknown version " + version);
        }
        try {
            byte type = in.get();
            if (version == VERSION_3 && type >= MODES_CHANGED || version == VERSION_4 && type >= ACCOUNT_REGISTERED) {
                throw new MalformedEventException("type " + type + " is not in version " + version);
            }
            ChatEvent event = switch (type) {
                case NICK_CLAIMED -> new NickClaimed(getClient(in), getString(in, ChatLimits.MAX_NICK_CHARS),
                        getString(in, ChatLimits.MAX_SESSION_CHARS), new Identity(getString(in,
                        ChatLimits.MAX_USER_CHARS), getString(in, ChatLimits.MAX_HOST_CHARS),
                        getString(in, ChatLimits.MAX_REALNAME_BYTES)));
                case ROOM_JOINED -> version == VERSION_3 ? new RoomJoined(getClient(in), getString(in, MAX_ROOM_BYTES))
                        : new RoomJoined(getClient(in), getString(in, MAX_ROOM_BYTES),
                        getString(in, ChatLimits.MAX_KEY_CHARS * 4), in.getLong());
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
                case MODES_CHANGED -> new ModesChanged(getClient(in), getString(in, MAX_ROOM_BYTES), getChanges(in),
                        in.getLong());
                case KICKED -> new Kicked(getClient(in), getString(in, MAX_ROOM_BYTES),
                        getString(in, ChatLimits.MAX_NICK_CHARS), getString(in, ChatLimits.MAX_REASON_BYTES));
                case INVITED -> new Invited(getClient(in), getString(in, MAX_ROOM_BYTES),
                        getString(in, ChatLimits.MAX_NICK_CHARS));
                case OPER_UP -> new OperUp(getClient(in), getString(in, MAX_OPER_NAME_BYTES));
                case USER_MODES_SET -> new UserModesSet(getClient(in), getString(in, MAX_USER_MODES_BYTES));
                case KILLED -> new Killed(getClient(in), getString(in, ChatLimits.MAX_NICK_CHARS),
                        getString(in, ChatLimits.MAX_REASON_BYTES));
                case WALLOPS -> new Wallops(getClient(in), getString(in, ChatLimits.MAX_TEXT_BYTES));
                case ACCOUNT_REGISTERED -> new AccountRegistered(getClient(in), getString(in, ChatLimits.MAX_NICK_CHARS),
                        getCredential(in), getString(in, ChatLimits.MAX_EMAIL_CHARS),
                        getString(in, ChatLimits.MAX_HOST_CHARS), in.getLong());
                case LOGGED_IN -> new LoggedIn(getClient(in), getString(in, ChatLimits.MAX_NICK_CHARS), in.getInt());
                case LOGIN_FAILED -> new LoginFailed(getClient(in), getString(in, ChatLimits.MAX_NICK_CHARS),
                        getString(in, ChatLimits.MAX_HOST_CHARS), in.getLong());
                case LOGGED_OUT -> new LoggedOut(getClient(in), getBytes(in, ChatLimits.SESSION_HASH_BYTES));
                case PASSWORD_CHANGED -> new PasswordChanged(getClient(in), getCredential(in));
                case ACCOUNT_DROPPED -> new AccountDropped(getClient(in));
                case SESSION_ISSUED -> new SessionIssued(getClient(in), getBytes(in, ChatLimits.SESSION_HASH_BYTES),
                        in.getLong());
                case NICK_RECOVERED -> new NickRecovered(getClient(in), getString(in, ChatLimits.MAX_NICK_CHARS),
                        regain(in));
                case NICK_ENFORCED -> new NickEnforced(getClient(in), getString(in, ChatLimits.MAX_NICK_CHARS));
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

    private static List<ModeChange> getChanges(ByteBuffer in) throws MalformedEventException {
        int count = Byte.toUnsignedInt(in.get());
        if (count < 1 || count > ChatLimits.MAX_MODE_CHANGES) {
            throw new MalformedEventException("mode change count " + count);
        }
        List<ModeChange> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte flags = in.get();
            if ((flags & ~ADD) != 0) {
                throw new MalformedEventException("unknown mode flags " + flags);
            }
            char letter = (char) Byte.toUnsignedInt(in.get());
            changes.add(new ModeChange(flags == ADD, letter, getString(in, MAX_MODE_ARGUMENT_BYTES)));
        }
        return changes;
    }

    private static boolean notice(ByteBuffer in) throws MalformedEventException {
        byte flags = in.get();
        if ((flags & ~NOTICE) != 0) {
            throw new MalformedEventException("unknown flags " + flags);
        }
        return flags == NOTICE;
    }

    private static boolean regain(ByteBuffer in) throws MalformedEventException {
        byte flags = in.get();
        if ((flags & ~REGAIN) != 0) {
            throw new MalformedEventException("unknown flags " + flags);
        }
        return flags == REGAIN;
    }

    private static void putCredential(ByteBuffer out, PasswordCredential c) {
        out.putInt(c.iterations());
        putBytes(out, c.salt());
        out.put(c.storedKey()).put(c.serverKey());
    }

    private static PasswordCredential getCredential(ByteBuffer in) throws MalformedEventException {
        int iterations = in.getInt();
        byte[] salt = getBytes(in, PasswordCredential.MAX_SALT_BYTES);
        byte[] storedKey = new byte[PasswordCredential.KEY_BYTES];
        byte[] serverKey = new byte[PasswordCredential.KEY_BYTES];
        in.get(storedKey).get(serverKey);
        return new PasswordCredential(iterations, salt, storedKey, serverKey);
    }

    private static void putBytes(ByteBuffer out, byte[] bytes) {
        out.put((byte) bytes.length).put(bytes);
    }

    private static byte[] getBytes(ByteBuffer in, int maxBytes) throws MalformedEventException {
        int length = Byte.toUnsignedInt(in.get());
        if (length > maxBytes || length > in.remaining()) {
            throw new MalformedEventException("byte string length " + length);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
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
