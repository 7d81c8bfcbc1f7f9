package org.syncnet.cluster.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.syncnet.cluster.wire.Samples.SECRET;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the decoder (rerun a failure with {@code -Dfuzz.seed=...}): whatever arrives, decode either
 * returns or throws {@link MalformedDatagramException}, and it never accepts anything the secret did not sign.
 */
class DatagramFuzzTest {
    private static final int CASES = Integer.getInteger("fuzz.cases", 100_000);
    private static final long SEED = Long.getLong("fuzz.seed", 20240611L);

    private final DatagramCodec codec = new DatagramCodec(SECRET);
    private final Map<DropReason, Integer> reasons = new EnumMap<>(DropReason.class);

    /** Returns the envelope, or null if dropped; any other outcome fails the test with the case to replay. */
    private Envelope decode(byte[] data, int length, String replay) {
        try {
            return codec.decode(data, length);
        } catch (MalformedDatagramException e) {
            reasons.merge(e.reason(), 1, Integer::sum);
            return null;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(replay + ": decode threw " + e, e);
        }
    }

    @Test
    void randomBytesAreAlwaysDropped() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            int length = rnd.nextInt(10) == 0 ? rnd.nextInt(DatagramCodec.MAX_DATAGRAM + 200) : rnd.nextInt(200);
            byte[] data = new byte[length];
            rnd.nextBytes(data);
            // Most random arrays die at the magic; give half of them a plausible start to reach the deeper checks.
            if (rnd.nextBoolean() && length >= 5) {
                data[0] = DatagramCodec.MAGIC_0;
                data[1] = DatagramCodec.MAGIC_1;
                data[2] = DatagramCodec.VERSION;
                data[4] = (byte) rnd.nextInt(WireIO.MAX_STRING_BYTES + 1);
            }
            Envelope e = decode(data, length, "seed " + SEED + " case " + i);
            if (e != null) {
                fail("seed " + SEED + " case " + i + ": accepted random bytes as " + e);
            }
        }
        assertTrue(reasons.containsKey(DropReason.BAD_MAC), reasons::toString);
    }

    @Test
    void mutatedValidDatagramsAreDroppedUnlessUnchanged() {
        Random rnd = new Random(SEED + 1);
        for (int i = 0; i < CASES; i++) {
            byte[] valid = codec.encode(Samples.randomEnvelope(rnd));
            byte[] mutated = mutate(valid, rnd);
            String replay = "seed " + (SEED + 1) + " case " + i;
            Envelope e = decode(mutated, mutated.length, replay);
            if (e != null && !Arrays.equals(valid, mutated)) {
                fail(replay + ": accepted a forgery " + e);
            }
        }
        for (DropReason r : new DropReason[] {DropReason.BAD_MAC, DropReason.TRUNCATED, DropReason.MALFORMED,
            DropReason.BAD_MAGIC, DropReason.BAD_VERSION, DropReason.TOO_LARGE}) {
            assertTrue(reasons.containsKey(r), r + " never hit: " + reasons);
        }
    }

    /**
     * A peer holding the secret but sending garbage (a bug, or a newer version): signed random headers and
     * bodies. Decode still never throws anything else, and whatever it accepts re-encodes to the same bytes, so
     * the format has one encoding per message and no field is silently ignored.
     */
    @Test
    void signedGarbageIsDroppedOrDecodedCanonically() {
        Random rnd = new Random(SEED + 2);
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] data = signedGarbage(rnd);
            String replay = "seed " + (SEED + 2) + " case " + i;
            Envelope e = decode(data, data.length, replay);
            if (e != null) {
                accepted++;
                assertArrayEquals(data, codec.encode(e), replay + ": " + e);
            }
        }
        assertTrue(accepted > CASES / 100, "too few accepted to say much: " + accepted);
        assertTrue(reasons.containsKey(DropReason.MALFORMED) && reasons.containsKey(DropReason.UNKNOWN_TYPE),
                reasons::toString);
    }

    @Test
    void randomEnvelopesRoundTripAndFit() throws Exception {
        Random rnd = new Random(SEED + 3);
        for (int i = 0; i < CASES / 10; i++) {
            Envelope e = Samples.randomEnvelope(rnd);
            byte[] data = codec.encode(e);
            assertTrue(data.length <= DatagramCodec.MAX_DATAGRAM);
            assertEquals(e, codec.decode(data, data.length), "seed " + (SEED + 3) + " case " + i);
        }
    }

    private static byte[] mutate(byte[] valid, Random rnd) {
        byte[] d = valid.clone();
        int rounds = 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(8) : 0);
        for (int r = 0; r < rounds; r++) {
            switch (rnd.nextInt(7)) {
                case 0 -> d[rnd.nextInt(d.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
                case 2 -> d = Arrays.copyOf(d, rnd.nextInt(d.length));
                case 3 -> {
                    int extra = rnd.nextInt(10) == 0 ? DatagramCodec.MAX_DATAGRAM : 1 + rnd.nextInt(40);
                    byte[] longer = Arrays.copyOf(d, d.length + extra);
                    for (int k = d.length; k < longer.length; k++) {
                        longer[k] = (byte) rnd.nextInt(256);
                    }
                    d = longer;
                }
                case 4 -> { // delete one byte
                    int at = rnd.nextInt(d.length);
                    byte[] shorter = new byte[d.length - 1];
                    System.arraycopy(d, 0, shorter, 0, at);
                    System.arraycopy(d, at + 1, shorter, at, d.length - at - 1);
                    d = shorter;
                }
                case 5 -> { // insert one byte
                    int at = rnd.nextInt(d.length + 1);
                    byte[] longer = new byte[d.length + 1];
                    System.arraycopy(d, 0, longer, 0, at);
                    longer[at] = (byte) rnd.nextInt(256);
                    System.arraycopy(d, at, longer, at + 1, d.length - at);
                    d = longer;
                }
                default -> { // swap two bytes
                    int a = rnd.nextInt(d.length);
                    int b = rnd.nextInt(d.length);
                    byte t = d[a];
                    d[a] = d[b];
                    d[b] = t;
                }
            }
            if (d.length == 0) {
                return d;
            }
        }
        return d;
    }

    /** A mostly well-framed datagram with random header values and a random (often near-valid) body, signed. */
    private static byte[] signedGarbage(Random rnd) {
        RawDatagram raw = new RawDatagram();
        raw.type(rnd.nextInt(10) == 0 ? rnd.nextInt(256) : 1 + rnd.nextInt(7));
        byte[] sender = new byte[rnd.nextInt(10)];
        for (int k = 0; k < sender.length; k++) {
            sender[k] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : 'a' + rnd.nextInt(26));
        }
        raw.sender(sender);
        raw.header(smallOrAny(rnd), smallOrAny(rnd), smallOrAny(rnd));
        byte[] body;
        if (rnd.nextBoolean()) {
            // Start from a real body and damage it, so the body readers' own checks are reached.
            RawDatagram real = new RawDatagram().body(Samples.randomMessage(rnd));
            byte[] full = real.unsigned();
            int n = bodyLength(full);
            body = Arrays.copyOfRange(full, full.length - n, full.length);
            raw.type(full[3]);
            if (body.length > 0 && rnd.nextInt(3) != 0) {
                body[rnd.nextInt(body.length)] = (byte) (rnd.nextInt(8) == 0 ? rnd.nextInt(256) : rnd.nextInt(8));
            }
        } else {
            body = new byte[rnd.nextInt(120)];
            for (int k = 0; k < body.length; k++) {
                body[k] = (byte) (rnd.nextBoolean() ? 0 : rnd.nextInt(256));
            }
        }
        raw.body(body);
        return raw.signedWith(SECRET);
    }

    private static int bodyLength(byte[] unsigned) {
        int senderLength = Byte.toUnsignedInt(unsigned[DatagramCodec.SENDER_AT]);
        int at = DatagramCodec.SENDER_AT + 1 + senderLength + 24;
        return ((unsigned[at] & 0xff) << 8) | (unsigned[at + 1] & 0xff);
    }

    private static long smallOrAny(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextLong();
            case 1 -> -rnd.nextInt(3);
            default -> rnd.nextInt(1000);
        };
    }
}
