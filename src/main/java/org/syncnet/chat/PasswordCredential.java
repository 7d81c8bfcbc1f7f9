package org.syncnet.chat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an account stores of its password: never the password, only the salted, slow hash SCRAM-SHA-256 (RFC 5802,
 * RFC 7677) keeps, so one stored form serves both SASL PLAIN (and the browser's password), checked by hashing the
 * password again, and SCRAM, where the password never reaches the server at all:
 * <pre>
 *   SaltedPassword = PBKDF2-HMAC-SHA256(password as UTF-8, salt, iterations, 32 bytes)
 *   storedKey      = SHA-256(HMAC(SaltedPassword, "Client Key"))
 *   serverKey      = HMAC(SaltedPassword, "Server Key")
 * </pre>
 * The server that accepts a password computes this; only the credential enters the replicated log. The cost of a
 * check is the iteration count, which is what makes guessing slow, so doors check off their connection loops.
 */
public record PasswordCredential(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    /** RFC 7677's minimum for SCRAM-SHA-256. */
    public static final int MIN_ITERATIONS = 4096;
    public static final int MAX_ITERATIONS = 10_000_000;
    public static final int MIN_SALT_BYTES = 8;
    public static final int MAX_SALT_BYTES = 64;
    public static final int KEY_BYTES = 32;

    public PasswordCredential {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("invalid iteration count " + iterations);
        }
        if (salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES || storedKey.length != KEY_BYTES
                || serverKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("invalid credential lengths");
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /** The credential of {@code password} with this salt (the caller draws it from a secure random source). */
    public static PasswordCredential of(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        try {
            return new PasswordCredential(iterations, salt, sha256(hmac(salted, "Client Key")),
                    hmac(salted, "Server Key"));
        } finally {
            Arrays.fill(salted, (byte) 0);
        }
    }

    /** Whether {@code password} is the one this credential was made from; takes the same time whatever differs. */
    public boolean matches(String password) {
        byte[] salted = saltedPassword(password, salt, iterations);
        try {
            return MessageDigest.isEqual(storedKey, sha256(hmac(salted, "Client Key")));
        } finally {
            Arrays.fill(salted, (byte) 0);
        }
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordCredential c && iterations == c.iterations && Arrays.equals(salt, c.salt)
                && Arrays.equals(storedKey, c.storedKey) && Arrays.equals(serverKey, c.serverKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(storedKey);
    }

    @Override
    public String toString() {
        return "PasswordCredential[" + iterations + " iterations]";
    }

    /** SCRAM's Hi(): PBKDF2 with HMAC-SHA256 over the password's UTF-8 bytes (as the JDK encodes the chars). */
    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, KEY_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    /** HMAC-SHA256 of the ASCII text under {@code key}. */
    public static byte[] hmac(byte[] key, String text) {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
