package org.syncnet.chat.app;

/**
 * The events this server stored before it started, which the chat rebuilds its state from ({@link LogApplier#restore}).
 */
public interface StoredEvents {
    /** Nothing stored. */
    StoredEvents NONE = new StoredEvents() {
        @Override
        public long lastSeq() {
            return 0;
        }

        @Override
        public long replay(long afterSeq, Replay apply) {
            return 0;
        }
    };

    /** One stored event. */
    @FunctionalInterface
    interface Replay {
        void event(long seq, String originServer, byte[] payload);
    }

    /** The highest seq stored before this start (0: none). */
    long lastSeq();

    /**
     * Hands every event stored before this start after {@code afterSeq} (0: all) to {@code apply}, in log order;
     * returns how many.
     *
     * @throws RuntimeException when the store fails (the server must not start with a partial state)
     */
    long replay(long afterSeq, Replay apply);
}
