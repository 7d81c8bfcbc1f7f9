package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.chat.ChatEvent;
import org.syncnet.door.irc.wire.IrcMessage;

/** Collects what one command leads to (lines to send at once, events for the log) into an {@link IrcSession.Reply}. */
final class ReplyBuilder {
    private final List<IrcMessage> send = new ArrayList<>();
    private final List<ChatEvent> toLog = new ArrayList<>();
    private SlowCheck check;

    ReplyBuilder send(IrcMessage m) {
        send.add(m);
        return this;
    }

    ReplyBuilder send(List<IrcMessage> lines) {
        send.addAll(lines);
        return this;
    }

    ReplyBuilder log(ChatEvent e) {
        toLog.add(e);
        return this;
    }

    /** Work for the glue, whose result comes back to the session (at most one per reply). */
    ReplyBuilder check(SlowCheck slow) {
        this.check = slow;
        return this;
    }

    IrcSession.Reply build() {
        return new IrcSession.Reply(send, toLog, null, check);
    }
}
