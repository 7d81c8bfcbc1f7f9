package org.syncnet.chat.app;

/**
 * Times a sample of this server's clients' events from their submission to the moment the chat applied them and
 * handed their outcomes to this server's connections (their writes follow within the applier's flush linger,
 * {@code syncnet.chat.flush-linger-us}). At most one event of each connection is timed at a time, so nothing is
 * allocated per event. The server's metrics implement it with their clock; by default nothing is timed.
 */
public interface DeliveryTiming {
    DeliveryTiming NONE = new DeliveryTiming() {
        @Override
        public long stamp() {
            return 0;
        }

        @Override
        public void delivered(long stamp) {
        }
    };

    /** A time stamp for an event submitted now. */
    long stamp();

    /** The event submitted at {@code stamp} was applied and handed to the connections now. */
    void delivered(long stamp);
}
