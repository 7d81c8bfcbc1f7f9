package org.syncnet.door.ws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.PasswordCredential;
import org.syncnet.chat.TokenBucket;
import org.syncnet.chat.app.AccountDesk;
import org.syncnet.chat.app.StateOnly;

/**
 * Drives browser sessions without a server, as their connections would: a one-server "log" that commits every event
 * at once to a real {@link ChatState}, account checks answered by a real {@link AccountClerk} and {@link AccountDesk}
 * over that state (at the lowest hash cost), and the frames every session receives collected, in the order a
 * connection sends them: what the log's outcomes mean, then the replies that waited for them.
 */
final class SessionDriver {
    static final String SERVER = "server1";
    static final String LEADER = "server3";

    final ChatState state = new ChatState();
    final OutcomeFrames frames = new OutcomeFrames(SERVER, 1 << 20);
    final AccountDesk desk = new AccountDesk(SERVER, new StateOnly(SERVER, state), PasswordCredential.MIN_ITERATIONS);
    final AccountClerk clerk = new AccountClerk(desk, new StateOnly(SERVER, state));
    private final ClientFrameDecoder decoder = new ClientFrameDecoder();
    private final Map<ClientId, BrowserSession> sessions = new LinkedHashMap<>();
    private final Map<ClientId, List<ServerFrame>> received = new LinkedHashMap<>();
    private long seq;
    /** The monotonic clock of the rate limit. */
    long nanos;
    /** The wall clock: messages, registrations, failed logins and token expiry. */
    long millis = 1000;

    BrowserSession session(ClientId id, int burst) {
        return session(id, "10.0.0.1", burst);
    }

    BrowserSession session(ClientId id, String address, int burst) {
        BrowserSession s = new BrowserSession(id, address, new TokenBucket(burst, 1, 0), decoder);
        sessions.put(id, s);
        received.put(id, new ArrayList<>());
        return s;
    }

    /** Sends a frame as the session's connection would: checks, logs and replies; returns what the session got. */
    List<ServerFrame> send(BrowserSession s, String json) {
        return carryOut(s, s.onText(json, nanos, millis));
    }

    /** Carries a result out: its check and the verdict's result, its events committed, then its replies. */
    List<ServerFrame> carryOut(BrowserSession s, BrowserSession.Result r) {
        int from = received.get(s.id()).size();
        run(s, r);
        List<ServerFrame> got = received.get(s.id());
        return new ArrayList<>(got.subList(from, got.size()));
    }

    private void run(BrowserSession s, BrowserSession.Result r) {
        for (ChatEvent e : r.toLog()) {
            commit(e);
        }
        received.get(s.id()).addAll(r.reply());
        if (r.check() != null) {
            run(s, s.onVerified(r.check(), clerk.verify(r.check(), millis), millis));
        }
    }

    /** Commits an event, as the log would, and hands its outcomes to the sessions they are for. */
    List<ChatOutcome> commit(ChatEvent e) {
        List<ChatOutcome> outcomes = state.apply(++seq, e);
        for (ChatOutcome o : outcomes) {
            for (ClientId to : o.to()) {
                BrowserSession recipient = sessions.get(to);
                if (recipient != null) {
                    received.get(to).addAll(recipient.onOutcome(o, state, frames, LEADER));
                }
            }
        }
        return outcomes;
    }

    /** Everything the session received so far, and forgets it. */
    List<ServerFrame> take(BrowserSession s) {
        List<ServerFrame> got = new ArrayList<>(received.get(s.id()));
        received.get(s.id()).clear();
        return got;
    }
}
