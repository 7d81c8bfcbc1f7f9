package org.syncnet.cluster.wire;

/** A datagram that must be dropped, with the reason it is counted under. */
public final class MalformedDatagramException extends Exception {
    private final DropReason reason;

    public MalformedDatagramException(DropReason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public DropReason reason() {
        return reason;
    }
}
