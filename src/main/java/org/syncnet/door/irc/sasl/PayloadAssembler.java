package org.syncnet.door.irc.sasl;

import java.nio.charset.StandardCharsets;

/**
 * Gathers one client message from its {@code AUTHENTICATE} chunks (IRCv3 sasl-3.1): base64 split into chunks of at
 * most 400 bytes, where a chunk of exactly 400 means more follows and {@code +} alone is an empty chunk (a whole empty
 * message, or the end of one whose length is a multiple of 400). A message is bounded so that a client cannot make
 * the server buffer without end.
 */
final class PayloadAssembler {
    static final int CHUNK_BYTES = 400;
    /** The longest decoded message accepted: far above what PLAIN or SCRAM need, far below harm. */
    static final int MAX_PAYLOAD_BYTES = 4096;
    /** The base64 length of {@link #MAX_PAYLOAD_BYTES}: more text than this is too long whatever it decodes to. */
    private static final int MAX_ENCODED_CHARS = (MAX_PAYLOAD_BYTES + 2) / 3 * 4;

    private final StringBuilder encoded = new StringBuilder();

    /** Where the message stands after one more chunk. */
    sealed interface Progress {
        record Complete(byte[] payload) implements Progress {
        }

        record NeedMore() implements Progress {
        }

        record TooLong() implements Progress {
        }

        record Invalid(String reason) implements Progress {
        }
    }

    /** Adds the parameter of one {@code AUTHENTICATE}; after anything but {@code NeedMore} it starts a new message. */
    Progress add(String chunk) {
        int bytes = chunk.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > CHUNK_BYTES) {
            encoded.setLength(0);
            return new Progress.TooLong();
        }
        if (chunk.equals("+")) {
            return complete();
        }
        if (chunk.isEmpty()) {
            encoded.setLength(0);
            return new Progress.Invalid("an empty AUTHENTICATE parameter (an empty chunk is +)");
        }
        if (encoded.length() + chunk.length() > MAX_ENCODED_CHARS) {
            encoded.setLength(0);
            return new Progress.TooLong();
        }
        encoded.append(chunk);
        return bytes == CHUNK_BYTES ? new Progress.NeedMore() : complete();
    }

    private Progress complete() {
        String text = encoded.toString();
        encoded.setLength(0);
        if (text.isEmpty()) {
            return new Progress.Complete(new byte[0]);
        }
        return StrictDecoding.base64(text)
                .<Progress>map(bytes -> bytes.length > MAX_PAYLOAD_BYTES
                        ? new Progress.TooLong() : new Progress.Complete(bytes))
                .orElseGet(() -> new Progress.Invalid("the AUTHENTICATE payload is not base64"));
    }
}
