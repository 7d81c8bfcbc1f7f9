package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.HistoryEntry;
import org.syncnet.chat.Member;
import org.syncnet.door.irc.CapNegotiation.Cap;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * Turns the outcome of a committed event into the lines one IRC connection receives, the IRC counterpart of the
 * browser's {@code OutcomeFrames}. Registration outcomes ({@code NickAccepted}, {@code NickResumed}) change the
 * session and are the session's; everything else is here.
 * <p>
 * The chat confirms a message to its sender by delivering it to the sender too; IRC clients show their own
 * messages themselves, so that confirmation is dropped unless the client negotiated {@code echo-message}.
 * Others' lines carry the sender's full {@code nick!user@host}; messages carry the chat's time stamp as the
 * {@code time} tag when the client negotiated {@code server-time}, and the sender's account as the {@code account}
 * tag with {@code account-tag} (for a room message, its recipients share four encodings at most); a join is
 * {@code JOIN #room <account|*> :<real name>} with {@code extended-join}. With {@code away-notify}, a room mate's
 * change of away message is an {@code AWAY} line, and so is the away message of an away user who joins.
 * <p>
 * A client that joins a room gets, after the JOIN, topic and NAMES, the room's last {@code joinHistoryLines}
 * messages as they were sent live (from their senders' masks of the time, tagged with their own times), its own
 * earlier messages included: they are history now, not echoes.
 * <p>
 * Channel operators' outcomes (MODE, KICK, INVITE) are {@link ModerationLines}', the state's channel refusals
 * {@link ChannelRefusals}'.
 */
final class OutcomeLines {
    private final ClientId me;
    private final Replies replies;
    private final CapNegotiation caps;
    private final ChannelQueries channels;
    private final int joinHistoryLines;
    private final ModerationLines moderation;
    private final ChannelRefusals channelRefusals;

    /** @param joinHistoryLines how many of a room's last messages a join replays (0: none) */
    OutcomeLines(ClientId me, Replies replies, CapNegotiation caps, ChannelQueries channels, int joinHistoryLines) {
        this.me = me;
        this.replies = replies;
        this.caps = caps;
        this.channels = channels;
        this.joinHistoryLines = joinHistoryLines;
        this.moderation = new ModerationLines(me, replies, caps);
        this.channelRefusals = new ChannelRefusals(replies);
    }

    List<IrcMessage> lines(ChatOutcome outcome, ChatState state) {
        if (outcome instanceof ChatOutcome.Joined o) {
            return joined(o, state);
        } else if (outcome instanceof ChatOutcome.Left o) {
            return List.of(o.reason().isEmpty() ? IrcMessage.of(o.member().mask(), "PART", o.room())
                    : IrcMessage.of(o.member().mask(), "PART", o.room(), o.reason()));
        } else if (outcome instanceof ChatOutcome.Quit o) {
            return List.of(IrcMessage.of(o.member().mask(), "QUIT", o.reason()));
        } else if (outcome instanceof ChatOutcome.NickChanged o) {
            return List.of(IrcMessage.of(o.before().mask(), "NICK", o.newNick()));
        } else if (outcome instanceof ChatOutcome.TopicChanged o) {
            return List.of(IrcMessage.of(o.by().mask(), "TOPIC", o.room(), o.topic()));
        } else if (outcome instanceof ChatOutcome.Posted o) {
            return posted(o.message());
        } else if (outcome instanceof ChatOutcome.PrivateSent o) {
            return privateSent(o, state);
        } else if (outcome instanceof ChatOutcome.AwayChanged o) {
            return awayChanged(o);
        } else if (outcome instanceof ChatOutcome.Rejected o) {
            return rejected(o);
        } else if (outcome instanceof ChatOutcome.UserModesChanged o) {
            return userModes(o);
        } else if (outcome instanceof ChatOutcome.Killed o) {
            return List.of(IrcMessage.of(o.victim().mask(), "QUIT", killReason(o)));  // the victim's is the session's
        } else if (outcome instanceof ChatOutcome.WallopsSent o) {
            return List.of(IrcMessage.of(o.from().mask(), "WALLOPS", o.text()));
        } else if (outcome instanceof ChatOutcome.ModesChanged o) {
            return moderation.modesChanged(o);
        } else if (outcome instanceof ChatOutcome.Kicked o) {
            return moderation.kicked(o);
        } else if (outcome instanceof ChatOutcome.Invited o) {
            return moderation.invited(o, state);
        }
        return List.of();  // Duplicate: IRC clients do not resend, and a resend needs no answer
    }

    private List<IrcMessage> joined(ChatOutcome.Joined o, ChatState state) {
        List<IrcMessage> out = new ArrayList<>();
        Member m = o.member();
        if (caps.has(Cap.EXTENDED_JOIN)) {  // JOIN #room <account|*> :<real name>
            String realname = state.profile(m.client()).map(ChatState.Profile::realname).orElse("");
            out.add(IrcMessage.of(m.mask(), "JOIN", o.room(), m.loggedIn() ? m.account() : "*", realname));
        } else {
            out.add(IrcMessage.of(m.mask(), "JOIN", o.room()));
        }
        String away = state.awayOf(m.client());
        if (!away.isEmpty() && !m.client().equals(me) && caps.has(Cap.AWAY_NOTIFY)) {
            out.add(IrcMessage.of(m.mask(), "AWAY", away));  // away-notify: a joiner who is away says so at once
        }
        if (o.member().client().equals(me)) {
            if (!o.snapshot().topic().isEmpty()) {
                out.add(channels.topicReply(o.room(), o.snapshot().topic()));
            }
            out.addAll(channels.names(o.room(), o.snapshot(), state));
            history(o.room(), o.snapshot().history(), out);
        }
        return out;
    }

    /** The last {@link #joinHistoryLines} of the messages {@code held} (oldest first) to {@code out}. */
    private void history(String room, List<HistoryEntry> held, List<IrcMessage> out) {
        for (HistoryEntry e : held.subList(Math.max(0, held.size() - joinHistoryLines), held.size())) {
            out.add(message(e.sender(), room, e.text(), e.time(), e.notice()));
        }
    }

    private List<IrcMessage> posted(HistoryEntry m) {
        MessageForm form = postedForm(m);
        return form == null ? List.of() : List.of(form.line(m));
    }

    /** The form in which the room message {@code m} reaches this connection; null for none (its sender's own copy). */
    MessageForm postedForm(HistoryEntry m) {
        return m.sender().client().equals(me) && !caps.has(Cap.ECHO_MESSAGE) ? null : form(m.sender());
    }

    /**
     * To the recipient: the message. To the sender: its echo if negotiated, and 301 if the recipient is away (the
     * state is read now, as servers answer from their current view; not for a notice, which gets no replies).
     */
    private List<IrcMessage> privateSent(ChatOutcome.PrivateSent o, ChatState state) {
        List<IrcMessage> out = new ArrayList<>();
        boolean toMe = o.recipient().client().equals(me);
        boolean fromMe = o.from().client().equals(me);
        if (toMe || caps.has(Cap.ECHO_MESSAGE)) {
            out.add(message(o.from(), o.recipient().nick(), o.text(), o.time(), o.notice()));
        }
        if (fromMe && !o.notice()) {
            state.profile(o.recipient().client()).filter(p -> !p.away().isEmpty()).ifPresent(p ->
                    out.add(replies.numeric(IrcNumeric.RPL_AWAY, p.member().nick(), p.away())));
        }
        return out;
    }

    /**
     * To the client itself, 306 or 305. To a room mate with away-notify, {@code :nick!u@h AWAY :message}, or
     * {@code AWAY} without a parameter when it came back; without the capability, nothing.
     */
    private List<IrcMessage> awayChanged(ChatOutcome.AwayChanged o) {
        if (o.client().equals(me)) {
            return List.of(replies.standard(o.message().isEmpty() ? IrcNumeric.RPL_UNAWAY : IrcNumeric.RPL_NOWAWAY));
        } else if (!caps.has(Cap.AWAY_NOTIFY)) {
            return List.of();
        }
        return List.of(o.message().isEmpty() ? IrcMessage.of(o.member().mask(), "AWAY")
                : IrcMessage.of(o.member().mask(), "AWAY", o.message()));
    }

    /** The quit reason of a killed client, as ircds word it. */
    static String killReason(ChatOutcome.Killed o) {
        return "Killed (" + o.by().nick() + " (" + o.reason() + "))";
    }

    /** The client's own user modes changed: 381 first when it just became an operator, then the MODE line. */
    private List<IrcMessage> userModes(ChatOutcome.UserModesChanged o) {
        List<IrcMessage> out = new ArrayList<>(2);
        String change = (o.added().isEmpty() ? "" : "+" + o.added()) + (o.removed().isEmpty() ? "" : "-" + o.removed());
        if (o.added().indexOf('o') >= 0 || change.isEmpty()) {  // empty: an OPER by one who already is
            out.add(replies.standard(IrcNumeric.RPL_YOUREOPER));
        }
        if (!change.isEmpty()) {
            out.add(IrcMessage.of(o.member().nick(), "MODE", o.member().nick(), change));
        }
        return out;
    }

    private IrcMessage message(Member from, String target, String text, long time, boolean notice) {
        return form(from).line(from, target, text, time, notice);
    }

    /** Tagged with {@code time} with server-time, with {@code account} (the sender's, if logged in) with account-tag. */
    private MessageForm form(Member from) {
        return MessageForm.of(caps.has(Cap.SERVER_TIME), from.loggedIn() && caps.has(Cap.ACCOUNT_TAG));
    }

    /**
     * A refused event as the numeric IRC uses for it. A refused NOTICE gets nothing (recognized by its event id);
     * codes IRC has no numeric for are told as a server NOTICE.
     */
    private List<IrcMessage> rejected(ChatOutcome.Rejected o) {
        if (EventIds.isNotice(o.clientEventId())) {
            return List.of();
        }
        IrcMessage channel = channelRefusals.line(o);
        if (channel != null) {
            return List.of(channel);
        }
        String detail = o.detail() == null ? "" : o.detail();
        IrcMessage line = switch (o.code()) {
            case NICK_IN_USE -> replies.standard(IrcNumeric.ERR_NICKNAMEINUSE, detail);
            case BAD_NICK -> replies.standard(IrcNumeric.ERR_ERRONEUSNICKNAME, detail);
            case BAD_ROOM -> replies.standard(IrcNumeric.ERR_NOSUCHCHANNEL, detail);
            case NOT_IN_ROOM -> o.clientEventId() != null ? replies.standard(IrcNumeric.ERR_CANNOTSENDTOCHAN, detail)
                    : replies.standard(IrcNumeric.ERR_NOTONCHANNEL, detail);
            case NO_SUCH_NICK -> replies.standard(IrcNumeric.ERR_NOSUCHNICK, detail);
            case TOO_MANY_ROOMS -> replies.standard(IrcNumeric.ERR_TOOMANYCHANNELS, detail);
            case ROOM_LIMIT -> replies.numeric(IrcNumeric.ERR_TOOMANYCHANNELS, detail,
                    "Too many channels exist on this network");
            case NOT_REGISTERED -> replies.standard(IrcNumeric.ERR_NOTREGISTERED);
            case BAD_TEXT -> replies.standard(IrcNumeric.ERR_NOTEXTTOSEND);
            case NOT_PRIVILEGED -> replies.standard(IrcNumeric.ERR_NOPRIVILEGES);
            default -> replies.command("NOTICE", replies.target(), "*** " + describe(o.code()) + ": " + detail);
        };
        return List.of(line);
    }

    private static String describe(ErrorCode code) {
        return code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
