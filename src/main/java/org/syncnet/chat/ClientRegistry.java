package org.syncnet.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.syncnet.chat.ChatEvent.NickClaimed;
import org.syncnet.chat.ChatEvent.ServerGone;
import org.syncnet.chat.ChatOutcome.AwayChanged;
import org.syncnet.chat.ChatOutcome.NickAccepted;
import org.syncnet.chat.ChatOutcome.NickChanged;
import org.syncnet.chat.ChatOutcome.NickResumed;
import org.syncnet.chat.ChatOutcome.Quit;
import org.syncnet.chat.ChatOutcome.Rejected;

/**
 * Who is online in {@link ChatState}, by connection and by nick, who of them is away, and who was (WHOWAS). Rules:
 * <ul>
 *   <li>Nicks compare under {@link Casemapping rfc1459}; each keeps the spelling of its claim. A reserved nick
 *       ({@link ChatLimits#isReservedNick}) is refused ({@code BAD_NICK}).</li>
 *   <li>The first claim of a nick in the log wins; a later claim by another connection is {@link Rejected} with
 *       {@link ErrorCode#NICK_IN_USE} — unless it carries the holder's resume session, which moves the nick and its
 *       rooms to the new connection ({@link NickResumed}). A registered client claiming a free nick renames.</li>
 *   <li>A client exists from its accepted nick claim until its {@link ChatEvent.ClientGone}, its server's
 *       {@link ServerGone} or its KILL ({@link ServerOperatorActions}); it then leaves its rooms, and its invites
 *       are forgotten.</li>
 *   <li>A client's away message is set as given (empty: back); its room mates hear of it when it changed.</li>
 *   <li>WHOWAS remembers the last {@link ChatLimits#WHOWAS_ENTRIES} nicks that went away: a client gone (quit,
 *       server gone, killed) and the old nick of a nick change.</li>
 * </ul>
 */
final class ClientRegistry {
    /** In order of registration. */
    final Map<ClientId, Client> byId = new LinkedHashMap<>();
    /** By folded nick. */
    final Map<String, Client> byNick = new LinkedHashMap<>();
    final Whowas whowas = new Whowas();
    private final RoomRegistry rooms;

    ClientRegistry(RoomRegistry rooms) {
        this.rooms = rooms;
    }

    /** The client on this connection, or null. */
    Client get(ClientId id) {
        return byId.get(id);
    }

    /** The client with this nick (any case), or null. */
    Client byNick(String nick) {
        return byNick.get(Casemapping.fold(nick));
    }

    /** The member of the client with this nick (any case), or null. */
    Member memberByNick(String nick) {
        Client c = byNick(nick);
        return c == null ? null : c.member();
    }

    /** Everyone online, in order of registration. */
    Collection<Client> all() {
        return Collections.unmodifiableCollection(byId.values());
    }

    /** What WHOWAS knows of {@code nick} (any case), newest first, at most {@code max} entries (≤ 0: all). */
    List<WhowasEntry> whowas(String nick, int max) {
        return whowas.find(nick, max);
    }

    List<ChatOutcome> claim(NickClaimed e) {
        if (ChatLimits.isReservedNick(e.nick())) {
            return List.of(new Rejected(e.client(), ErrorCode.BAD_NICK, e.nick()));
        }
        String key = Casemapping.fold(e.nick());
        Client holder = byNick.get(key);
        Client self = byId.get(e.client());
        if (holder == null && self == null) {
            Client c = new Client(e.client(), e.nick(), e.session(), e.identity());
            byId.put(c.id, c);
            byNick.put(key, c);
            return List.of(new NickAccepted(c.id, c.nick));
        }
        if (holder == null || holder == self) {
            if (self.nick.equals(e.nick())) {
                return List.of();  // IRC: NICK to one's own nick does nothing
            }
            return List.of(rename(self, e.nick()));
        }
        if (self == null && !e.session().isEmpty() && e.session().equals(holder.session)) {
            return List.of(resume(holder, e.client()));
        }
        return List.of(new Rejected(e.client(), ErrorCode.NICK_IN_USE, e.nick()));
    }

    /** {@code self} takes the free nick {@code nick}; told to itself and its room mates. */
    NickChanged rename(Client self, String nick) {
        String key = Casemapping.fold(nick);
        Member before = self.member();
        whowas.add(self.whowas());
        byNick.remove(Casemapping.fold(before.nick()));
        self.nick = nick;
        byNick.put(key, self);
        rooms.renamed(self);
        Set<ClientId> to = new LinkedHashSet<>();
        to.add(self.id);
        to.addAll(rooms.roommates(self));
        return new NickChanged(before, self.nick, new ArrayList<>(to));
    }

    /**
     * {@code c} goes away with {@code message}, or comes back (empty). It is always told (its confirmation); its room
     * mates only when the message changed, as IRC servers send away-notify only for a change.
     */
    AwayChanged away(Client c, String message) {
        Set<ClientId> to = new LinkedHashSet<>();
        to.add(c.id);
        if (!c.away.equals(message)) {
            c.away = message;
            to.addAll(rooms.roommates(c));
        }
        return new AwayChanged(c.member(), message, new ArrayList<>(to));
    }

    private NickResumed resume(Client holder, ClientId newId) {
        ClientId old = holder.id;
        byId.remove(old);
        holder.id = newId;
        byId.put(newId, holder);
        List<String> names = rooms.moved(holder, old);
        return new NickResumed(newId, old, holder.nick, names);
    }

    /** {@code c} is gone (quit, server gone, killed); told to its room mates. */
    Quit remove(Client c, String reason) {
        List<ClientId> to = new ArrayList<>(rooms.roommates(c));
        List<String> names = rooms.leaveAll(c);
        byId.remove(c.id);
        byNick.remove(Casemapping.fold(c.nick));
        whowas.add(c.whowas());
        return new Quit(c.member(), reason, names, to);
    }

    /**
     * A free guest nick, {@link ChatLimits#GUEST_PREFIX} and five digits: the first free one from a number the log
     * position gives, so every server picks the same.
     */
    String guestNick(long seq) {
        for (int i = 0; i < 100_000; i++) {
            String nick = ChatLimits.GUEST_PREFIX + String.format("%05d", (seq + i) % 100_000);
            if (byNick(nick) == null) {
                return nick;
            }
        }
        throw new IllegalStateException("no free guest nick");
    }

    /** {@code by} ends {@code victim}'s connection (KILL, GHOST); the victim, its room mates and {@code by} hear it. */
    ChatOutcome.Killed kill(Client by, Client victim, String reason) {
        Quit gone = remove(victim, reason);
        Set<ClientId> to = new LinkedHashSet<>();
        to.add(victim.id);
        to.addAll(gone.to());
        to.add(by.id);
        return new ChatOutcome.Killed(by.member(), gone.member(), reason, gone.rooms(), new ArrayList<>(to));
    }

    /** The server's clients with a connection below the event's bound are gone, in order of registration. */
    List<ChatOutcome> removeServer(ServerGone e) {
        List<ChatOutcome> out = new ArrayList<>();
        for (Client c : List.copyOf(byId.values())) {
            if (c.id.server().equals(e.server()) && c.id.connection() < e.beforeConnection()) {
                out.add(remove(c, e.reason()));
            }
        }
        return out;
    }
}
