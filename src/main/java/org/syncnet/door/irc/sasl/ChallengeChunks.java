package org.syncnet.door.irc.sasl;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The server's side of the sasl-3.1 framing: a message as the {@code AUTHENTICATE} parameters that carry it, base64
 * in chunks of 400 bytes, and a {@code +} after a last chunk of exactly 400 (or alone, for an empty message) so the
 * client knows the message ended.
 */
final class ChallengeChunks {
    private ChallengeChunks() {
    }

    static List<String> of(byte[] message) {
        String encoded = Base64.getEncoder().encodeToString(message);
        List<String> chunks = new ArrayList<>();
        for (int from = 0; from < encoded.length(); from += PayloadAssembler.CHUNK_BYTES) {
            chunks.add(encoded.substring(from, Math.min(encoded.length(), from + PayloadAssembler.CHUNK_BYTES)));
        }
        if (encoded.length() % PayloadAssembler.CHUNK_BYTES == 0) {
            chunks.add("+");
        }
        return List.copyOf(chunks);
    }
}
