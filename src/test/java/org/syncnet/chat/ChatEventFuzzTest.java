package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the event decoder (rerun with {@code -Dfuzz.seed=...}), over every type and both versions it
 * reads: whatever the bytes, decode returns an event or throws {@link MalformedEventException}, and an event it
 * returns re-encodes (in its payload's version) to exactly those bytes (so no two payloads of a version mean the
 * same event, and a decoded event is always one the encoder could have written).
 */
class ChatEventFuzzTest {
    private static final int CASES = Integer.getInteger("fuzz.cases", 100_000);
    private static final long SEED = Long.getLong("fuzz.seed", 20261127L);

    private static ChatEvent decode(byte[] data, String replay) {
        try {
            ChatEvent e = ChatEventCodec.decode(data);
            byte[] again = data[0] == 3 ? Version3.encode(e) : ChatEventCodec.encode(e);
            assertArrayEquals(data, again, replay + ": decoded " + e + " re-encodes differently");
            return e;
        } catch (MalformedEventException e) {
            return null;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(replay + ": decode threw " + e, e);
        }
    }

    @Test
    void randomBytes() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            byte[] data = new byte[rnd.nextInt(10) == 0 ? rnd.nextInt(5000) : rnd.nextInt(64)];
            rnd.nextBytes(data);
            if (data.length >= 2 && rnd.nextBoolean()) {
                // Get past the version to reach the field checks; version 3 is still read (stored history).
                data[0] = rnd.nextInt(4) == 0 ? 3 : ChatEventCodec.VERSION;
                data[1] = (byte) (1 + rnd.nextInt(ChatEventCodec.WALLOPS));
            }
            decode(data, "seed " + SEED + " case " + i);
        }
    }

    @Test
    void mutatedValidEvents() {
        Random rnd = new Random(SEED + 1);
        List<ChatEvent> samples = Events.oneOfEach();
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            ChatEvent sample = samples.get(rnd.nextInt(samples.size()));
            byte[] data = Version3.has(sample) && rnd.nextInt(4) == 0 ? Version3.encode(sample)
                    : ChatEventCodec.encode(sample);
            int flips = 1 + rnd.nextInt(3);
            for (int f = 0; f < flips; f++) {
                int at = 2 + rnd.nextInt(data.length - 2);
                data[at] = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : (byte) (data[at] ^ (1 << rnd.nextInt(8)));
            }
            if (decode(data, "seed " + (SEED + 1) + " case " + i) != null) {
                accepted++;
            }
        }
        // Flipping a letter of a text still gives a valid event; the point is that nothing else escapes.
        assertTrue(accepted > 0 && accepted < CASES, "accepted " + accepted);
    }
}
