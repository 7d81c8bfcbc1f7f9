package org.syncnet.chat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@link ChatLimits#SENT_WINDOW} messages (room and private) by sender nick and client event id, so a
 * resend is recognized long after the room's history has moved on: a client resends what it did not see
 * confirmed after a failover, which at a busy moment is thousands of messages later. Only what a confirmation
 * needs is kept (no text: the resend carries it). Part of the replicated state: every server evicts alike.
 */
final class SentMessages {
    /** A message as its confirmation needs it; {@code room} is null for a private one, {@code recipient} else. */
    record Sent(long seq, String room, String recipient, Member sender, long time) {
    }

    final int capacity;
    final Map<String, Sent> byKey = new LinkedHashMap<>();

    SentMessages(int capacity) {
        this.capacity = capacity;
    }

    void add(String nick, String clientEventId, Sent sent) {
        byKey.put(key(nick, clientEventId), sent);
        if (byKey.size() > capacity) {
            byKey.remove(byKey.keySet().iterator().next());
        }
    }

    Sent find(String nick, String clientEventId) {
        return byKey.get(key(nick, clientEventId));
    }

    private static String key(String nick, String clientEventId) {
        return Casemapping.fold(nick) + ' ' + clientEventId;  // neither contains a space
    }
}
