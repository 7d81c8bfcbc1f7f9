package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent.ClientGone;
import org.syncnet.chat.ChatEvent.MessagePosted;
import org.syncnet.chat.ChatEvent.NickClaimed;
import org.syncnet.chat.ChatEvent.RoomJoined;
import org.syncnet.chat.ChatEvent.RoomLeft;
import org.syncnet.chat.ChatEvent.ServerGone;
import org.syncnet.chat.ChatEvent.TopicSet;

/**
 * Seeded random logs (rerun with {@code -Dchat.seed=...}) of every kind of event, modes, kicks, invites and server
 * operators included: two servers applying the same log, one of them from the decoded payloads, compute the same
 * outcomes and end in the same state; and after every event the state is consistent (nicks unique, memberships
 * agree both ways, statuses only of members, lists and history bounded).
 */
class ChatStateRandomTest {
    private static final long SEED = Long.getLong("chat.seed", 7L);
    private static final int LOGS = Integer.getInteger("chat.logs", 300);
    private static final String[] SERVERS = {"server1", "server2", "server3"};
    private static final String[] NICKS = {"alice", "Alice", "ALICE", "bob", "b[o]b", "B{O}B", "carol", "dave", "eve"};
    private static final String[] ROOMS = {"#lobby", "#LOBBY", "#a[1]", "#A{1}", "#b", "#日本"};
    private static final String[] SESSIONS = {"", "", "k1", "k2"};
    private static final String[] KEYS = {"", "", "k1", "K1"};
    /** Known letters, with o, v, b and k more often, and two unknown ones. */
    private static final String MODE_LETTERS = "beIklimnstoovvbbkZx";
    private static final String[] MASKS = {"alice", "*!u@h", "b[o]b!*@*", "*", "x!y", "ALICE!*@*", ""};
    private static final String[] LIMITS = {"1", "2", "3", "0", "", "x"};

    @Test
    void serversApplyingTheSameLogAgreeAndStayConsistent() throws MalformedEventException {
        Set<Class<?>> seen = new HashSet<>();
        for (int log = 0; log < LOGS; log++) {
            long seed = SEED * 1_000_003L + log;
            Random rnd = new Random(seed);
            ChatState one = new ChatState(5, 4);
            ChatState two = new ChatState(5, 4);
            int length = 50 + rnd.nextInt(400);
            for (int seq = 1; seq <= length; seq++) {
                ChatEvent e = randomEvent(rnd);
                List<ChatOutcome> a = one.apply(seq, e);
                List<ChatOutcome> b = two.apply(seq, ChatEventCodec.decode(ChatEventCodec.encode(e)));
                assertEquals(a, b, "seed " + seed + " seq " + seq + " " + e);
                a.forEach(o -> seen.add(o.getClass()));
                checkConsistent(one, 5, "seed " + seed + " seq " + seq);
            }
            assertEquals(dump(one), dump(two), "seed " + seed);
        }
        // The logs reach the new rules, not only their refusals.
        for (Class<?> kind : List.of(ChatOutcome.ModesChanged.class, ChatOutcome.Kicked.class, ChatOutcome.Invited.class,
                ChatOutcome.Killed.class, ChatOutcome.WallopsSent.class, ChatOutcome.UserModesChanged.class)) {
            assertTrue(seen.contains(kind), kind.getSimpleName() + " never happened");
        }
    }

    private static ChatEvent randomEvent(Random rnd) {
        ClientId c = new ClientId(SERVERS[rnd.nextInt(SERVERS.length)], rnd.nextInt(4));
        String room = ROOMS[rnd.nextInt(ROOMS.length)];
        String nick = NICKS[rnd.nextInt(NICKS.length)];
        return switch (rnd.nextInt(30)) {
            case 0, 1, 2, 3 -> new NickClaimed(c, nick, SESSIONS[rnd.nextInt(SESSIONS.length)], Events.ID);
            case 4, 5, 6, 7 -> new RoomJoined(c, room, KEYS[rnd.nextInt(KEYS.length)], rnd.nextInt(1000));
            case 8, 9 -> new RoomLeft(c, room, "");
            case 10 -> new ClientGone(c, "quit");
            case 11 -> new ServerGone(SERVERS[rnd.nextInt(SERVERS.length)], Long.MAX_VALUE, "failed");
            case 12 -> new TopicSet(c, room, "t" + rnd.nextInt(3));
            case 13 -> new ChatEvent.PrivateMessage(c, nick, "p", "id" + rnd.nextInt(9), 1);
            case 14, 15, 16, 17 -> new ChatEvent.ModesChanged(c, room, randomChanges(rnd), rnd.nextInt(1000));
            case 18 -> new ChatEvent.Kicked(c, room, nick, "");
            case 19 -> new ChatEvent.Invited(c, room, nick);
            case 20 -> new ChatEvent.OperUp(c, "root");
            case 21 -> new ChatEvent.UserModesSet(c, randomUserModes(rnd));
            case 22 -> new ChatEvent.Killed(c, nick, "");
            case 23 -> new ChatEvent.Wallops(c, "w");
            default -> new MessagePosted(c, room, "m" + rnd.nextInt(1000), "id" + rnd.nextInt(1000), rnd.nextInt(1000));
        };
    }

    private static List<ModeChange> randomChanges(Random rnd) {
        List<ModeChange> changes = new ArrayList<>();
        for (int i = 1 + rnd.nextInt(ChatLimits.MAX_MODE_CHANGES); i > 0; i--) {
            char letter = MODE_LETTERS.charAt(rnd.nextInt(MODE_LETTERS.length()));
            String argument = switch (letter) {
                case 'o', 'v' -> NICKS[rnd.nextInt(NICKS.length)];
                case 'b', 'e', 'I' -> MASKS[rnd.nextInt(MASKS.length)];
                case 'k' -> KEYS[rnd.nextInt(KEYS.length)];
                case 'l' -> LIMITS[rnd.nextInt(LIMITS.length)];
                default -> "";
            };
            changes.add(new ModeChange(rnd.nextBoolean(), letter, argument));
        }
        return changes;
    }

    private static String randomUserModes(Random rnd) {
        StringBuilder modes = new StringBuilder();
        for (char letter : new char[] {'w', 'i', 'o'}) {
            if (rnd.nextBoolean()) {
                modes.append(letter);
            }
        }
        return modes.toString();
    }

    static void checkConsistent(ChatState s, int historyLimit, String where) {
        Set<String> folded = new HashSet<>();
        for (Member m : s.members()) {
            assertTrue(folded.add(Casemapping.fold(m.nick())), where + ": nick twice " + m);
            assertEquals(m, s.memberByNick(m.nick()).orElseThrow(), where);
            assertEquals(m, s.member(m.client()).orElseThrow(), where);
            for (String room : s.roomsOf(m.client())) {
                assertTrue(s.room(room, 0).orElseThrow().members().contains(m), where + ": " + m + " not in " + room);
            }
            assertTrue(s.roomsOf(m.client()).size() <= ChatLimits.MAX_ROOMS_PER_CLIENT, where);
        }
        Set<String> roomKeys = new HashSet<>();
        for (String name : s.rooms()) {
            assertTrue(roomKeys.add(Casemapping.fold(name)), where + ": room twice " + name);
            RoomSnapshot r = s.room(name, 0).orElseThrow();
            assertTrue(r.history().size() <= historyLimit, where);
            assertTrue(s.rooms().size() <= 4, where);
            for (Member m : r.members()) {
                assertEquals(m, s.member(m.client()).orElseThrow(), where + ": stale member " + m + " in " + name);
                assertTrue(s.roomsOf(m.client()).contains(name), where);
            }
            ChannelView v = s.channel(name).orElseThrow();
            List<Member> viewed = v.members().stream().map(RoomMember::member).toList();
            assertEquals(r.members(), viewed, where + ": view and snapshot of " + name);
            for (RoomMember m : v.members()) {
                assertEquals(m.op(), r.isOperator(m.member().client()), where);
                assertEquals(m.voice(), r.isVoiced(m.member().client()), where);
            }
            List<ClientId> ids = r.members().stream().map(Member::client).toList();
            assertTrue(ids.containsAll(r.operators()) && ids.containsAll(r.voiced()), where + ": status of a non-member");
            assertTrue(v.bans().size() <= ChatLimits.MAX_LIST_ENTRIES && v.exceptions().size() <= ChatLimits.MAX_LIST_ENTRIES
                    && v.inviteExceptions().size() <= ChatLimits.MAX_LIST_ENTRIES, where);
            assertTrue(v.limit() >= 0 && v.limit() <= ChatLimits.MAX_LIMIT, where);
            assertEquals(v.key().isEmpty(), v.modes().indexOf('k') < 0, where);
            long last = 0;
            for (HistoryEntry h : r.history()) {
                assertTrue(h.seq() > last, where + ": history out of order");
                last = h.seq();
            }
        }
    }

    private static List<Object> dump(ChatState s) {
        List<Object> d = new ArrayList<>(s.members());
        for (Member m : s.members()) {
            d.add(s.profile(m.client()).orElseThrow());
        }
        for (String room : s.rooms()) {
            d.add(s.room(room, 0).orElseThrow());
            d.add(s.channel(room).orElseThrow());
        }
        for (String nick : NICKS) {
            d.add(s.whowas(nick, 0));
        }
        d.add(s.invisibleCount());
        d.add(s.lastSeq());
        return d;
    }
}
