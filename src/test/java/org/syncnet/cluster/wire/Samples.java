package org.syncnet.cluster.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.syncnet.cluster.log.entry.LogEntry;
import org.syncnet.cluster.log.entry.LogPosition;

/** Messages and envelopes for the codec tests: every type, with edge values, and random ones from a seed. */
final class Samples {
    static final byte[] SECRET = "correct horse battery staple".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    /** 64 bytes of UTF-8: the longest id the wire carries. */
    static final String LONGEST_ID = "\uD83D\uDE00".repeat(16);
    static final LogPosition MAX_POSITION = new LogPosition(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    private Samples() {
    }

    /** At least one message of every type, each edge value appearing somewhere. */
    static List<Message> everyType() {
        List<Message> all = new ArrayList<>();
        for (int flags = 0; flags < 8; flags++) {
            boolean leading = (flags & 1) != 0;
            boolean serving = (flags & 2) != 0;
            if (serving && !leading) {
                continue;
            }
            all.add(new Heartbeat(leading, serving, (flags & 4) != 0, leading ? "server3" : null,
                    LogPosition.EMPTY, flags));
        }
        all.add(new Heartbeat(true, true, true, LONGEST_ID, MAX_POSITION, Long.MAX_VALUE));
        all.add(new Heartbeat(false, false, false, "x", new LogPosition(7, 9, 9), Long.MIN_VALUE));
        all.add(new Heartbeat(false, false, true, "x", LogPosition.EMPTY, 5, new int[] {Heartbeat.NOT_HEARD, 0, 1999,
            Integer.MAX_VALUE}));
        all.add(new Heartbeat(true, true, true, LONGEST_ID, MAX_POSITION, 1, new int[Heartbeat.MAX_MEMBERS]));
        all.add(new Ack(Long.MIN_VALUE, LogPosition.EMPTY));
        all.add(new Ack(-1, MAX_POSITION));
        all.add(new Prepare(0, new LogPosition(0, Long.MAX_VALUE, 0)));
        all.add(new Prepare(Long.MAX_VALUE, MAX_POSITION));
        all.add(new Promise(Long.MIN_VALUE, new LogPosition(3, 2, 1)));
        all.add(new Promise(Long.MAX_VALUE, MAX_POSITION));
        all.add(new Promise(0, LogPosition.EMPTY, false));
        for (Reject.Reason r : Reject.Reason.values()) {
            all.add(new Reject(r, null));
            all.add(new Reject(r, LONGEST_ID));
        }
        all.add(new Abdicate("s"));
        all.add(new Abdicate(LONGEST_ID));
        all.add(Leave.INSTANCE);
        all.add(new Forward("c", Long.MIN_VALUE, new byte[0]));
        all.add(new Forward(LONGEST_ID, Long.MAX_VALUE, new byte[LogEntry.MAX_PAYLOAD]));
        all.add(new Append(0, 0, 0, List.of()));
        all.add(new Append(Long.MAX_VALUE, 7, 7, List.of()));
        all.add(new Append(3, 9, 5, List.of(new LogEntry(3, 10, "s", "", 0, new byte[0]),
                new LogEntry(4, 11, LONGEST_ID, "client", -1, new byte[] {1, 2, 3}))));
        all.add(new Append(DatagramCodec.MAX_RECEIVED_EPOCH, 0, 0,
                List.of(new LogEntry(DatagramCodec.MAX_RECEIVED_EPOCH, 1, LONGEST_ID, LONGEST_ID, Long.MIN_VALUE,
                        new byte[LogEntry.MAX_PAYLOAD]))));
        all.add(new Forward("c", 3, 15, 16, new byte[] {7}));
        all.add(new Forward(List.of(new Forward.Item("c", 1, 0, 1, new byte[] {1}),
                new Forward.Item(LONGEST_ID, 2, 1, 2, new byte[0], new Forward.After(2, 0)),
                new Forward.Item("d", 3, 0, 1, new byte[9], new Forward.After(Long.MIN_VALUE, 15)))));
        all.add(new Forward(LONGEST_ID, List.of(new Forward.Item("c", 1, 0, 1, new byte[] {1}))));
        all.add(new Append(1, 1, 1, List.of(new LogEntry(1, 2, "s", "c", 5, 2, 3, new byte[] {9}))));
        all.add(new LogAck(true, 0, 0));
        all.add(new LogAck(false, Long.MAX_VALUE, Long.MAX_VALUE));
        all.add(new Fetch(1));
        all.add(new Fetch(Long.MAX_VALUE));
        all.add(new Fetch(7, true));
        return all;
    }

    static List<Envelope> edgeEnvelopes() {
        List<Envelope> all = new ArrayList<>();
        long[][] headers = {{0, 1, 0}, {Long.MAX_VALUE, Long.MAX_VALUE, DatagramCodec.MAX_RECEIVED_EPOCH},
            {1712345678901L, 42, 7}};
        String[] senders = {"", "server1", "é", LONGEST_ID};
        int i = 0;
        for (Message m : everyType()) {
            for (long[] h : headers) {
                all.add(new Envelope(senders[i++ % senders.length], h[0], h[1], h[2], m));
            }
        }
        return all;
    }

    static Envelope randomEnvelope(Random rnd) {
        return new Envelope(randomId(rnd, false), rnd.nextLong() & Long.MAX_VALUE,
                1 + (rnd.nextLong() & (Long.MAX_VALUE - 1)), rnd.nextLong() >>> 2, randomMessage(rnd));
    }

    static Message randomMessage(Random rnd) {
        return switch (rnd.nextInt(7)) {
            case 0 -> {
                boolean leading = rnd.nextBoolean();
                int[] ages = new int[rnd.nextInt(8)];
                for (int a = 0; a < ages.length; a++) {
                    ages[a] = rnd.nextInt(4) == 0 ? Heartbeat.NOT_HEARD : rnd.nextInt(Integer.MAX_VALUE);
                }
                yield new Heartbeat(leading, leading && rnd.nextBoolean(), rnd.nextBoolean(),
                        rnd.nextBoolean() ? null : randomId(rnd, true), randomPosition(rnd), rnd.nextLong(), ages);
            }
            case 1 -> new Ack(rnd.nextLong(), randomPosition(rnd));
            case 2 -> new Prepare(rnd.nextLong(), randomPosition(rnd));
            case 3 -> new Promise(rnd.nextLong(), randomPosition(rnd));
            case 4 -> new Reject(Reject.Reason.values()[rnd.nextInt(Reject.Reason.values().length)],
                    rnd.nextBoolean() ? null : randomId(rnd, true));
            case 5 -> new Abdicate(randomId(rnd, true));
            default -> Leave.INSTANCE;
        };
    }

    static LogPosition randomPosition(Random rnd) {
        long seq = rnd.nextLong() & Long.MAX_VALUE;
        long commit = seq == 0 ? 0 : (rnd.nextLong() & Long.MAX_VALUE) % (seq + (seq == Long.MAX_VALUE ? 0 : 1));
        return new LogPosition(rnd.nextLong() & Long.MAX_VALUE, seq, commit);
    }

    /** Random ASCII, Latin and astral characters, at most 64 bytes of UTF-8. */
    static String randomId(Random rnd, boolean nonEmpty) {
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        int want = rnd.nextInt(nonEmpty ? 64 : 65) + (nonEmpty ? 1 : 0);
        while (true) {
            int cp = switch (rnd.nextInt(3)) {
                case 0 -> 'a' + rnd.nextInt(26);
                case 1 -> 0xA0 + rnd.nextInt(0x700);
                default -> 0x1F600 + rnd.nextInt(0x40);
            };
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > want) {
                break;
            }
            sb.appendCodePoint(cp);
            bytes += n;
        }
        if (nonEmpty && sb.length() == 0) {
            sb.append('a');
        }
        return sb.toString();
    }
}
