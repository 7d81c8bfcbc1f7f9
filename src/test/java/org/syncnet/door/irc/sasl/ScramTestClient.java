package org.syncnet.door.irc.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.syncnet.chat.PasswordCredential;

/**
 * The client side of SCRAM-SHA-256, written from RFC 5802 independently of the server's code, so that the tests check
 * the server against the RFC and not against itself.
 */
public final class ScramTestClient {
    private final String user;
    private final String password;
    private final String clientNonce;
    private final String gs2Header;
    private String authMessage;
    private byte[] saltedPassword;

    public ScramTestClient(String user, String password, String clientNonce) {
        this(user, password, clientNonce, "n,,");
    }

    ScramTestClient(String user, String password, String clientNonce, String gs2Header) {
        this.user = user;
        this.password = password;
        this.clientNonce = clientNonce;
        this.gs2Header = gs2Header;
    }

    String clientFirstBare() {
        return "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
    }

    public String clientFirst() {
        return gs2Header + clientFirstBare();
    }

    /** The final message answering {@code serverFirst}. */
    public String clientFinal(String serverFirst) {
        return clientFinal(serverFirst, "");
    }

    /** The final message answering {@code serverFirst}, with {@code extensions} (",x=..." or "") before the proof. */
    String clientFinal(String serverFirst, String extensions) {
        Map<Character, String> attributes = attributes(serverFirst);
        byte[] salt = Base64.getDecoder().decode(attributes.get('s'));
        int iterations = Integer.parseInt(attributes.get('i'));
        saltedPassword = pbkdf2(password, salt, iterations);
        String channelBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        String withoutProof = "c=" + channelBinding + ",r=" + attributes.get('r') + extensions;
        authMessage = clientFirstBare() + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = PasswordCredential.hmac(saltedPassword, "Client Key");
        byte[] storedKey = PasswordCredential.sha256(clientKey);
        byte[] signature = PasswordCredential.hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    /** The {@code v=} message a server that knows the password must send. */
    public String expectedServerFinal() {
        byte[] serverKey = PasswordCredential.hmac(saltedPassword, "Server Key");
        return "v=" + Base64.getEncoder().encodeToString(PasswordCredential.hmac(serverKey, authMessage));
    }

    static Map<Character, String> attributes(String message) {
        Map<Character, String> attributes = new HashMap<>();
        for (String field : message.split(",")) {
            attributes.put(field.charAt(0), field.substring(2));
        }
        return attributes;
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
