package org.syncnet.cluster.wire;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104), equal to {@code javax.crypto.Mac} "HmacSHA256", with the hash states after the key's inner
 * and outer pads computed once: each MAC then hashes the message and the inner digest only. The JDK's Mac hashes both
 * pads again for every message, two of the five blocks a heartbeat costs. Not thread-safe.
 */
final class HmacSha256 {
    static final int BYTES = 32;
    private static final int BLOCK = 64;

    private final MessageDigest inner;
    private final MessageDigest outer;

    HmacSha256(byte[] key) {
        byte[] k = Arrays.copyOf(key.length > BLOCK ? sha256().digest(key) : key, BLOCK);
        byte[] ipad = new byte[BLOCK];
        byte[] opad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            ipad[i] = (byte) (k[i] ^ 0x36);
            opad[i] = (byte) (k[i] ^ 0x5c);
        }
        inner = sha256();
        inner.update(ipad);
        outer = sha256();
        outer.update(opad);
    }

    /** The MAC of {@code length} bytes of {@code data} from {@code offset}. */
    byte[] mac(byte[] data, int offset, int length) {
        MessageDigest in = copy(inner);
        in.update(data, offset, length);
        MessageDigest out = copy(outer);
        out.update(in.digest());
        return out.digest();
    }

    private static MessageDigest copy(MessageDigest padded) {
        try {
            return (MessageDigest) padded.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 cannot be copied", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
