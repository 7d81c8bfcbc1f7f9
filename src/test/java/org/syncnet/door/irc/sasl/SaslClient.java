package org.syncnet.door.irc.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.PasswordCredential;

/**
 * The IRC client's side of the exchange in tests: sends whole messages as sasl-3.1 chunks and reads the server's
 * challenges back into messages, plus the accounts the tests use.
 */
final class SaslClient {
    static final byte[] DECOY_SECRET = "a test server's decoy secret".getBytes(StandardCharsets.UTF_8);
    static final int ITERATIONS = 4096;
    static final int SALT_BYTES = 16;

    private SaslClient() {
    }

    /** Accounts by their folded name, as the chat's lookup would have them. */
    static ScramCredentials credentials(Map<String, PasswordCredential> accounts) {
        return new ScramCredentials(name -> Optional.ofNullable(accounts.get(Casemapping.fold(name))),
                DECOY_SECRET, ITERATIONS, SALT_BYTES);
    }

    static SaslExchange exchange(ScramCredentials credentials, ServerNonces nonces) {
        return new SaslExchange(Set.copyOf(SaslExchange.SUPPORTED), credentials, nonces);
    }

    static SaslExchange exchange(ScramCredentials credentials, RandomGenerator random) {
        return new SaslExchange(Set.copyOf(SaslExchange.SUPPORTED), credentials, random);
    }

    /** The AUTHENTICATE parameters that carry {@code message}, split as sasl-3.1 says (written here independently). */
    static List<String> chunks(byte[] message) {
        String encoded = Base64.getEncoder().encodeToString(message);
        List<String> chunks = new ArrayList<>();
        int from = 0;
        while (encoded.length() - from >= 400) {
            chunks.add(encoded.substring(from, from + 400));
            from += 400;
        }
        chunks.add(from == encoded.length() ? "+" : encoded.substring(from));
        return chunks;
    }

    /** Sends a whole message; every chunk but the last must get no reply. */
    static SaslStep send(SaslExchange exchange, byte[] message) {
        List<String> chunks = chunks(message);
        for (String chunk : chunks.subList(0, chunks.size() - 1)) {
            assertInstanceOf(SaslStep.NoReply.class, exchange.authenticate(chunk));
        }
        return exchange.authenticate(chunks.get(chunks.size() - 1));
    }

    static SaslStep send(SaslExchange exchange, String message) {
        return send(exchange, message.getBytes(StandardCharsets.UTF_8));
    }

    /** The message a challenge carries. */
    static String message(SaslStep step) {
        SaslStep.Challenge challenge = assertInstanceOf(SaslStep.Challenge.class, step);
        return message(challenge.chunks());
    }

    static String message(List<String> chunks) {
        StringBuilder encoded = new StringBuilder();
        for (String chunk : chunks) {
            if (!chunk.equals("+")) {
                encoded.append(chunk);
            }
        }
        return new String(Base64.getDecoder().decode(encoded.toString()), StandardCharsets.UTF_8);
    }

    /** Starts a mechanism, which must answer with the empty challenge. */
    static void start(SaslExchange exchange, String mechanism) {
        assertEquals(new SaslStep.Challenge(List.of("+")), exchange.authenticate(mechanism));
    }
}
