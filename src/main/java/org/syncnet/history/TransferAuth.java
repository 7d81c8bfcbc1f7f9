package org.syncnet.history;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates a peer's request for this server's stored events (every event, private messages too, so not for
 * anyone who can reach the HTTP port): the header value {@code <server> <millis> <hex HMAC-SHA256>} over the server,
 * the time and the request's range, under the cluster secret. Accepted within {@value #MAX_SKEW_MILLIS} ms of the
 * receiver's clock.
 */
public final class TransferAuth {
    public static final String HEADER = "X-SyncNet-Auth";
    static final long MAX_SKEW_MILLIS = 60_000;

    private final byte[] secret;

    public TransferAuth(byte[] secret) {
        this.secret = secret.clone();
    }

    /** The header value for a request of the events after {@code afterSeq}, at most {@code limit}. */
    public String sign(String server, long millis, long afterSeq, int limit) {
        return server + " " + millis + " " + mac(server, millis, afterSeq, limit);
    }

    /** Whether {@code header} signs this request, made within the allowed skew of {@code nowMillis}. */
    public boolean verify(String header, long afterSeq, int limit, long nowMillis) {
        if (header == null) {
            return false;
        }
        String[] parts = header.trim().split(" ");
        if (parts.length != 3) {
            return false;
        }
        long millis;
        try {
            millis = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowMillis - millis) > MAX_SKEW_MILLIS) {
            return false;
        }
        byte[] expected = mac(parts[0], millis, afterSeq, limit).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String server, long millis, long afterSeq, int limit) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] text = ("syncnet-history-events|" + server + "|" + millis + "|" + afterSeq + "|" + limit)
                    .getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(mac.doFinal(text));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
