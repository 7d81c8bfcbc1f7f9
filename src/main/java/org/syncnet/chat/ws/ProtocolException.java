package org.syncnet.chat.ws;

import org.syncnet.chat.ErrorCode;

/** A client frame that cannot be accepted; the endpoint answers with an {@code error} frame carrying the code. */
public final class ProtocolException extends Exception {
    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** The error frame to send back. */
    public ServerFrame.Error toFrame() {
        return new ServerFrame.Error(code, getMessage(), null);
    }
}
