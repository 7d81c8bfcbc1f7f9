package org.syncnet.history;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a room's history: its messages in ascending seq, and the cursor for the page before it — the seq to
 * pass as {@code before} next — or null when the page reaches back to the room's first message.
 */
public record RoomPage(List<RoomMessage> messages, Long before) {
    public RoomPage {
        messages = List.copyOf(messages);
    }

    /**
     * The page made of the stored messages below the requested point, newest first, fetched one beyond
     * {@code limit}: that one only tells that older messages exist (then the cursor is the oldest seq of this page).
     * {@code message} turns a stored event into its message, or null for one that cannot be shown (it is left out;
     * the cursor still moves past it).
     */
    public static RoomPage of(List<CommittedEvent> newestFirst, int limit,
                              Function<CommittedEvent, RoomMessage> message) {
        int shown = Math.min(limit, newestFirst.size());
        List<RoomMessage> page = new ArrayList<>(shown);
        for (int i = shown - 1; i >= 0; i--) {
            RoomMessage m = message.apply(newestFirst.get(i));
            if (m != null) {
                page.add(m);
            }
        }
        boolean more = newestFirst.size() > limit;
        return new RoomPage(page, more ? newestFirst.get(shown - 1).seq() : null);
    }
}
