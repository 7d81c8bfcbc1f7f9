package org.syncnet.door.ws;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatOutcome.AccountStep;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.HistoryEntry;
import org.syncnet.chat.Member;
import org.syncnet.chat.RoomSnapshot;
import org.syncnet.door.ws.ServerFrame.Account.AccountChange;
import org.syncnet.door.ws.ServerFrame.Presence.Change;

/**
 * Turns a {@link ChatOutcome} into the frames one browser connection receives, so the endpoint only looks up its
 * connections in {@link ChatOutcome#to()} and sends. Called right after the outcome's event was applied (it reads
 * the state as that event left it, e.g. which rooms the recipient shares with someone who quit).
 * <p>
 * A message carries its client event id to the recipient who sent it, recognized by nick, so a client that
 * resumed its nick on a new connection still sees its earlier sends confirmed.
 * <p>
 * Who is away, as IRC's away-notify and 301 tell it: a change to the client and its room mates, an away joiner to
 * the room, and the away message of a private message's recipient to its sender, after the confirmation.
 */
public final class OutcomeFrames {
    private final String server;
    private final long resumeChars;

    /**
     * @param resumeChars the most a resume of one room sends beyond the room's history: it must fit the outbound
     *                    queue. After a failover at a busy moment the messages since the resume point can be many
     *                    (5 s at 1,000 msg/s are about 800 Ki characters), and the newest are kept if it is exceeded
     */
    public OutcomeFrames(String server, long resumeChars) {
        this.server = server;
        this.resumeChars = resumeChars;
    }

    /**
     * @param state      the chat state as the outcome's event left it
     * @param resumeFrom the recipient's resume point from its hello (0 if none): a room it joins or resumes comes
     *                   with the history after it
     * @param leader     the current leader, for a welcome (null if none)
     */
    public List<ServerFrame> framesFor(ChatState state, ChatOutcome outcome, ClientId recipient, long resumeFrom,
                                       String leader) {
        List<ServerFrame> out = new ArrayList<>();
        if (outcome instanceof ChatOutcome.NickAccepted o) {
            out.add(new ServerFrame.Welcome(server, leader, o.nick()));
        } else if (outcome instanceof ChatOutcome.NickResumed o) {
            if (recipient.equals(o.client())) {
                out.add(new ServerFrame.Welcome(server, leader, o.nick()));
                for (String room : o.rooms()) {
                    state.room(room, resumeFrom, resumeChars).ifPresent(r -> addRoom(out, state, r, o.nick()));
                }
            } else {
                out.add(new ServerFrame.Error(ErrorCode.REPLACED, "resumed on another connection", null));
            }
        } else if (outcome instanceof ChatOutcome.NickChanged o) {
            if (recipient.equals(o.client())) {
                out.add(new ServerFrame.Nick(o.oldNick(), o.newNick()));
            }
            for (String room : sharedRooms(state, state.roomsOf(o.client()), recipient)) {
                out.add(new ServerFrame.Presence(room, o.oldNick(), Change.NICK, o.newNick(), null));
            }
        } else if (outcome instanceof ChatOutcome.Rejected o) {
            out.add(Refusals.frame(o));
        } else if (outcome instanceof ChatOutcome.Joined o) {
            out.add(new ServerFrame.Presence(o.room(), o.member().nick(), Change.JOIN, null, null,
                    o.member().loggedIn() ? o.member().account() : null));
            if (recipient.equals(o.member().client())) {
                RoomSnapshot r = resumeFrom == 0 ? o.snapshot()
                        : state.room(o.room(), resumeFrom, resumeChars).orElse(o.snapshot());
                addRoom(out, state, r, o.member().nick());
            } else {
                addAway(out, state, o.member());
            }
        } else if (outcome instanceof ChatOutcome.Left o) {
            out.add(new ServerFrame.Presence(o.room(), o.member().nick(), Change.PART, null, o.reason()));
        } else if (outcome instanceof ChatOutcome.Quit o) {
            for (String room : sharedRooms(state, o.rooms(), recipient)) {
                out.add(new ServerFrame.Presence(room, o.member().nick(), Change.QUIT, null, o.reason()));
            }
        } else if (outcome instanceof ChatOutcome.Killed o) {
            // A server operator's KILL: to the victim's room mates it is a quit, as IRC shows it.
            for (String room : sharedRooms(state, o.rooms(), recipient)) {
                out.add(new ServerFrame.Presence(room, o.victim().nick(), Change.QUIT, null, killReason(o)));
            }
        } else if (outcome instanceof ChatOutcome.Posted o) {
            out.add(event(o.message(), state.nickOf(recipient)));
        } else if (outcome instanceof ChatOutcome.PrivateSent o) {
            boolean own = recipient.equals(o.from().client());
            out.add(new ServerFrame.Private(o.seq(), o.from().nick(), o.recipient().nick(), o.text(), o.time(),
                    own ? o.clientEventId() : null, o.notice()));
            if (own && !o.notice()) {
                addAway(out, state, o.recipient());
            }
        } else if (outcome instanceof ChatOutcome.Duplicate o && o.recipient() != null) {
            HistoryEntry m = o.original();
            out.add(new ServerFrame.Private(m.seq(), m.sender().nick(), o.recipient(), m.text(), m.time(),
                    m.clientEventId()));
            state.memberByNick(o.recipient()).ifPresent(to -> addAway(out, state, to));
        } else if (outcome instanceof ChatOutcome.Duplicate o) {
            out.add(event(o.original(), o.original().sender().nick()));
        } else if (outcome instanceof ChatOutcome.AwayChanged o) {
            out.add(new ServerFrame.Away(o.member().nick(), o.message()));
        } else if (outcome instanceof ChatOutcome.TopicChanged o) {
            out.add(new ServerFrame.Topic(o.room(), o.topic(), o.by().nick()));
        } else if (outcome instanceof ChatOutcome.ModesChanged o) {
            out.add(ChannelFrames.mode(state, o));
        } else if (outcome instanceof ChatOutcome.Kicked o) {
            out.add(new ServerFrame.Kick(o.room(), o.by().nick(), o.target().nick(), o.reason()));
        } else if (outcome instanceof ChatOutcome.Invited o) {
            out.add(new ServerFrame.Invite(o.room(), o.by().nick(), o.target().nick()));
        } else if (outcome instanceof ChatOutcome.AccountChanged o) {
            out.add(recipient.equals(o.client()) ? new ServerFrame.Account(o.member().account(), change(o.change()))
                    : new ServerFrame.MemberAccount(o.member().nick(), o.member().account()));
        } else if (outcome instanceof ChatOutcome.AccountDone o && o.step() == AccountStep.PASSWORD_CHANGED) {
            out.add(new ServerFrame.Account(o.account(), AccountChange.PASSWORD));
        }
        // AccountDone SESSION_ISSUED: the token it confirms is the recipient's session's to send (BrowserSession).
        return out;
    }

    private static AccountChange change(ChatOutcome.AccountChange change) {
        return switch (change) {
            case REGISTERED -> AccountChange.REGISTER;
            case LOGGED_IN -> AccountChange.LOGIN;
            case LOGGED_OUT -> AccountChange.LOGOUT;
            case DROPPED -> AccountChange.DROP;
        };
    }

    private static void addRoom(List<ServerFrame> out, ChatState state, RoomSnapshot r, String ownNick) {
        out.add(ChannelFrames.members(state, r));
        List<ServerFrame.Event> messages = new ArrayList<>(r.history().size());
        for (HistoryEntry e : r.history()) {
            messages.add(event(e, ownNick));
        }
        out.add(new ServerFrame.History(r.room(), messages, r.complete()));
    }

    /** An {@code away} frame for {@code member} if it is away (read now, as IRC answers 301 from its current view). */
    private static void addAway(List<ServerFrame> out, ChatState state, Member member) {
        String away = state.awayOf(member.client());
        if (!away.isEmpty()) {
            out.add(new ServerFrame.Away(member.nick(), away));
        }
    }

    static ServerFrame.Event event(HistoryEntry e, String recipientNick) {
        boolean own = recipientNick != null && Casemapping.equal(recipientNick, e.sender().nick());
        return new ServerFrame.Event(e.seq(), e.room(), e.sender().nick(), e.text(), e.time(),
                own ? e.clientEventId() : null, e.notice());
    }

    private static List<String> sharedRooms(ChatState state, List<String> rooms, ClientId recipient) {
        List<String> mine = state.roomsOf(recipient);
        List<String> shared = new ArrayList<>();
        for (String room : rooms) {
            for (String m : mine) {
                if (Casemapping.equal(room, m)) {
                    shared.add(m);
                }
            }
        }
        return shared;
    }

    /** How a KILL reads, as IRC words it: {@code Killed (op (reason))}. */
    static String killReason(ChatOutcome.Killed o) {
        return "Killed (" + o.by().nick() + (o.reason().isEmpty() ? "" : " (" + o.reason() + ")") + ")";
    }
}
