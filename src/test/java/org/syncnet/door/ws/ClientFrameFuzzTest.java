package org.syncnet.door.ws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the frame decoder (rerun with {@code -Dfuzz.seed=...}): random text and mutated valid frames
 * either decode or raise {@link ProtocolException}; nothing else escapes.
 */
class ClientFrameFuzzTest {
    private static final int CASES = Integer.getInteger("fuzz.cases", 100_000) / 2;
    private static final long SEED = Long.getLong("fuzz.seed", 20261127L);
    private static final String[] VALID = {
        "{\"type\":\"hello\",\"nick\":\"alice\",\"resumeFrom\":12,\"session\":\"k\"}",
        "{\"type\":\"join\",\"room\":\"#lobby\"}",
        "{\"type\":\"part\",\"room\":\"#lobby\",\"reason\":\"bye\"}",
        "{\"type\":\"message\",\"id\":\"c-1\",\"room\":\"#lobby\",\"text\":\"h\\u00e9llo \\ud83d\\ude00\"}",
        "{\"type\":\"mode\",\"room\":\"#lobby\",\"changes\":[{\"set\":true,\"mode\":\"o\",\"arg\":\"bob\"},"
                + "{\"set\":false,\"mode\":\"k\"}]}",
        "{\"type\":\"kick\",\"room\":\"#lobby\",\"nick\":\"bob\",\"reason\":\"spam\"}",
        "{\"type\":\"join\",\"room\":\"#lobby\",\"key\":\"s3cret\"}",
        "{\"type\":\"hello\",\"nick\":\"alice\",\"version\":4,\"token\":\"aB3-_x\"}",
        "{\"type\":\"register\",\"password\":\"pencil-sharpener\",\"email\":\"a@example.org\"}",
        "{\"type\":\"password\",\"password\":\"pencil-sharpener\",\"newPassword\":\"battery-staple\"}",
        "{\"type\":\"nick\",\"nick\":\"alice\"}",
        "{\"type\":\"away\",\"message\":\"lunch\"}",
        "{\"type\":\"private\",\"id\":\"c-2\",\"to\":\"bob\",\"text\":\"waves\",\"action\":true}",
    };
    private static final String ALPHABET = "{}[]:,\"\\ntruefalsl0123456789.eE+-#abc u\u0000\u0007\ud800\udc00é😀";

    private final ClientFrameDecoder decoder = new ClientFrameDecoder();

    private boolean decode(String text, String replay) {
        try {
            decoder.decode(text);
            return true;
        } catch (ProtocolException e) {
            return false;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(replay + ": decode threw " + e + " on " + text, e);
        }
    }

    @Test
    void randomText() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(60);
            for (int k = 0; k < n; k++) {
                sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
            }
            decode(sb.toString(), "seed " + SEED + " case " + i);
        }
    }

    @Test
    void mutatedValidFrames() {
        Random rnd = new Random(SEED + 1);
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            StringBuilder sb = new StringBuilder(VALID[rnd.nextInt(VALID.length)]);
            int edits = 1 + rnd.nextInt(3);
            for (int k = 0; k < edits && sb.length() > 0; k++) {
                int at = rnd.nextInt(sb.length());
                char c = ALPHABET.charAt(rnd.nextInt(ALPHABET.length()));
                switch (rnd.nextInt(3)) {
                    case 0 -> sb.setCharAt(at, c);
                    case 1 -> sb.insert(at, c);
                    default -> sb.deleteCharAt(at);
                }
            }
            if (decode(sb.toString(), "seed " + (SEED + 1) + " case " + i)) {
                accepted++;
            }
        }
        assertTrue(accepted > 0, "some mutations stay valid");
    }
}
