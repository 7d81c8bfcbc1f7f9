package org.syncnet.door.irc.sasl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.PasswordCredential;

/**
 * Thousands of random and mutated AUTHENTICATE sequences with a fixed seed: whatever a client sends, the exchange
 * answers with a step (never an exception), keeps to the framing, and lets nobody in who did not prove the password.
 */
class SaslFuzzTest {
    private static final long SEED = 5802;
    private static final int ROUNDS = 5000;
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_NONCE = "3rfcNHYJY1ZVvWVs7j";
    private static final String[] PARAMETERS = {"PLAIN", "plain", "SCRAM-SHA-256", "scram-sha-256", "EXTERNAL", "*",
        "+", "", "=", "====", "A".repeat(400), "A".repeat(401), "AAAA", "AA==", "\u00e9", "\0"};
    private static final String PIECES = ",=\0nrcpmyaxe+/2C3D\u00e9";

    @Test
    void randomInputOnlyEverFailsCleanly() {
        Random random = new Random(SEED);
        PasswordCredential alice = PasswordCredential.of("pencil",
                "sixteen byte salt".getBytes(StandardCharsets.UTF_8), 4096);
        ScramCredentials credentials = SaslClient.credentials(Map.of("alice", alice));
        ScramTestClient client = new ScramTestClient("alice", "pencil", CLIENT_NONCE);
        byte[] clientFirst = client.clientFirst().getBytes(StandardCharsets.UTF_8);
        String serverFirst = "r=" + CLIENT_NONCE + SERVER_NONCE + ",s=c2l4dGVlbiBieXRlIHNhbHQ=,i=4096";
        byte[] clientFinal = client.clientFinal(serverFirst).getBytes(StandardCharsets.UTF_8);
        byte[] plain = "\0alice\0pencil".getBytes(StandardCharsets.UTF_8);

        int successes = 0;
        int failures = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String context = "seed " + SEED + ", round " + round;
            SaslExchange exchange = new SaslExchange(Set.copyOf(SaslExchange.SUPPORTED), credentials,
                    () -> SERVER_NONCE);
            boolean scram = random.nextBoolean();
            List<String> parameters = new ArrayList<>();
            parameters.add(random.nextInt(10) == 0 ? pick(random) : scram ? "SCRAM-SHA-256" : "PLAIN");
            boolean intact = true;
            for (byte[] message : scram ? List.of(clientFirst, clientFinal, new byte[0]) : List.of(plain)) {
                byte[] sent = random.nextInt(3) == 0 ? message : mutate(message, random);
                intact &= Arrays.equals(sent, message);
                parameters.addAll(random.nextInt(8) == 0 ? randomParameters(random) : SaslClient.chunks(sent));
            }
            for (String parameter : parameters) {
                SaslStep step = assertDoesNotThrow(() -> exchange.authenticate(parameter), context);
                checkFraming(step, context);
                if (step instanceof SaslStep.CheckPassword check) {
                    // As the caller would: the real check, reported back.
                    step = exchange.passwordChecked(check, check.account().equals("alice")
                            && check.password().equals("pencil"));
                }
                if (step instanceof SaslStep.Succeeded succeeded) {
                    successes++;
                    assertEquals("alice", succeeded.account(), context);
                    assertTrue(intact || !scram, context + ": a mutated SCRAM exchange succeeded");
                } else if (step instanceof SaslStep.Failed || step instanceof SaslStep.TooLong) {
                    failures++;
                }
            }
        }
        // Not vacuous: both ends were reached many times (so the test client is one the server accepts).
        assertTrue(successes > ROUNDS / 10 && failures > ROUNDS / 2, successes + " successes, " + failures
                + " failures");
    }

    /** Every challenge keeps to the chunking, so the session can send it as it is. */
    private static void checkFraming(SaslStep step, String context) {
        List<String> chunks = step instanceof SaslStep.Challenge c ? c.chunks()
                : step instanceof SaslStep.Failed f ? f.finalChunks() : List.of();
        for (int i = 0; i < chunks.size(); i++) {
            String chunk = chunks.get(i);
            boolean last = i == chunks.size() - 1;
            if (!(last ? chunk.equals("+") || chunk.length() < 400 : chunk.length() == 400) || chunk.isEmpty()) {
                fail(context + ": bad chunking " + chunks);
            }
        }
        if (step instanceof SaslStep.Failed f) {
            assertFalse(f.reason().isEmpty(), context);
        }
    }

    private static byte[] mutate(byte[] message, Random random) {
        byte[] bytes = message.clone();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (bytes.length > 0) {
                        bytes[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> bytes = Arrays.copyOf(bytes, at);
                case 2 -> {
                    byte[] piece = String.valueOf(PIECES.charAt(random.nextInt(PIECES.length())))
                            .getBytes(StandardCharsets.UTF_8);
                    byte[] longer = new byte[bytes.length + piece.length];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    System.arraycopy(piece, 0, longer, at, piece.length);
                    System.arraycopy(bytes, at, longer, at + piece.length, bytes.length - at);
                    bytes = longer;
                }
                case 3 -> {
                    if (bytes.length > 0) {
                        byte[] shorter = new byte[bytes.length - 1];
                        System.arraycopy(bytes, 0, shorter, 0, at);
                        System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                        bytes = shorter;
                    }
                }
                default -> {
                    bytes = new byte[random.nextInt(random.nextBoolean() ? 64 : 5000)];
                    random.nextBytes(bytes);
                }
            }
        }
        return bytes;
    }

    private static List<String> randomParameters(Random random) {
        List<String> parameters = new ArrayList<>();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            parameters.add(random.nextBoolean() ? pick(random) : randomText(random));
        }
        return parameters;
    }

    private static String pick(Random random) {
        return PARAMETERS[random.nextInt(PARAMETERS.length)];
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(random.nextBoolean() ? 8 : 500); n > 0; n--) {
            text.append((char) (random.nextBoolean() ? 0x20 + random.nextInt(0x5f) : random.nextInt(0x3000)));
        }
        return text.toString();
    }
}
