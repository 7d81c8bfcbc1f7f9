package org.syncnet.chat;

/**
 * A message as a room keeps it: its log sequence (the resume point a client reports back), who sent it, and the
 * client event id, which a client's own messages are delivered with so it can confirm its sends.
 */
public record HistoryEntry(long seq, String room, Member sender, String text, long time, String clientEventId,
                           boolean notice) {
    public HistoryEntry(long seq, String room, Member sender, String text, long time, String clientEventId) {
        this(seq, room, sender, text, time, clientEventId, false);
    }
}
