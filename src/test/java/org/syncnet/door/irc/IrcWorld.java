package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Identity;
import org.syncnet.chat.PasswordCredential;
import org.syncnet.chat.app.AccountDesk;
import org.syncnet.chat.app.StateOnly;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * A tiny cluster for the session tests: one {@link ChatState} and an in-test "log" that commits every event at once
 * with the next sequence and its sender's server as origin, then hands each outcome to every session in its
 * {@code to()}, as the glue does. Browser users are clients registered directly through events. Each session's
 * lines (immediate replies and outcome lines, in order) collect in its inbox until drained.
 */
final class IrcWorld {
    static final String VERSION = "syncnet-test";
    static final String CREATED = "Fri Nov 27 2026";
    static final List<String> MOTD = List.of("Welcome to SyncNet.", "Be nice.");
    /** The cluster the sessions' servers belong to: three servers, as configured by default. */
    static final List<String> CLUSTER = List.of("server1", "server2", "server3");

    final ChatState state = new ChatState();
    /** The wall clock the sessions are given. */
    long now = 1_795_000_000_000L;
    private long seq;
    private final Map<ClientId, IrcSession> sessions = new HashMap<>();
    private final Map<ClientId, List<IrcMessage>> inboxes = new HashMap<>();
    /** One per server, as each server's door has one (its user peaks are shared by its sessions). */
    private final Map<String, IrcServerInfo> servers = new HashMap<>();
    /** The last reply a session gave to a sent line. */
    IrcSession.Reply lastReply;
    /** How many of a room's last messages sessions connected from now on get when they join. */
    int joinHistoryLines = IrcConfig.DEFAULT_JOIN_HISTORY_LINES;
    /** The server password PASS is checked against (by {@link #perform}). */
    OperPassword serverPassword;
    /** The options of sessions connected from now on. */
    SessionOptions options = SessionOptions.PLAIN;
    /** Passwords and logins, as the glue's: against this world's state, with the cheapest hash. */
    final AccountDesk desk = new AccountDesk("server1", new StateOnly("server1", state),
            PasswordCredential.MIN_ITERATIONS);

    IrcSession connect(String server, long connection, String host) {
        return connect(server, connection, host, MOTD);
    }

    IrcSession connect(String server, long connection, String host, List<String> motd) {
        ClientId id = new ClientId(server, connection);
        IrcServerInfo base = servers.computeIfAbsent(server,
                key -> IrcServerInfo.forCluster(server, CLUSTER, VERSION, CREATED, MOTD));
        IrcServerInfo info = motd.equals(base.motd()) ? base : new IrcServerInfo(base.name(), base.network(),
                base.version(), base.created(), motd, base.serverNames(), base.clusterServers(), base.peaks());
        IrcSession s = new IrcSession(id, info, host, joinHistoryLines, options);
        sessions.put(id, s);
        inboxes.put(id, new ArrayList<>());
        return s;
    }

    /** Connects and registers with NICK and USER (real name: the nick, capitalized); drains the burst. */
    IrcSession register(String server, long connection, String host, String nick) {
        IrcSession s = connect(server, connection, host);
        send(s, "NICK " + nick);
        send(s, "USER " + nick + " 0 * :" + Character.toUpperCase(nick.charAt(0)) + nick.substring(1));
        if (!s.registered()) {
            throw new AssertionError(nick + " not registered");
        }
        drain(s);
        return s;
    }

    /** A browser user: {@code nick!web@server}, registered through the log. */
    ClientId browser(String server, long connection, String nick) {
        ClientId id = new ClientId(server, connection);
        commit(id.server(), new ChatEvent.NickClaimed(id, nick, "", new Identity(Identity.WEB_USER, server, "")));
        return id;
    }

    /**
     * Sends a line, does the slow work it asks for as the glue does (passwords; the OPER check is the test's own),
     * commits its events, returns what the sender received since its last drain.
     */
    List<String> send(IrcSession s, String line) {
        IrcSession.Reply reply = sendUncommitted(s, line);
        commit(s, reply);
        while (reply.check() != null && !(reply.check() instanceof SlowCheck.OperAttempt)) {
            reply = perform(s, reply.check());
            inboxes.get(s.id()).addAll(reply.send());
            commit(s, reply);
        }
        return drain(s);
    }

    /** The glue's slow work for {@code check}, as it does it; the session's answer. */
    IrcSession.Reply perform(IrcSession s, SlowCheck check) {
        if (check instanceof SlowCheck.AccountPassword p) {
            return s.onLoginChecked(p, desk.login(p.account(), p.password(), "10.0.0.99", now), now);
        } else if (check instanceof SlowCheck.NewPassword n) {
            return s.onCredential(n, desk.credential(n.password()), now);
        }
        return s.onServerPasswordChecked(serverPassword.matches(((SlowCheck.ServerPassword) check).password()));
    }

    /** Sends a line and keeps its events out of the log, so the test can change the state first. */
    IrcSession.Reply sendUncommitted(IrcSession s, String line) {
        IrcMessage m = Lines.parse(line);
        // as the glue does: a command that does not read the state gets none
        lastReply = s.onMessage(m, IrcSession.readsState(m) ? state : null, now);
        inboxes.get(s.id()).addAll(lastReply.send());
        return lastReply;
    }

    /** A reply the session gave outside {@link #send} (e.g. to the glue's OPER check): its lines, then its events. */
    List<String> take(IrcSession s, IrcSession.Reply reply) {
        inboxes.get(s.id()).addAll(reply.send());
        commit(s, reply);
        return drain(s);
    }

    void commit(IrcSession s, IrcSession.Reply reply) {
        for (ChatEvent e : reply.toLog()) {
            commit(s.id().server(), e);
        }
    }

    /** Applies one event as the log would, origin {@code originServer}, and delivers its outcomes. */
    void commit(String originServer, ChatEvent e) {
        for (ChatOutcome o : state.apply(++seq, originServer, e)) {
            for (ClientId to : o.to()) {
                IrcSession s = sessions.get(to);
                if (s != null) {
                    // the glue's shortcut for room messages must give what the session's lines give
                    MessageForm form = o instanceof ChatOutcome.Posted p ? s.postedForm(p) : null;
                    List<IrcMessage> lines = s.onOutcome(o, state);
                    if (o instanceof ChatOutcome.Posted p) {
                        assertEquals(form == null ? List.of() : List.of(form.line(p.message())), lines, "postedForm");
                    }
                    inboxes.get(to).addAll(lines);
                }
            }
        }
    }

    List<String> drain(IrcSession s) {
        return Lines.render(drainMessages(s));
    }

    /** As {@link #drain}, the messages themselves (for the wire writer, or to compare what recipients share). */
    List<IrcMessage> drainMessages(IrcSession s) {
        List<IrcMessage> got = List.copyOf(inboxes.get(s.id()));
        inboxes.get(s.id()).clear();
        return got;
    }
}
