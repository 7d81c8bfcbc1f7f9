package org.syncnet.door.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatOutcome.Rejected;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.ErrorCode;

/** The refusals {@link ModerationFramesTest} does not reach through the chat state, and odd details. */
class RefusalsTest {
    private static final ClientId A = new ClientId("server1", 1);

    private static ServerFrame.Error frame(ErrorCode code, String detail) {
        return Refusals.frame(new Rejected(A, code, detail));
    }

    @Test
    void listsKeysAndPrivileges() {
        assertEquals(new ServerFrame.Error(ErrorCode.LIST_FULL, "the ban list of #a is full", null, "#a", null),
                frame(ErrorCode.LIST_FULL, "#a b"));
        assertEquals(new ServerFrame.Error(ErrorCode.LIST_FULL, "the invite exception list of #a is full", null, "#a",
                null), frame(ErrorCode.LIST_FULL, "#a I"));
        assertEquals(new ServerFrame.Error(ErrorCode.INVALID_MODE_ARGUMENT,
                "mode k needs a key: 1-23 characters, no space, comma or colon", null, "#a", null),
                frame(ErrorCode.INVALID_MODE_ARGUMENT, "#a k *"), "a missing argument is *");
        assertEquals(new ServerFrame.Error(ErrorCode.INVALID_MODE_ARGUMENT,
                "mode o needs the nick of a member", null, "#a", null), frame(ErrorCode.INVALID_MODE_ARGUMENT, "#a o *"));
        assertEquals(new ServerFrame.Error(ErrorCode.NOT_PRIVILEGED, "only server operators may use KILL", null, null,
                null), frame(ErrorCode.NOT_PRIVILEGED, "KILL"));
        assertEquals(new ServerFrame.Error(ErrorCode.TOO_MANY_ROOMS, "cannot join #a: you are in 20 rooms already", null,
                "#a", null), frame(ErrorCode.TOO_MANY_ROOMS, "#a"));
    }

    @Test
    void aDetailOfAnotherShapeIsShownAsItIs() {
        assertEquals(new ServerFrame.Error(ErrorCode.NOT_IN_THAT_ROOM, "bob", null), frame(ErrorCode.NOT_IN_THAT_ROOM, "bob"));
        assertEquals(new ServerFrame.Error(ErrorCode.LIST_FULL, "#a", null), frame(ErrorCode.LIST_FULL, "#a"));
        assertEquals(new ServerFrame.Error(ErrorCode.NOT_REGISTERED, "no nick, or already gone", "m1"),
                Refusals.frame(new Rejected(A, ErrorCode.NOT_REGISTERED, "no nick, or already gone", "m1")));
    }

    @Test
    void accounts() {
        assertEquals(new ServerFrame.Error(ErrorCode.NICK_REGISTERED,
                "the nick alice is registered; log in with its password", null, null, "alice"),
                frame(ErrorCode.NICK_REGISTERED, "alice"));
        assertEquals(new ServerFrame.Error(ErrorCode.LOGIN_THROTTLED, "too many failed logins: try again in 4 s", null),
                Refusals.frame(ErrorCode.LOGIN_THROTTLED, "4", null));
        assertEquals(new ServerFrame.Error(ErrorCode.ACCOUNT_REQUIRED,
                "log in or register first: only logged-in users may chat here", "m1", "#a", null),
                Refusals.frame(new Rejected(A, ErrorCode.ACCOUNT_REQUIRED, "#a", "m1")));
        assertEquals(new ServerFrame.Error(ErrorCode.ACCOUNT_REQUIRED,
                "log in or register first: only logged-in users may chat here", "m2"),
                Refusals.frame(new Rejected(A, ErrorCode.ACCOUNT_REQUIRED, null, "m2")), "no detail: no room");
        assertEquals(new ServerFrame.Error(ErrorCode.LOGIN_FAILED, "login to alice failed: its password changed meanwhile",
                null), frame(ErrorCode.LOGIN_FAILED, "alice"));
    }
}
