package org.syncnet.door.irc.sasl;

import org.syncnet.chat.Casemapping;

/**
 * The client's first SCRAM message (RFC 5802 section 7): a GS2 header, then {@code n=user,r=client-nonce} and
 * optional extensions. Kept are the exact header and bare message, because the proof is computed over the bytes the
 * client sent, not over a reconstruction.
 * <p>
 * Without channel binding: {@code n} (the client has none) and {@code y} (it has, but thinks the server has not,
 * which is true: there is no SCRAM-SHA-256-PLUS here) are accepted, {@code p=} is refused. An authorization identity
 * is accepted only when it names the user itself.
 */
record ScramClientFirst(String gs2Header, String user, String clientNonce, String bare) {
    /** Far more than any client uses (24 to 64 characters); a nonce is not a place to store data. */
    static final int MAX_NONCE_CHARS = 256;

    static ScramClientFirst parse(String message) throws ScramRefusal {
        if (message.startsWith("p=")) {
            throw ScramRefusal.malformed(ScramRefusal.CHANNEL_BINDING_NOT_SUPPORTED,
                    "the client asked for SCRAM channel binding");
        }
        int headerEnd = message.indexOf(',', 2);
        if (message.length() < 3 || (message.charAt(0) != 'n' && message.charAt(0) != 'y')
                || message.charAt(1) != ',' || headerEnd < 0) {
            throw ScramRefusal.malformed(ScramRefusal.OTHER_ERROR, "the SCRAM message has no GS2 header");
        }
        String authzid = authzid(message.substring(2, headerEnd));
        String gs2Header = message.substring(0, headerEnd + 1);
        String bare = message.substring(headerEnd + 1);

        ScramAttributes attributes = ScramAttributes.parse(bare);
        String user = SaslNames.decode(attributes.value(0, 'n'));
        String clientNonce = attributes.value(1, 'r');
        attributes.requireOnlyExtensions(2, attributes.size());
        if (!AccountNames.acceptable(user)) {
            throw ScramRefusal.malformed(ScramRefusal.OTHER_ERROR,
                    "the SCRAM user name is longer than " + AccountNames.MAX_BYTES + " bytes");
        }
        if (authzid != null && !Casemapping.equal(authzid, user)) {
            throw ScramRefusal.malformed(ScramRefusal.OTHER_ERROR, "SCRAM asked to act as another account");
        }
        if (clientNonce.length() > MAX_NONCE_CHARS || !printableWithoutComma(clientNonce)) {
            throw ScramRefusal.malformed(ScramRefusal.INVALID_ENCODING, "the SCRAM client nonce is not printable ASCII");
        }
        return new ScramClientFirst(gs2Header, user, clientNonce, bare);
    }

    /** The authorization identity in the GS2 header, or null when there is none. */
    private static String authzid(String field) throws ScramRefusal {
        if (field.isEmpty()) {
            return null;
        }
        if (!field.startsWith("a=") || field.length() == 2) {
            throw ScramRefusal.malformed(ScramRefusal.OTHER_ERROR, "the SCRAM GS2 header is malformed");
        }
        return SaslNames.decode(field.substring(2));
    }

    private static boolean printableWithoutComma(String nonce) {
        for (int i = 0; i < nonce.length(); i++) {
            char c = nonce.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',') {
                return false;
            }
        }
        return true;
    }
}
