package org.syncnet.cluster.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.cluster.wire.Samples.LONGEST_ID;
import static org.syncnet.cluster.wire.Samples.MAX_POSITION;
import static org.syncnet.cluster.wire.Samples.SECRET;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.log.entry.LogEntry;
import org.syncnet.cluster.log.entry.LogPosition;

class DatagramCodecTest {
    private final DatagramCodec codec = new DatagramCodec(SECRET);

    private DropReason rejection(byte[] data, int length) {
        return assertThrows(MalformedDatagramException.class, () -> codec.decode(data, length)).reason();
    }

    private DropReason rejection(byte[] data) {
        return rejection(data, data.length);
    }

    private DropReason rejection(RawDatagram raw) {
        return rejection(raw.signedWith(SECRET));
    }

    private static Envelope envelope(Message m) {
        return new Envelope("server2", 1712345678901L, 5, 3, m);
    }

    // ---- round trip -------------------------------------------------------------------------------------

    @Test
    void everyMessageTypeWithEdgeValuesRoundTrips() throws Exception {
        Set<MessageType> seen = EnumSet.noneOf(MessageType.class);
        for (Envelope e : Samples.edgeEnvelopes()) {
            byte[] data = codec.encode(e);
            assertEquals(e, codec.decode(data, data.length), e.toString());
            seen.add(e.message().type());
        }
        assertEquals(EnumSet.allOf(MessageType.class), seen);
    }

    @Test
    void decodesOnlyTheGivenLengthOfALargerBuffer() throws Exception {
        Envelope e = envelope(new Ack(9, new LogPosition(1, 2, 1)));
        byte[] data = codec.encode(e);
        byte[] receiveBuffer = Arrays.copyOf(data, DatagramCodec.MAX_DATAGRAM + 100);
        Arrays.fill(receiveBuffer, data.length, receiveBuffer.length, (byte) 0x5A);
        assertEquals(e, codec.decode(receiveBuffer, data.length));
    }

    @Test
    void lengthOutsideTheBufferIsADriverBugNotADrop() {
        byte[] data = codec.encode(envelope(Leave.INSTANCE));
        assertThrows(IndexOutOfBoundsException.class, () -> codec.decode(data, data.length + 1));
        assertThrows(IndexOutOfBoundsException.class, () -> codec.decode(data, -1));
    }

    @Test
    void wireFormatIsPinned() {
        byte[] data = codec.encode(new Envelope("ab", 0x0102030405060708L, 9, 10, new Abdicate("c")));
        byte[] expectedPrefix = {'S', 'N', 4, 6, 2, 'a', 'b', 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0, 0, 9,
            0, 0, 0, 0, 0, 0, 0, 10, 0, 2, 1, 'c'};
        assertArrayEquals(expectedPrefix, Arrays.copyOf(data, expectedPrefix.length));
        assertEquals(expectedPrefix.length + DatagramCodec.MAC_BYTES, data.length);
        assertArrayEquals(data, RawDatagram.sign(expectedPrefix, SECRET));
    }

    @Test
    void messageTypeCodesAndRejectReasonCodesArePinned() {
        int code = 1;
        for (MessageType t : new MessageType[] {MessageType.HEARTBEAT, MessageType.ACK, MessageType.PREPARE,
            MessageType.PROMISE, MessageType.REJECT, MessageType.ABDICATE, MessageType.LEAVE, MessageType.FORWARD,
            MessageType.APPEND, MessageType.LOG_ACK, MessageType.FETCH}) {
            assertEquals(code++, t.code());
        }
        int reason = 0;
        for (Reject.Reason r : new Reject.Reason[] {Reject.Reason.STALE_EPOCH, Reject.Reason.HAS_LEADER,
            Reject.Reason.NOT_READY}) {
            byte[] data = codec.encode(envelope(new Reject(r, null)));
            assertEquals(reason++, data[data.length - DatagramCodec.MAC_BYTES - 2]);
        }
    }

    // ---- size -------------------------------------------------------------------------------------------

    @Test
    void theLargestEncodableDatagramOfEachTypeFits() {
        Message[] largest = {new Heartbeat(true, true, true, LONGEST_ID, MAX_POSITION, 0,
                new int[Heartbeat.MAX_MEMBERS]), new Ack(0, MAX_POSITION),
            new Prepare(0, MAX_POSITION), new Promise(0, MAX_POSITION), new Reject(Reject.Reason.NOT_READY, LONGEST_ID),
            new Abdicate(LONGEST_ID), Leave.INSTANCE,
            new Forward(LONGEST_ID, List.of(new Forward.Item(LONGEST_ID, 0, 0, 1, new byte[LogEntry.MAX_PAYLOAD],
                    new Forward.After(0, 0)))),
            new Append(0, 0, 0, List.of(new LogEntry(0, 1, LONGEST_ID, LONGEST_ID, 0, new byte[LogEntry.MAX_PAYLOAD]))),
            new LogAck(true, 0, 0), new Fetch(1, true)};
        int header = DatagramCodec.SENDER_AT + 1 + WireIO.MAX_STRING_BYTES + 8 + 8 + 8 + 2;
        int[] bodies = {1 + 1 + 64 + 24 + 8 + 1 + 4 * Heartbeat.MAX_MEMBERS, 8 + 24, 8 + 24, 8 + 24 + 1, 1 + 1 + 64, 1 + 64, 0,
            Forward.FIXED_BYTES + 1 + 64 + 8 + 2 + 2 + LogEntry.MAX_PAYLOAD + 1 + 8 + 1,
            Append.FIXED_BYTES + 8 + 1 + 64 + 1 + 64 + 8 + 2 + 2 + LogEntry.MAX_PAYLOAD,
            1 + 8 + 8, 8 + 1};
        for (int i = 0; i < largest.length; i++) {
            byte[] data = codec.encode(new Envelope(LONGEST_ID, 0, 1, 0, largest[i]));
            assertEquals(header + bodies[i] + DatagramCodec.MAC_BYTES, data.length, largest[i].toString());
            assertTrue(data.length <= DatagramCodec.MAX_DATAGRAM);
        }
    }

    @Test
    void oneByteOverTheLimitIsTooLargeWhateverItHolds() {
        byte[] valid = codec.encode(envelope(Leave.INSTANCE));
        byte[] big = Arrays.copyOf(valid, DatagramCodec.MAX_DATAGRAM + 1);
        assertEquals(DropReason.TOO_LARGE, rejection(big));
        assertEquals(DropReason.TOO_LARGE, rejection(new byte[65_536]));
        // Exactly at the limit the datagram is judged on its content instead.
        assertEquals(DropReason.MALFORMED, rejection(Arrays.copyOf(valid, DatagramCodec.MAX_DATAGRAM)));
    }

    @Test
    void aSignedDatagramOverTheLimitIsStillTooLarge() {
        byte[] body = new byte[DatagramCodec.MAX_DATAGRAM];
        assertEquals(DropReason.TOO_LARGE, rejection(new RawDatagram().body(body)));
    }

    @Test
    void idsLongerThan64BytesAreNotEncodable() {
        String id65 = "a".repeat(65);
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new Envelope(id65, 0, 1, 0, Leave.INSTANCE)));
        assertThrows(IllegalArgumentException.class,
                () -> codec.encode(envelope(new Abdicate("é".repeat(32) + "a"))));
        assertThrows(IllegalArgumentException.class,
                () -> codec.encode(envelope(new Reject(Reject.Reason.HAS_LEADER, id65))));
    }

    // ---- encoder refuses what the decoder would drop ------------------------------------------------------

    @Test
    void encoderRefusesImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new Envelope("s", 0, 0, 0, Leave.INSTANCE)));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new Envelope("s", 0, -5, 0, Leave.INSTANCE)));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new Envelope("s", 0, 1, -1, Leave.INSTANCE)));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new Envelope("s", -1, 1, 0, Leave.INSTANCE)));
        assertThrows(IllegalArgumentException.class,
                () -> codec.encode(envelope(new Ack(0, new LogPosition(1, 2, 3)))));
        assertThrows(IllegalArgumentException.class,
                () -> codec.encode(envelope(new Prepare(0, new LogPosition(-1, 0, 0)))));
        assertThrows(IllegalArgumentException.class,
                () -> codec.encode(envelope(new Heartbeat(false, false, false, "", LogPosition.EMPTY, 0))));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(envelope(new Abdicate(""))));
        assertThrows(IllegalArgumentException.class, () -> new Heartbeat(false, true, false, null, LogPosition.EMPTY, 0));
        assertThrows(IllegalArgumentException.class, () -> new Reject(null, null));
        // A lone surrogate would otherwise go out as '?', i.e. as a different id.
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new Envelope("s\uD800", 0, 1, 0, Leave.INSTANCE)));
    }

    @Test
    void emptySecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DatagramCodec(new byte[0]));
    }

    // ---- forgery ----------------------------------------------------------------------------------------

    @Test
    void aDatagramSignedWithAnotherSecretIsBadMac() {
        DatagramCodec other = new DatagramCodec("another secret".getBytes(StandardCharsets.UTF_8));
        for (Message m : Samples.everyType()) {
            assertEquals(DropReason.BAD_MAC, rejection(other.encode(envelope(m))));
        }
        // A secret that is a prefix of the real one is just as wrong.
        DatagramCodec prefix = new DatagramCodec(Arrays.copyOf(SECRET, SECRET.length - 1));
        assertEquals(DropReason.BAD_MAC, rejection(prefix.encode(envelope(Leave.INSTANCE))));
    }

    @Test
    void aZeroedOrMissingMacIsBadMac() {
        byte[] data = codec.encode(envelope(new Ack(1, LogPosition.EMPTY)));
        Arrays.fill(data, data.length - DatagramCodec.MAC_BYTES, data.length, (byte) 0);
        assertEquals(DropReason.BAD_MAC, rejection(data));
    }

    /** Every single-bit flip at every position is dropped, under the reason for the field it hit. */
    @Test
    void everyFlippedBitAtEveryPositionIsRejected() {
        for (Message m : Samples.everyType()) {
            byte[] valid = codec.encode(envelope(m));
            int senderLength = valid[DatagramCodec.SENDER_AT];
            int bodyLengthAt = DatagramCodec.SENDER_AT + 1 + senderLength + 24;
            for (int i = 0; i < valid.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] forged = valid.clone();
                    forged[i] ^= (byte) (1 << bit);
                    DropReason reason = rejection(forged);
                    String where = m + " byte " + i + " bit " + bit;
                    if (i < 2) {
                        assertEquals(DropReason.BAD_MAGIC, reason, where);
                    } else if (i == 2) {
                        assertEquals(DropReason.BAD_VERSION, reason, where);
                    } else if (i == DatagramCodec.SENDER_AT || i == bodyLengthAt || i == bodyLengthAt + 1) {
                        // A length field: the frame no longer adds up, or by chance it does and the MAC fails.
                        assertTrue(EnumSet.of(DropReason.TRUNCATED, DropReason.MALFORMED, DropReason.BAD_MAC)
                                .contains(reason), where + ": " + reason);
                    } else {
                        assertEquals(DropReason.BAD_MAC, reason, where);
                    }
                }
            }
        }
    }

    @Test
    void aForgedDatagramThatKeepsItsFrameIsBadMacNotParsed() {
        // Unknown type, impossible sequence and bad UTF-8, but not signed: the MAC check comes first.
        byte[] unsigned = new RawDatagram().type(99).sender(0xC0, 0xAF).header(-1, 0, -1).unsigned();
        byte[] forged = Arrays.copyOf(unsigned, unsigned.length + DatagramCodec.MAC_BYTES);
        assertEquals(DropReason.BAD_MAC, rejection(forged));
    }

    // ---- truncation, framing ----------------------------------------------------------------------------

    @Test
    void truncatedAtEveryLengthIsTruncated() {
        for (Message m : Samples.everyType()) {
            byte[] valid = codec.encode(new Envelope(LONGEST_ID, 1, 1, 1, m));
            for (int n = 0; n < valid.length; n++) {
                assertEquals(DropReason.TRUNCATED, rejection(valid, n), m + " cut to " + n);
                assertEquals(DropReason.TRUNCATED, rejection(Arrays.copyOf(valid, n)), m + " cut to " + n);
            }
        }
    }

    @Test
    void badMagicAndVersion() {
        assertEquals(DropReason.BAD_MAGIC, rejection(new RawDatagram().magic('N', 'S')));
        assertEquals(DropReason.BAD_MAGIC, rejection(new RawDatagram().magic('S', 0)));
        assertEquals(DropReason.BAD_MAGIC, rejection(new byte[DatagramCodec.MIN_DATAGRAM]));
        for (int v : new int[] {0, 1, 2, 3, 5, 0x7f, 0x80, 0xff}) {
            assertEquals(DropReason.BAD_VERSION, rejection(new RawDatagram().version(v)), "version " + v);
        }
    }

    @Test
    void unknownTypeIsCountedOnlyOnceAuthenticated() {
        for (int t : new int[] {0, 12, 13, 0x7f, 0x80, 0xff}) {
            assertEquals(DropReason.UNKNOWN_TYPE, rejection(new RawDatagram().type(t)), "type " + t);
        }
    }

    @Test
    void forwardBodyIsPinnedAndAnEmptyOneIsMalformed() {
        Forward two = new Forward(List.of(new Forward.Item("c", 5, 0, 1, new byte[] {9}, new Forward.After(4, 3)),
                new Forward.Item("d", 6, 1, 2, new byte[0])));
        byte[] body = Arrays.copyOfRange(new RawDatagram().body(two).unsigned(),
                new RawDatagram().body(two).unsigned().length - bodyLengthOf(two),
                new RawDatagram().body(two).unsigned().length);
        byte[] expected = {0, 0, 2, 1, 'c', 0, 0, 0, 0, 0, 0, 0, 5, 0, 1, 0, 1, 9, 1, 0, 0, 0, 0, 0, 0, 0, 4, 3,
            1, 'd', 0, 0, 0, 0, 0, 0, 0, 6, 1, 2, 0, 0, 0};
        assertArrayEquals(expected, body);
        assertEquals(DropReason.MALFORMED, rejection(new RawDatagram().type(MessageType.FORWARD).body(0, 0)));
    }

    @Test
    void trailingBytesAfterTheMacAreMalformed() {
        for (Message m : Samples.everyType()) {
            byte[] valid = codec.encode(envelope(m));
            for (int extra = 1; extra <= 40; extra++) {
                assertEquals(DropReason.MALFORMED, rejection(Arrays.copyOf(valid, valid.length + extra)), m + " +" + extra);
            }
        }
    }

    @Test
    void trailingBytesInsideASignedBodyAreMalformed() {
        for (Message m : Samples.everyType()) {
            RawDatagram raw = new RawDatagram().body(m);
            byte[] body = raw.unsigned();
            byte[] longer = Arrays.copyOfRange(body, body.length - bodyLengthOf(m), body.length + 1);
            assertEquals(DropReason.MALFORMED, rejection(new RawDatagram().type(m.type()).body(longer)), m.toString());
        }
    }

    @Test
    void aSignedBodyTooShortForItsTypeIsMalformed() {
        for (Message m : Samples.everyType()) {
            int n = bodyLengthOf(m);
            byte[] full = new RawDatagram().body(m).unsigned();
            for (int cut = 0; cut < n; cut++) {
                byte[] body = Arrays.copyOfRange(full, full.length - n, full.length - n + cut);
                DropReason reason = rejection(new RawDatagram().type(m.type()).body(body));
                assertEquals(DropReason.MALFORMED, reason, m + " body cut to " + cut);
            }
        }
    }

    @Test
    void aSenderLengthOver64IsMalformed() {
        byte[] sender = new byte[65];
        Arrays.fill(sender, (byte) 'a');
        assertEquals(DropReason.MALFORMED, rejection(new RawDatagram().sender(sender)));
        assertEquals(DropReason.MALFORMED, rejection(new RawDatagram().sender("ab").senderLength(0xff)));
    }

    @Test
    void bodyLengthFieldThatDisagreesWithTheDatagram() {
        byte[] body = {1, 2, 3};
        assertEquals(DropReason.TRUNCATED, rejection(new RawDatagram().body(body).bodyLength(4)));
        assertEquals(DropReason.TRUNCATED, rejection(new RawDatagram().body(body).bodyLength(0xffff)));
        assertEquals(DropReason.MALFORMED, rejection(new RawDatagram().body(body).bodyLength(2)));
    }

    // ---- impossible content behind a valid MAC ---------------------------------------------------------------

    @Test
    void invalidUtf8InTheSenderIsMalformed() {
        int[][] bad = {{0xC3, 0x28}, {0xC0, 0xAF}, {0xE0, 0x80, 0xAF}, {0xED, 0xA0, 0x80}, {0x80}, {0xFF},
            {0xF4, 0x90, 0x80, 0x80}, {'a', 0xE2, 0x82}};
        for (int[] b : bad) {
            byte[] sender = new byte[b.length];
            for (int i = 0; i < b.length; i++) {
                sender[i] = (byte) b[i];
            }
            assertEquals(DropReason.MALFORMED, rejection(new RawDatagram().sender(sender)), Arrays.toString(b));
        }
    }

    @Test
    void invalidUtf8InABodyIdIsMalformed() {
        byte[] leaderBad = {0, 2, (byte) 0xC3, 0x28};
        byte[] heartbeat = ByteBuffer.allocate(4 + 24 + 8).put(leaderBad).putLong(0).putLong(0).putLong(0).putLong(0)
                .array();
        assertEquals(DropReason.MALFORMED, rejection(new RawDatagram().type(MessageType.HEARTBEAT).body(heartbeat)));
        assertEquals(DropReason.MALFORMED, rejection(new RawDatagram().type(MessageType.ABDICATE).body(1, (byte) 0x80)));
    }

    @Test
    void impossibleHeaderValuesAreMalformed() {
        long[][] headers = {{1, 0, 0}, {1, -1, 0}, {1, Long.MIN_VALUE, 0}, {1, 1, -1}, {-1, 1, 0}, {Long.MIN_VALUE, 1, 0}};
        for (long[] h : headers) {
            assertEquals(DropReason.MALFORMED, rejection(new RawDatagram().header(h[0], h[1], h[2])), Arrays.toString(h));
        }
    }

    @Test
    void epochsBeyondTheReceivableRangeAreMalformed() throws Exception {
        long max = DatagramCodec.MAX_RECEIVED_EPOCH;
        byte[] ok = new RawDatagram().header(1, 1, max).signedWith(SECRET);
        assertEquals(max, codec.decode(ok, ok.length).epoch());
        for (long epoch : new long[] {max + 1, Long.MAX_VALUE}) {
            assertEquals(DropReason.MALFORMED, rejection(new RawDatagram().header(1, 1, epoch)), "epoch " + epoch);
        }
        // Whatever epoch a peer sends, the next epoch a member can own still fits in a long.
        org.syncnet.cluster.Membership m = org.syncnet.cluster.Membership.parse("a@h:1/0,b@h:1/1,c@h:1/2");
        assertTrue(m.nextEpochOwnedBy("a", max) > max);
    }

    @Test
    void impossibleLogPositionsAreMalformed() {
        long[][] positions = {{-1, 0, 0}, {0, -1, 0}, {0, 0, -1}, {0, 4, 5}, {0, Long.MIN_VALUE, Long.MIN_VALUE}};
        for (long[] p : positions) {
            byte[] body = ByteBuffer.allocate(32).putLong(0).putLong(p[0]).putLong(p[1]).putLong(p[2]).array();
            for (MessageType t : new MessageType[] {MessageType.ACK, MessageType.PREPARE, MessageType.PROMISE}) {
                assertEquals(DropReason.MALFORMED, rejection(new RawDatagram().type(t).body(body)), t + Arrays.toString(p));
            }
        }
    }

    @Test
    void impossibleHeartbeatFlagsAreMalformed() {
        for (int flags : new int[] {2, 2 | 4, 8, 0x10, 0x80, 0xff}) {
            byte[] body = ByteBuffer.allocate(2 + 24 + 8).put((byte) flags).put((byte) 0).array();
            assertEquals(DropReason.MALFORMED, rejection(new RawDatagram().type(MessageType.HEARTBEAT).body(body)),
                    "flags " + flags);
        }
    }

    @Test
    void unknownRejectReasonIsMalformed() {
        for (int r : new int[] {3, 4, 0x7f, 0x80, 0xff}) {
            assertEquals(DropReason.MALFORMED, rejection(new RawDatagram().type(MessageType.REJECT).body((byte) r, 0)),
                    "reason " + r);
        }
    }

    @Test
    void abdicateWithoutSuccessorAndLeaveWithABodyAreMalformed() {
        assertEquals(DropReason.MALFORMED, rejection(new RawDatagram().type(MessageType.ABDICATE).body(0)));
        assertEquals(DropReason.MALFORMED, rejection(new RawDatagram().type(MessageType.LEAVE).body(0)));
    }

    @Test
    void emptyOptionalIdDecodesAsNone() throws Exception {
        byte[] data = new RawDatagram().type(MessageType.REJECT).body(0, 0).signedWith(SECRET);
        Reject r = (Reject) codec.decode(data, data.length).message();
        assertEquals(Reject.Reason.STALE_EPOCH, r.reason());
        assertNull(r.leader());
    }

    @Test
    void aRejectedDatagramLeavesTheCodecUsable() throws Exception {
        byte[] valid = codec.encode(envelope(new Ack(1, LogPosition.EMPTY)));
        for (int n = DatagramCodec.MIN_DATAGRAM; n < valid.length; n++) {
            rejection(valid, n);
        }
        rejection(new RawDatagram().type(77));
        assertEquals(envelope(new Ack(1, LogPosition.EMPTY)), codec.decode(valid, valid.length));
    }

    private static int bodyLengthOf(Message m) {
        ByteBuffer b = ByteBuffer.allocate(DatagramCodec.MAX_DATAGRAM);
        m.writeBody(b);
        return b.position();
    }
}
