package org.syncnet.history.service;

/** The history's database failed; the message says what was being done. Nothing the failed work did is kept. */
public final class HistoryStoreException extends RuntimeException {
    HistoryStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
