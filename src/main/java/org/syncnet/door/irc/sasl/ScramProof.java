package org.syncnet.door.irc.sasl;

import java.security.MessageDigest;
import org.syncnet.chat.PasswordCredential;

/**
 * SCRAM's arithmetic on the server side (RFC 5802 section 3), over the stored credential alone: the client proves it
 * knows ClientKey without the server ever learning the password, and the server proves it knows ServerKey back.
 * <pre>
 *   ClientSignature = HMAC(StoredKey, AuthMessage)
 *   ClientKey       = ClientProof XOR ClientSignature
 *   valid           = SHA-256(ClientKey) == StoredKey   (compared in constant time)
 *   ServerSignature = HMAC(ServerKey, AuthMessage)
 * </pre>
 */
final class ScramProof {
    private ScramProof() {
    }

    static boolean verifies(PasswordCredential credential, byte[] authMessage, byte[] clientProof) {
        byte[] storedKey = credential.storedKey();
        byte[] clientSignature = PasswordCredential.hmac(storedKey, authMessage);
        if (clientProof.length != clientSignature.length) {
            return false;
        }
        byte[] clientKey = new byte[clientSignature.length];
        for (int i = 0; i < clientKey.length; i++) {
            clientKey[i] = (byte) (clientProof[i] ^ clientSignature[i]);
        }
        return MessageDigest.isEqual(PasswordCredential.sha256(clientKey), storedKey);
    }

    static byte[] serverSignature(PasswordCredential credential, byte[] authMessage) {
        return PasswordCredential.hmac(credential.serverKey(), authMessage);
    }
}
