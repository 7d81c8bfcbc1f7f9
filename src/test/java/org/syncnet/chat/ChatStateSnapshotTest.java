package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A state read back from a snapshot, then given the rest of the log, is the state of the whole log applied from the
 * start: field by field, in every map's order, and in the outcomes the rest of the log gives (seeded random logs of
 * every kind of event; rerun one with {@code -Dchat.seed=...}). A snapshot damaged anywhere, cut short anywhere, of
 * another version or of other limits is refused and leaves the state it was meant for untouched.
 */
class ChatStateSnapshotTest {
    private static final long SEED = Long.getLong("chat.seed", 11L);
    private static final int LOGS = Integer.getInteger("chat.logs", 300);
    private static final String[] SERVERS = {"server1", "server2", "server3"};
    private static final String[] NICKS = {"alice", "Alice", "bob", "b[o]b", "B{O}B", "carol", "dave"};
    private static final String[] ROOMS = {"#lobby", "#LOBBY", "#a[1]", "#A{1}", "#b", "#日本"};
    private static final String[] SESSIONS = {"", "", "k1", "k2"};
    private static final String[] KEYS = {"", "", "k1", "K1"};
    private static final String MODE_LETTERS = "beIklimnstoovvbbk";
    private static final String[] MASKS = {"alice", "*!u@h", "b[o]b!*@*", "*", "x!y", "ALICE!*@*"};
    private static final String[] LIMITS = {"1", "2", "3", "0"};
    private static final String[] ADDRESSES = {"10.0.0.1", "10.0.0.2", "0::1"};
    private static final byte[][] TOKENS = {PasswordCredential.sha256(new byte[] {1}),
            PasswordCredential.sha256(new byte[] {2}), PasswordCredential.sha256(new byte[] {3})};

    @Test
    void snapshotAndTheRestOfTheLogGiveTheStateOfTheWholeLog() throws MalformedSnapshotException {
        for (int log = 0; log < LOGS; log++) {
            long seed = SEED * 1_000_003L + log;
            Random rnd = new Random(seed);
            List<ChatEvent> events = new ArrayList<>();
            for (int i = 50 + rnd.nextInt(500); i > 0; i--) {
                events.add(randomEvent(rnd));
            }
            int cut = rnd.nextInt(events.size() + 1);
            ChatState whole = new ChatState(5, 4, 2_000);
            List<List<ChatOutcome>> wholeOutcomes = new ArrayList<>();
            ChatState before = new ChatState(5, 4, 2_000);
            for (int i = 0; i < events.size(); i++) {
                List<ChatOutcome> o = whole.apply(i + 1, "server1", events.get(i));
                if (i >= cut) {
                    wholeOutcomes.add(o);
                } else {
                    before.apply(i + 1, "server1", events.get(i));
                }
            }
            byte[] snapshot = ChatStateSnapshot.encode(before);
            assertEquals(cut, ChatStateSnapshot.seqOf(snapshot), "seed " + seed);
            ChatState resumed = new ChatState(5, 4, 2_000);
            assertEquals(cut, ChatStateSnapshot.restore(snapshot, resumed), "seed " + seed);
            assertNull(DeepState.difference(before, resumed), "seed " + seed + " right after the snapshot");
            for (int i = cut; i < events.size(); i++) {
                assertEquals(wholeOutcomes.get(i - cut), resumed.apply(i + 1, "server1", events.get(i)),
                        "seed " + seed + " seq " + (i + 1));
            }
            assertNull(DeepState.difference(whole, resumed), "seed " + seed + " cut at " + cut);
            assertArrayEquals(ChatStateSnapshot.encode(whole), ChatStateSnapshot.encode(resumed), "seed " + seed);
        }
    }

    @Test
    void theComparisonSeesADifferenceAnywhere() {
        ChatState a = new ChatState(5, 4, 2_000);
        ChatState b = new ChatState(5, 4, 2_000);
        Random rnd = new Random(3);
        for (int seq = 1; seq <= 300; seq++) {
            ChatEvent e = randomEvent(rnd);
            a.apply(seq, "server1", e);
            b.apply(seq, "server1", e);
        }
        assertNull(DeepState.difference(a, b));
        b.apply(301, "server1", new ChatEvent.NickClaimed(new ClientId("server9", 1), "zed", "", Events.ID));
        assertTrue(DeepState.difference(a, b) != null);
    }

    @Test
    void aStateWithEverythingInItComesBackWhole() throws MalformedSnapshotException {
        ChatState state = new ChatState();
        long seq = 0;
        for (ChatEvent e : Events.oneOfEach()) {
            state.apply(++seq, e);
        }
        ChatState back = new ChatState();
        ChatStateSnapshot.restore(ChatStateSnapshot.encode(state), back);
        assertNull(DeepState.difference(state, back));
    }

    @Test
    void aDamagedSnapshotIsRefusedAndChangesNothing() {
        byte[] good = ChatStateSnapshot.encode(someState());
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            assertRefused(bad);
        }
    }

    @Test
    void aSnapshotCutShortIsRefusedAndChangesNothing() {
        byte[] good = ChatStateSnapshot.encode(someState());
        for (int length = 0; length < good.length; length++) {
            assertRefused(java.util.Arrays.copyOf(good, length));
        }
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertRefused(longer);
    }

    @Test
    void anotherVersionIsRefused() {
        byte[] other = ChatStateSnapshot.encode(someState());
        other[4] = (byte) (ChatStateSnapshot.VERSION + 1);
        MalformedSnapshotException e = assertRefused(other);
        assertTrue(e.getMessage().contains("version"), e.getMessage());
    }

    @Test
    void aSnapshotOfOtherLimitsIsRefused() {
        byte[] small = ChatStateSnapshot.encode(someState());
        ChatState defaults = new ChatState();
        MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class,
                () -> ChatStateSnapshot.restore(small, defaults));
        assertTrue(e.getMessage().contains("limits"), e.getMessage());
        assertEquals(0, defaults.lastSeq());
    }

    @Test
    void onlyANewStateTakesASnapshot() {
        byte[] snapshot = ChatStateSnapshot.encode(someState());
        ChatState used = new ChatState(5, 4, 2_000);
        used.apply(1, new ChatEvent.NickClaimed(new ClientId("server1", 1), "alice", "", Events.ID));
        assertThrows(IllegalStateException.class, () -> ChatStateSnapshot.restore(snapshot, used));
    }

    private static MalformedSnapshotException assertRefused(byte[] bad) {
        ChatState target = new ChatState(5, 4, 2_000);
        MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class,
                () -> ChatStateSnapshot.restore(bad, target));
        assertNull(DeepState.difference(new ChatState(5, 4, 2_000), target), "a refused snapshot changed the state");
        return e;
    }

    private static ChatState someState() {
        ChatState s = new ChatState(5, 4, 2_000);
        Random rnd = new Random(5);
        for (int seq = 1; seq <= 200; seq++) {
            s.apply(seq, "server1", randomEvent(rnd));
        }
        return s;
    }

    private static ChatEvent randomEvent(Random rnd) {
        ClientId c = new ClientId(SERVERS[rnd.nextInt(SERVERS.length)], rnd.nextInt(4));
        String room = ROOMS[rnd.nextInt(ROOMS.length)];
        String nick = NICKS[rnd.nextInt(NICKS.length)];
        long time = 1_790_000_000_000L + rnd.nextInt(7_200_000);
        return switch (rnd.nextInt(40)) {
            case 0, 1, 2, 3 -> new ChatEvent.NickClaimed(c, nick, SESSIONS[rnd.nextInt(SESSIONS.length)], Events.ID);
            case 4, 5, 6, 7 -> new ChatEvent.RoomJoined(c, room, KEYS[rnd.nextInt(KEYS.length)], time);
            case 8 -> new ChatEvent.RoomLeft(c, room, "");
            case 9 -> new ChatEvent.ClientGone(c, "quit");
            case 10 -> new ChatEvent.ServerGone(SERVERS[rnd.nextInt(SERVERS.length)], rnd.nextInt(4), "failed");
            case 11 -> new ChatEvent.TopicSet(c, room, "t" + rnd.nextInt(3));
            case 12 -> new ChatEvent.PrivateMessage(c, nick, "p", "id" + rnd.nextInt(9), time);
            case 13, 14, 15 -> new ChatEvent.ModesChanged(c, room, randomChanges(rnd), time);
            case 16 -> new ChatEvent.Kicked(c, room, nick, "");
            case 17 -> new ChatEvent.Invited(c, room, nick);
            case 18 -> new ChatEvent.OperUp(c, "root");
            case 19 -> new ChatEvent.UserModesSet(c, rnd.nextBoolean() ? "wi" : "o");
            case 20 -> new ChatEvent.Killed(c, nick, "");
            case 21 -> new ChatEvent.Wallops(c, "w");
            case 22 -> new ChatEvent.AwaySet(c, rnd.nextBoolean() ? "" : "lunch");
            case 23, 24 -> new ChatEvent.AccountRegistered(c, nick, Events.CREDENTIAL,
                    rnd.nextBoolean() ? "" : "a@example.org", ADDRESSES[rnd.nextInt(ADDRESSES.length)], time);
            case 25, 26 -> new ChatEvent.LoggedIn(c, nick, rnd.nextInt(2));
            case 27 -> new ChatEvent.LoginFailed(c, nick, ADDRESSES[rnd.nextInt(ADDRESSES.length)], time);
            case 28 -> new ChatEvent.LoggedOut(c, rnd.nextBoolean() ? new byte[0] : TOKENS[rnd.nextInt(3)]);
            case 29 -> new ChatEvent.PasswordChanged(c, Events.CREDENTIAL);
            case 30 -> new ChatEvent.AccountDropped(c);
            case 31 -> new ChatEvent.SessionIssued(c, TOKENS[rnd.nextInt(3)], time + 3_600_000);
            case 32 -> new ChatEvent.NickRecovered(c, nick, rnd.nextBoolean());
            case 33 -> new ChatEvent.NickEnforced(c, nick);
            default -> new ChatEvent.MessagePosted(c, room, "m" + rnd.nextInt(1000), "id" + rnd.nextInt(1000), time,
                    rnd.nextInt(10) == 0);
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
}
