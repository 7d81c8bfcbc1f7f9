package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent.MessagePosted;
import org.syncnet.chat.ChatEvent.NickClaimed;

class ChatEventCodecTest {
    @Test
    void everyKindRoundTrips() throws MalformedEventException {
        for (ChatEvent e : Events.oneOfEach()) {
            byte[] bytes = ChatEventCodec.encode(e);
            assertEquals(ChatEventCodec.VERSION, bytes[0]);
            assertEquals(e, ChatEventCodec.decode(bytes));
        }
    }

    @Test
    void theLargestEventIsExactlyTheDocumentedBound() throws MalformedEventException {
        MessagePosted big = Events.largestMessage();
        byte[] bytes = ChatEventCodec.encode(big);
        assertEquals(ChatEventCodec.MAX_ENCODED_BYTES, bytes.length);
        assertEquals(4447, bytes.length, "the number the class comment quotes");
        assertEquals(big, ChatEventCodec.decode(bytes));
    }

    @Test
    void theLargestNewEventsStayWithinTheBound() throws MalformedEventException {
        ChatEvent modes = Events.largestModes();
        assertEquals(1499, ChatEventCodec.encode(modes).length, "the number the class comment quotes");
        assertEquals(modes, ChatEventCodec.decode(ChatEventCodec.encode(modes)));
        ChatEvent wallops = Events.largestWallops();
        assertEquals(4173, ChatEventCodec.encode(wallops).length, "the number the class comment quotes");
        assertEquals(wallops, ChatEventCodec.decode(ChatEventCodec.encode(wallops)));
    }

    @Test
    void version3PayloadsOfEarlierReleasesStillDecode() throws MalformedEventException {
        // ROOM_JOINED as version 3 wrote it, byte by byte: no key, no time.
        byte[] joined = {3, 2, 2, 's', '1', 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, '#', 'a'};
        assertEquals(new ChatEvent.RoomJoined(new ClientId("s1", 2), "#a", "", 0), ChatEventCodec.decode(joined));
        // The other version-3 types have the layout version 4 gives them.
        assertEquals(new NickClaimed(new ClientId("server1", 1), "ab", "", Events.ID),
                ChatEventCodec.decode(Version3.nickClaim("server1", 1, "ab".getBytes(StandardCharsets.US_ASCII))));
        for (ChatEvent e : Events.oneOfEach()) {
            if (Version3.has(e)) {
                assertEquals(e, ChatEventCodec.decode(Version3.encode(e)), e::toString);
            }
        }
        // A version-3 ROOM_JOINED with version 4's fields has trailing bytes; version 3 had no MODE and the like.
        byte[] v4Joined = ChatEventCodec.encode(new ChatEvent.RoomJoined(new ClientId("s1", 2), "#a"));
        v4Joined[0] = 3;
        assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(v4Joined));
        for (ChatEvent e : Events.oneOfEach()) {
            if (!Version3.has(e) && !(e instanceof ChatEvent.RoomJoined)) {
                byte[] b = ChatEventCodec.encode(e);
                b[0] = 3;
                assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(b), e::toString);
            }
        }
        byte[] v4Short = joined.clone();
        v4Short[0] = 4;
        assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(v4Short), "version 4 has a key and time");
    }

    @Test
    void version4PayloadsStillDecodeAndHaveNoAccounts() throws MalformedEventException {
        for (ChatEvent e : Events.oneOfEach()) {
            byte[] b = ChatEventCodec.encode(e);
            if (b[1] < ChatEventCodec.ACCOUNT_REGISTERED) {
                assertEquals(e, ChatEventCodec.decode(Version3.encodeVersion4(e)), e::toString);
            } else {
                b[0] = 4;
                assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(b), e::toString);
            }
        }
    }

    @Test
    void accountFieldsAreStrict() {
        byte[] registered = ChatEventCodec.encode(Events.oneOfEach().stream()
                .filter(e -> e instanceof ChatEvent.AccountRegistered).findFirst().orElseThrow());
        int iterations = 2 + 1 + "server1".length() + 8 + 2 + "alice".length();
        byte[] few = registered.clone();
        few[iterations + 2] = 0x0F;  // 4096 -> 3840: below SCRAM's minimum
        assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(few));
        byte[] shortSalt = registered.clone();
        shortSalt[iterations + 4] = 7;
        assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(shortSalt));
        byte[] logout = ChatEventCodec.encode(new ChatEvent.LoggedOut(Events.A, Events.SESSION));
        logout[logout.length - 33] = 31;  // a session hash of 31 bytes (and one trailing byte)
        assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(logout));
        byte[] recovered = ChatEventCodec.encode(new ChatEvent.NickRecovered(Events.A, "bob", true));
        recovered[recovered.length - 1] = 2;
        assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(recovered), "unknown flag");
        assertThrows(IllegalArgumentException.class, () -> new ChatEvent.AccountRegistered(Events.A, "alice",
                Events.CREDENTIAL, "no-at-sign", "h", 0));
        assertThrows(IllegalArgumentException.class, () -> new ChatEvent.LoggedIn(Events.A, "9x", 0));
        assertThrows(IllegalArgumentException.class, () -> new ChatEvent.SessionIssued(Events.A, new byte[3], 1));
        assertThrows(IllegalArgumentException.class, () -> new PasswordCredential(100, new byte[16], new byte[32],
                new byte[32]));
    }

    @Test
    void modeChangesAreBoundedAndStrict() {
        ChatEvent.ModesChanged one = new ChatEvent.ModesChanged(Events.A, "#a", List.of(new ModeChange(true, 'm')), 5);
        byte[] bytes = ChatEventCodec.encode(one);
        int count = bytes.length - 8 - 4 - 1;  // before the time, the change (flags, letter, empty argument)
        assertEquals(1, bytes[count]);
        for (int bad : new int[] {0, 5, 255}) {
            byte[] b = bytes.clone();
            b[count] = (byte) bad;
            assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(b), "count " + bad);
        }
        byte[] flags = bytes.clone();
        flags[count + 1] = 3;
        assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(flags), "unknown flag bits");
        for (int letter : new int[] {'0', '+', ' ', 0, 0xE9}) {
            byte[] b = bytes.clone();
            b[count + 2] = (byte) letter;
            assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(b), "letter " + letter);
        }
        assertThrows(IllegalArgumentException.class, () -> new ChatEvent.ModesChanged(Events.A, "#a", List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new ChatEvent.ModesChanged(Events.A, "#a",
                List.of(new ModeChange(true, 'm'), new ModeChange(true, 'n'), new ModeChange(true, 's'),
                        new ModeChange(true, 't'), new ModeChange(true, 'i')), 0));
        assertThrows(IllegalArgumentException.class, () -> new ModeChange(true, 'b', "a b"));
        assertThrows(IllegalArgumentException.class, () -> new ModeChange(true, 'b', "x".repeat(101)));
        assertThrows(IllegalArgumentException.class, () -> new ModeChange(true, '1', ""));
        assertThrows(IllegalArgumentException.class, () -> new ChatEvent.RoomJoined(Events.A, "#a", "a,b", 0));
        assertThrows(IllegalArgumentException.class, () -> new ChatEvent.RoomJoined(Events.A, "#a", "k", -1));
        assertThrows(IllegalArgumentException.class, () -> new ChatEvent.UserModesSet(Events.A, "ix"));
        assertThrows(IllegalArgumentException.class, () -> new ChatEvent.OperUp(Events.A, ""));
        assertThrows(IllegalArgumentException.class, () -> new ChatEvent.Wallops(Events.A, ""));
        assertThrows(IllegalArgumentException.class, () -> new ChatEvent.Killed(Events.A, "1x", ""));
        assertThrows(IllegalArgumentException.class, () -> new ChatEvent.Kicked(Events.A, "#a", "bob", "x\r\n"));
    }

    @Test
    void aMessageOfUpTo700BytesFitsOneDatagramsBudgetEvenWithTheLongestNames() {
        // 1400-byte datagram - 127 (header and MAC, longest sender) - ~160 (log entry header) leaves ~1100.
        MessagePosted big = Events.largestMessage();
        MessagePosted m = new MessagePosted(big.client(), big.room(), "x".repeat(700), big.clientEventId(), 0);
        assertTrue(ChatEventCodec.encode(m).length <= 1100, () -> "" + ChatEventCodec.encode(m).length);
        MessagePosted full = new MessagePosted(Events.A, "#lobby", "x".repeat(4096), "1", 0);
        assertTrue(ChatEventCodec.encode(full).length > 1400, "a full 4 KiB message needs the log to split it");
    }

    @Test
    void eachEventCutShortAnywhereIsRefused() {
        for (ChatEvent e : Events.oneOfEach()) {
            byte[] bytes = ChatEventCodec.encode(e);
            for (int n = 0; n < bytes.length; n++) {
                byte[] cut = Arrays.copyOf(bytes, n);
                assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(cut), e + " cut at " + n);
            }
        }
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] bytes = ChatEventCodec.encode(Events.oneOfEach().get(0));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(longer));
    }

    @Test
    void unknownVersionAndTypeAreRefused() {
        byte[] bytes = ChatEventCodec.encode(Events.oneOfEach().get(0));
        for (int version : new int[] {0, 1, ChatEventCodec.VERSION + 1}) {  // 1: before ServerGone had its bound
            byte[] v = bytes.clone();
            v[0] = (byte) version;
            assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(v), "version " + version);
        }
        for (int type : new int[] {0, 9, 26, 127, -1}) {
            byte[] t = bytes.clone();
            t[1] = (byte) type;
            assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(t), "type " + type);
        }
        assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(null));
        assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(new byte[0]));
        assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(new byte[ChatEventCodec.MAX_ENCODED_BYTES + 1]));
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() {
        byte[] bytes = nickClaim("server1", 1, "ab".getBytes(StandardCharsets.US_ASCII));
        assertEquals(new NickClaimed(new ClientId("server1", 1), "ab", "", Events.ID), decodeUnchecked(bytes));
        for (byte[] bad : new byte[][] {{(byte) 0xC3}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xFF}}) {
            byte[] b = nickClaim("server1", 1, bad);
            assertThrows(MalformedEventException.class, () -> ChatEventCodec.decode(b));
        }
    }

    @Test
    void fieldsBreakingTheLimitsAreRefused() {
        // Well-formed bytes, but the nick starts with a digit, the server id is empty, the connection negative.
        assertThrows(MalformedEventException.class,
                () -> ChatEventCodec.decode(nickClaim("server1", 1, "1ab".getBytes(StandardCharsets.US_ASCII))));
        assertThrows(MalformedEventException.class,
                () -> ChatEventCodec.decode(nickClaim("", 1, "ab".getBytes(StandardCharsets.US_ASCII))));
        assertThrows(MalformedEventException.class,
                () -> ChatEventCodec.decode(nickClaim("server1", -1, "ab".getBytes(StandardCharsets.US_ASCII))));
        // A field length beyond its limit is refused before the bytes are read.
        assertThrows(MalformedEventException.class,
                () -> ChatEventCodec.decode(nickClaim("server1", 1, "a".repeat(17).getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void eventsRefuseInvalidFieldsSoOnlyDecodableEventsAreEncoded() {
        assertThrows(IllegalArgumentException.class, () -> new NickClaimed(Events.A, "9lives", "", Events.ID));
        assertThrows(IllegalArgumentException.class, () -> new ChatEvent.RoomJoined(Events.A, "lobby"));
        assertThrows(IllegalArgumentException.class,
                () -> new MessagePosted(Events.A, "#a", "x".repeat(4097), "1", 0));
        assertThrows(IllegalArgumentException.class, () -> new MessagePosted(Events.A, "#a", "x", "", 0));
        assertThrows(IllegalArgumentException.class, () -> new MessagePosted(Events.A, "#a", "x", "1", -1));
        assertThrows(IllegalArgumentException.class, () -> new ChatEvent.ServerGone("s".repeat(65), Long.MAX_VALUE, ""));
        assertThrows(IllegalArgumentException.class, () -> new ChatEvent.ServerGone("s\ud800", Long.MAX_VALUE, ""));
        assertThrows(IllegalArgumentException.class, () -> new ClientId("\ud800", 1));
        assertThrows(IllegalArgumentException.class, () -> new ClientId("", 1));
        assertThrows(IllegalArgumentException.class, () -> new ClientId("s", -1));
    }

    /** A hand-built NICK_CLAIMED with an empty session, to plant bytes the encoder would never write. */
    static byte[] nickClaim(String server, long connection, byte[] nick) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ChatEventCodec.VERSION);
        out.write(ChatEventCodec.NICK_CLAIMED);
        byte[] s = server.getBytes(StandardCharsets.UTF_8);
        out.write(s.length);
        out.writeBytes(s);
        out.writeBytes(ByteBuffer.allocate(8).putLong(connection).array());
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) nick.length).array());
        out.writeBytes(nick);
        out.writeBytes(new byte[] {0, 0});  // no session
        out.writeBytes(new byte[] {0, 1, 'u', 0, 1, 'h', 0, 0});  // Events.ID
        return out.toByteArray();
    }

    private static ChatEvent decodeUnchecked(byte[] bytes) {
        try {
            return ChatEventCodec.decode(bytes);
        } catch (MalformedEventException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void encodingIsStable() {
        // Every server must encode alike (resends compare payloads): pin one encoding.
        byte[] bytes = ChatEventCodec.encode(new ChatEvent.RoomJoined(new ClientId("s1", 2), "#a", "k", 258));
        assertArrayEquals(new byte[] {5, 2, 2, 's', '1', 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, '#', 'a', 0, 1, 'k',
                0, 0, 0, 0, 0, 0, 1, 2}, bytes);
        byte[] modes = ChatEventCodec.encode(new ChatEvent.ModesChanged(new ClientId("s1", 2), "#a",
                List.of(new ModeChange(true, 'b', "x"), new ModeChange(false, 'm')), 1));
        assertArrayEquals(new byte[] {5, 10, 2, 's', '1', 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, '#', 'a', 2,
                1, 'b', 0, 1, 'x', 0, 'm', 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, modes);
    }
}
