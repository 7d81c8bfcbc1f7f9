package org.syncnet.door.irc.sasl;

/**
 * The client's final SCRAM message (RFC 5802 section 7): {@code c=channel-binding,r=nonce}, optional extensions, and
 * last {@code p=proof}. {@code withoutProof} is the exact text before {@code ,p=}, which the proof covers.
 */
record ScramClientFinal(String channelBinding, String nonce, byte[] proof, String withoutProof) {
    /** SHA-256's output: a proof of any other length cannot be one. */
    static final int PROOF_BYTES = 32;

    static ScramClientFinal parse(String message) throws ScramRefusal {
        ScramAttributes attributes = ScramAttributes.parse(message);
        if (attributes.size() < 3) {
            throw ScramRefusal.malformed(ScramRefusal.OTHER_ERROR, "the SCRAM final message lacks c=, r= or p=");
        }
        String channelBinding = attributes.value(0, 'c');
        String nonce = attributes.value(1, 'r');
        int last = attributes.size() - 1;
        attributes.requireOnlyExtensions(2, last);
        byte[] proof = StrictDecoding.base64(attributes.value(last, 'p'))
                .filter(bytes -> bytes.length == PROOF_BYTES)
                .orElseThrow(() -> ScramRefusal.malformed(ScramRefusal.INVALID_ENCODING,
                        "the SCRAM proof is not " + PROOF_BYTES + " bytes of base64"));
        return new ScramClientFinal(channelBinding, nonce, proof, message.substring(0, message.lastIndexOf(',')));
    }
}
