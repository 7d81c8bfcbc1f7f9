package org.syncnet.chat.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;

/**
 * The grace period of this server's clients that hold a registered nick without being logged in to its account:
 * the applier tells the guard of every nick and account change ({@link #review}); a client still holding such a nick
 * when its grace ends is due ({@link #due}), and its server logs a {@code NickEnforced}, which renames it to a guest
 * nick unless it logged in meanwhile (the log decides, so a login and the end of the grace cannot race).
 */
final class NickGuard {
    /** A client's registered nick and when its grace ends ({@link System#nanoTime()}). */
    record Watch(ClientId client, String nick, long deadlineNanos) {
    }

    private final long graceNanos;
    private final Predicate<ClientId> local;
    private final Map<ClientId, Watch> watched = new LinkedHashMap<>();

    NickGuard(long graceMillis, Predicate<ClientId> local) {
        this.graceNanos = graceMillis * 1_000_000;
        this.local = local;
    }

    /** After an event's outcomes were applied to {@code state}: starts or ends the grace of the clients they concern. */
    synchronized void review(List<ChatOutcome> outcomes, ChatState state, long nowNanos) {
        for (ChatOutcome o : outcomes) {
            ClientId c = concerned(o);
            if (c == null || !local.test(c)) {
                continue;
            }
            if (state.holdsUnownedNick(c)) {
                String nick = state.nickOf(c);
                Watch w = watched.get(c);
                if (w == null || !w.nick().equals(nick)) {
                    watched.put(c, new Watch(c, nick, nowNanos + graceNanos));
                }
            } else {
                watched.remove(c);
            }
        }
    }

    /** Takes the watches whose grace ended by {@code nowNanos}. */
    synchronized List<Watch> due(long nowNanos) {
        List<Watch> due = new ArrayList<>();
        watched.values().removeIf(w -> {
            boolean over = nowNanos - w.deadlineNanos() >= 0;
            if (over) {
                due.add(w);
            }
            return over;
        });
        return due;
    }

    /** Watches {@code w} again, its grace still over, so the next {@link #due} retries it (no leader took its event). */
    synchronized void retry(Watch w) {
        watched.putIfAbsent(w.client(), w);
    }

    private static ClientId concerned(ChatOutcome o) {
        if (o instanceof ChatOutcome.NickAccepted a) {
            return a.client();
        } else if (o instanceof ChatOutcome.NickChanged c) {
            return c.client();
        } else if (o instanceof ChatOutcome.NickResumed r) {
            return r.client();
        } else if (o instanceof ChatOutcome.AccountChanged a) {
            return a.client();
        }
        return null;
    }
}
