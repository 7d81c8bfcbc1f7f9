package org.syncnet.door.irc.sasl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Decoding what a client sends during authentication, with no leniency: a credential read two ways by two
 * components (or compared against another spelling) is how authentication bypasses happen, so there is one way.
 */
final class StrictDecoding {
    private StrictDecoding() {
    }

    /**
     * RFC 4648 base64 in its one canonical spelling: padded, padding only at the end, unused bits zero. The JDK's
     * decoder alone would accept missing padding and non-zero trailing bits, so the result must encode back to the
     * text.
     */
    static Optional<byte[]> base64(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Base64.getEncoder().encodeToString(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
    }

    /** UTF-8 with every malformed sequence (overlong forms, surrogates, truncation) refused, not replaced. */
    static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
