package org.syncnet.door.irc;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A server operator's password as the settings hold it: never the password, only a salted, slow hash of it,
 * {@code pbkdf2-sha256:<iterations>:<salt, hex>:<hash, hex>} (PBKDF2 with HMAC-SHA256, a 32-byte hash). Checking a
 * password costs as many HMACs as the hash was made with, which is what makes guessing slow, so the door checks off its
 * connection loop.
 * <p>
 * Self-contained (JDK only) so that {@code scripts/oper_password_hash.sh} can run this file with {@code java} to make
 * a hash, without a build: {@link #main} reads the password from the console (or one line of standard input) and
 * prints the hash.
 */
public final class OperPassword {
    public static final String SCHEME = "pbkdf2-sha256";
    public static final int MIN_ITERATIONS = 10_000;
    public static final int MAX_ITERATIONS = 10_000_000;
    /** What the hashing script uses: the guess-slowing cost of a check, about 0.2 s on a server's compiler. */
    public static final int DEFAULT_ITERATIONS = 100_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private OperPassword(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * Reads a stored hash.
     *
     * @throws IllegalArgumentException saying what is wrong with it (never echoing it)
     */
    public static OperPassword parse(String stored) {
        String[] parts = stored.strip().split(":", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not " + SCHEME + ":<iterations>:<salt hex>:<hash hex>");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count is not a number");
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations not from " + MIN_ITERATIONS + " to " + MAX_ITERATIONS);
        }
        byte[] salt = hex(parts[2], "salt");
        byte[] hash = hex(parts[3], "hash");
        if (salt.length < 8 || hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("a salt of at least 8 bytes and a hash of " + HASH_BYTES + " bytes");
        }
        return new OperPassword(iterations, salt, hash);
    }

    /** A new hash of {@code password} with a random salt, in the stored form. */
    public static String hash(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        HexFormat hex = HexFormat.of();
        return SCHEME + ":" + iterations + ":" + hex.formatHex(salt) + ":"
                + hex.formatHex(derive(password, salt, iterations));
    }

    /** Whether {@code password} is the one hashed; takes the same time whatever bytes differ. */
    public boolean matches(String password) {
        char[] chars = password.toCharArray();
        try {
            return MessageDigest.isEqual(hash, derive(chars, salt, iterations));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] hex(String s, String what) {
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not hex");
        }
    }

    /** Prints the stored form of a password read from the console, or from the first line of standard input. */
    public static void main(String[] args) throws IOException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ITERATIONS;
        Console console = System.console();
        char[] password = console != null ? console.readPassword("Operator password: ")
                : readLine(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        if (password == null || password.length == 0) {
            System.err.println("no password given");
            System.exit(2);
        }
        System.out.println(hash(password, iterations));
    }

    private static char[] readLine(BufferedReader in) throws IOException {
        String line = in.readLine();
        return line == null ? null : line.toCharArray();
    }
}
