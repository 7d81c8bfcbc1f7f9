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
 * Seeded random logs (rerun with {@code -Dchat.seed=...}): two servers applying the same log, one of them from the
 * decoded payloads, compute the same outcomes and end in the same state; and after every event the state is
 * consistent (nicks unique, memberships agree both ways, no empty rooms, history bounded).
 */
class ChatStateRandomTest {
    private static final long SEED = Long.getLong("chat.seed", 7L);
    private static final int LOGS = Integer.getInteger("chat.logs", 300);
    private static final String[] SERVERS = {"server1", "server2", "server3"};
    private static final String[] NICKS = {"alice", "Alice", "ALICE", "bob", "b[o]b", "B{O}B", "carol", "dave", "eve"};
    private static final String[] ROOMS = {"#lobby", "#LOBBY", "#a[1]", "#A{1}", "#b", "#日本"};
    private static final String[] SESSIONS = {"", "", "k1", "k2"};

    @Test
    void serversApplyingTheSameLogAgreeAndStayConsistent() throws MalformedEventException {
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
                checkConsistent(one, 5, "seed " + seed + " seq " + seq);
            }
            assertEquals(dump(one), dump(two), "seed " + seed);
        }
    }

    private static ChatEvent randomEvent(Random rnd) {
        ClientId c = new ClientId(SERVERS[rnd.nextInt(SERVERS.length)], rnd.nextInt(4));
        String room = ROOMS[rnd.nextInt(ROOMS.length)];
        return switch (rnd.nextInt(20)) {
            case 0, 1, 2, 3 -> new NickClaimed(c, NICKS[rnd.nextInt(NICKS.length)], SESSIONS[rnd.nextInt(SESSIONS.length)], Events.ID);
            case 4, 5, 6, 7 -> new RoomJoined(c, room);
            case 8, 9 -> new RoomLeft(c, room, "");
            case 10 -> new ClientGone(c, "quit");
            case 11 -> new ServerGone(SERVERS[rnd.nextInt(SERVERS.length)], Long.MAX_VALUE, "failed");
            case 12 -> new TopicSet(c, room, "t" + rnd.nextInt(3));
            case 13 -> new ChatEvent.PrivateMessage(c, NICKS[rnd.nextInt(NICKS.length)], "p", "id" + rnd.nextInt(9), 1);
            default -> new MessagePosted(c, room, "m" + rnd.nextInt(1000), "id" + rnd.nextInt(1000), rnd.nextInt(1000));
        };
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
            long last = 0;
            for (HistoryEntry h : r.history()) {
                assertTrue(h.seq() > last, where + ": history out of order");
                last = h.seq();
            }
        }
    }

    private static List<Object> dump(ChatState s) {
        List<Object> d = new ArrayList<>(s.members());
        for (String room : s.rooms()) {
            d.add(s.room(room, 0).orElseThrow());
        }
        d.add(s.lastSeq());
        return d;
    }
}
