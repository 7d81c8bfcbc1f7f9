package org.syncnet.chat;

/** A chat state snapshot that cannot be used: damaged, cut short, of another version or of other limits. */
public final class MalformedSnapshotException extends Exception {
    public MalformedSnapshotException(String message) {
        super(message);
    }

    public MalformedSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
