package org.syncnet.chat;

/** Log payload bytes that are not a valid chat event; the entry is skipped (and counted), never applied. */
public final class MalformedEventException extends Exception {
    public MalformedEventException(String detail) {
        super(detail, null, false, false);
    }
}
