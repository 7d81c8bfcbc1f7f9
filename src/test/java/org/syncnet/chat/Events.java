package org.syncnet.chat;

import java.util.List;
import org.syncnet.chat.ChatEvent.ClientGone;
import org.syncnet.chat.ChatEvent.MessagePosted;
import org.syncnet.chat.ChatEvent.NickClaimed;
import org.syncnet.chat.ChatEvent.RoomJoined;
import org.syncnet.chat.ChatEvent.RoomLeft;
import org.syncnet.chat.ChatEvent.ServerGone;
import org.syncnet.chat.ChatEvent.TopicSet;

/** Sample events for the tests: one of each kind, and the largest possible. */
final class Events {
    static final ClientId A = new ClientId("server1", 1);
    static final ClientId B = new ClientId("server2", 7);
    /** Every test client's identity: its members show as {@code nick!u@h}. */
    static final Identity ID = new Identity("u", "h", "");

    private Events() {
    }

    static List<ChatEvent> oneOfEach() {
        return List.of(
                new NickClaimed(A, "alice", "", ID),
                new NickClaimed(B, "Bob[away]", "s3ss10n", ID),
                new RoomJoined(A, "#lobby"),
                new RoomLeft(A, "#Lobby", "see you"),
                new MessagePosted(B, "#日本", "hello 😀 \u0002bold\u0002", "c1:42", 1_790_000_000_000L),
                new ClientGone(A, ""),
                new ServerGone("server3", Long.MAX_VALUE, "failed"),
                new TopicSet(B, "#lobby", "welcome, all"),
                new ChatEvent.PrivateMessage(A, "Bob[away]", "psst", "p-1", 7),
                new MessagePosted(A, "#lobby", "\u0001ACTION waves\u0001", "n-1", 8, true),
                new ChatEvent.PrivateMessage(B, "alice", "ping?", "n-2", 9, true),
                new NickClaimed(new ClientId("server3", 2), "carol", "", new Identity("~carol_", "192.168.0.10",
                        "Carol C. 😀")),
                new ChatEvent.AwaySet(A, "lunch"),
                new ChatEvent.AwaySet(A, ""),
                new RoomJoined(B, "#secret", "k3y!", 1_790_000_000_123L),
                new ChatEvent.ModesChanged(A, "#lobby", List.of(new ModeChange(true, 'o', "Bob[away]"),
                        new ModeChange(false, 't'), new ModeChange(true, 'b', "*!*@192.168.*"),
                        new ModeChange(true, 'k', "sésame")), 1_790_000_000_456L),
                new ChatEvent.ModesChanged(B, "#a", List.of(new ModeChange(true, 'Z', "")), 0),
                new ChatEvent.Kicked(A, "#lobby", "Bob[away]", "flooding 😀"),
                new ChatEvent.Kicked(A, "#lobby", "carol", ""),
                new ChatEvent.Invited(B, "#secret", "alice"),
                new ChatEvent.OperUp(A, "root"),
                new ChatEvent.UserModesSet(A, "wio"),
                new ChatEvent.UserModesSet(B, ""),
                new ChatEvent.Killed(A, "Bob[away]", "spam"),
                new ChatEvent.Wallops(A, "server3 restarts at noon"),
                new ChatEvent.AccountRegistered(A, "alice", CREDENTIAL, "alice@example.org", "192.168.0.10", 11),
                new ChatEvent.AccountRegistered(B, "Bob[away]", CREDENTIAL, "", "0::1", 0),
                new ChatEvent.LoggedIn(A, "alice", 3),
                new ChatEvent.LoginFailed(B, "alice", "10.0.0.1", 12),
                new ChatEvent.LoggedOut(A, new byte[0]),
                new ChatEvent.LoggedOut(B, SESSION),
                new ChatEvent.PasswordChanged(A, CREDENTIAL),
                new ChatEvent.AccountDropped(B),
                new ChatEvent.SessionIssued(A, SESSION, 1_790_000_000_789L),
                new ChatEvent.NickRecovered(A, "Bob[away]", false),
                new ChatEvent.NickRecovered(A, "carol", true),
                new ChatEvent.NickEnforced(B, "alice"));
    }

    /** A password credential with the smallest iteration count (tests hash many). */
    static final PasswordCredential CREDENTIAL = PasswordCredential.of("pencil-sharpener",
            "salt-of-16-bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII), PasswordCredential.MIN_ITERATIONS);
    static final byte[] SESSION = PasswordCredential.sha256(new byte[] {1, 2, 3});

    /** The largest MODE: four changes whose arguments are 100 characters of 3 bytes each. */
    static ChatEvent.ModesChanged largestModes() {
        ModeChange big = new ModeChange(true, 'b', "€".repeat(ChatLimits.MAX_MASK_CHARS));
        return new ChatEvent.ModesChanged(new ClientId("s".repeat(64), Long.MAX_VALUE), "#" + "😀".repeat(49),
                List.of(big, big, big, big), Long.MAX_VALUE);
    }

    static ChatEvent.Wallops largestWallops() {
        return new ChatEvent.Wallops(new ClientId("s".repeat(64), Long.MAX_VALUE), "x".repeat(ChatLimits.MAX_TEXT_BYTES));
    }

    static MessagePosted largestMessage() {
        return new MessagePosted(new ClientId("s".repeat(64), Long.MAX_VALUE), "#" + "😀".repeat(49),
                "x".repeat(ChatLimits.MAX_TEXT_BYTES), "i".repeat(ChatLimits.MAX_ID_CHARS), Long.MAX_VALUE);
    }
}
