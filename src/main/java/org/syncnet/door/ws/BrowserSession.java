package org.syncnet.door.ws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.Identity;
import org.syncnet.chat.TokenBucket;

/**
 * One browser connection's protocol state, so the WebSocket endpoint only moves text: a frame goes in and comes
 * out as events for the log and/or an immediate reply; outcomes of committed events go in and come out as frames.
 * Registration: {@code hello} is first checked against the accounts (is its nick registered, does it log in), then
 * sends a nick claim and the session waits for the log's verdict; until it is accepted, only a new {@code hello}
 * after a refusal is allowed. Account frames are checked the same way ({@link BrowserAccount}). Every frame costs a
 * token of the connection's {@link TokenBucket}. Time is passed in (no clock), and the session is driven by one
 * thread at a time.
 */
public final class BrowserSession {
    /**
     * What a frame leads to: events to submit to the log, frames to send back (after those events are applied), and
     * a check of the accounts to run first, whose verdict goes to {@link #onVerified} (null: none).
     */
    public record Result(List<ChatEvent> toLog, List<ServerFrame> reply, AccountCheck check) {
        static final Result NONE = new Result(List.of(), List.of());

        public Result(List<ChatEvent> toLog, List<ServerFrame> reply) {
            this(toLog, reply, null);
        }

        static Result log(ChatEvent e) {
            return new Result(List.of(e), List.of());
        }

        static Result error(ErrorCode code, String message, String id) {
            return new Result(List.of(), List.of(new ServerFrame.Error(code, message, id)));
        }

        static Result check(AccountCheck check) {
            return new Result(List.of(), List.of(), check);
        }
    }

    /** Frames in a row refused for the rate limit before the session is closed. */
    static final int FLOOD_STRIKES = 20;
    private static final int PENDING_JOINS = 2 * ChatLimits.MAX_ROOMS_PER_CLIENT;

    /** CHECKING: a hello's check of the accounts runs; CLAIMING: its claim is in the log's hands. */
    private enum Phase { NEW, CHECKING, CLAIMING, REGISTERED, CLOSED }

    private final ClientId id;
    private final TokenBucket bucket;
    private final ClientFrameDecoder decoder;
    /** A browser user is {@code nick!web@server}: the server it is connected to, not its address. */
    private final Identity identity;
    private final BrowserAccount account;
    private Phase phase = Phase.NEW;
    /** The nick the client holds, as the log last said; null before the welcome. */
    private String nick;
    private ErrorCode closedBy = ErrorCode.RATE_LIMITED;
    /** The hello's resume point, for the rooms a session resume brings back. */
    private long resumeFrom;
    /** The protocol version of the last hello (before one: the first). */
    private int version = ClientFrame.Hello.FIRST_VERSION;
    private int strikes;
    /** Resume points of joins sent to the log and not yet applied, by folded room name. */
    private final Map<String, Long> pendingJoins = new HashMap<>();

    /** @param address where the browser connects from (see {@link BrowserAccount}) */
    public BrowserSession(ClientId id, String address, TokenBucket bucket, ClientFrameDecoder decoder) {
        this.identity = new Identity(Identity.WEB_USER,
                ChatLimits.isValidHost(id.server()) ? id.server() : Identity.WEB_USER, "");
        this.id = id;
        this.account = new BrowserAccount(id, address);
        this.bucket = bucket;
        this.decoder = decoder;
    }

    public ClientId id() {
        return id;
    }

    /** Welcomed: the nick is this connection's. */
    public boolean isRegistered() {
        return phase == Phase.REGISTERED;
    }

    /** Closed: the nick was resumed on another connection, or the client flooded; the endpoint closes it. */
    public boolean isClosed() {
        return phase == Phase.CLOSED;
    }

    /** Why the session closed: REPLACED, KILLED or RATE_LIMITED (flooding); null while it is open. */
    public ErrorCode closedBy() {
        return phase == Phase.CLOSED ? closedBy : null;
    }

    /**
     * @param nowNanos  monotonic time for the rate limit
     * @param nowMillis wall-clock time a message is stamped with
     */
    public Result onText(String text, long nowNanos, long nowMillis) {
        if (phase == Phase.CLOSED) {
            return Result.NONE;
        }
        // The token is taken before decoding, so garbage costs tokens too; a client that keeps sending over its
        // limit is closed rather than answered forever.
        boolean allowed = bucket.tryTake(nowNanos);
        strikes = allowed ? 0 : strikes + 1;
        if (strikes > FLOOD_STRIKES) {
            phase = Phase.CLOSED;
            return Result.error(ErrorCode.RATE_LIMITED, "flooding: disconnected", null);
        }
        ClientFrame frame;
        try {
            // Before a hello the client's version is not known: anything but a hello is refused as not registered.
            frame = decoder.decode(text, phase == Phase.NEW ? ClientFrame.Hello.LATEST_VERSION : version);
        } catch (ProtocolException e) {
            return new Result(List.of(), forVersion(List.of(allowed ? e.toFrame()
                    : new ServerFrame.Error(ErrorCode.RATE_LIMITED, "slow down", null))));
        }
        String messageId = frame instanceof ClientFrame.Message m ? m.id()
                : frame instanceof ClientFrame.Private p ? p.id() : null;
        if (!allowed) {
            return Result.error(ErrorCode.RATE_LIMITED, "slow down; resend later", messageId);
        }
        if (frame instanceof ClientFrame.Hello h) {
            return hello(h);
        }
        if (phase != Phase.REGISTERED) {
            return Result.error(ErrorCode.NOT_REGISTERED,
                    phase == Phase.NEW ? "send hello first" : "waiting for the nick", messageId);
        }
        long time = Math.max(0, nowMillis);  // a room's creation, a message's, a ban's: the log refuses negatives
        if (isAccountFrame(frame)) {
            return version >= ClientFrame.Hello.ACCOUNTS_VERSION ? account.onFrame(frame, nick)
                    : Result.error(ErrorCode.UNKNOWN_TYPE, "unknown frame type", null);  // as older versions had it
        } else if (frame instanceof ClientFrame.Join j) {
            if (pendingJoins.size() >= PENDING_JOINS) {
                pendingJoins.clear();  // joins that got no outcome (already a member): forget, stay bounded
            }
            j.resumeFrom().ifPresent(from -> pendingJoins.put(Casemapping.fold(j.room()), from));
            return Result.log(new ChatEvent.RoomJoined(id, j.room(), j.key(), time));
        } else if (frame instanceof ClientFrame.Part p) {
            return Result.log(new ChatEvent.RoomLeft(id, p.room(), p.reason()));
        } else if (frame instanceof ClientFrame.Message m) {
            return Result.log(new ChatEvent.MessagePosted(id, m.room(), m.text(), m.id(), time));
        } else if (frame instanceof ClientFrame.Private p) {
            return Result.log(new ChatEvent.PrivateMessage(id, p.to(), p.text(), p.id(), time));
        } else if (frame instanceof ClientFrame.Topic t) {
            return Result.log(new ChatEvent.TopicSet(id, t.room(), t.topic()));
        } else if (frame instanceof ClientFrame.Mode m) {
            return Result.log(new ChatEvent.ModesChanged(id, m.room(), m.changes(), time));
        } else if (frame instanceof ClientFrame.Kick k) {
            return Result.log(new ChatEvent.Kicked(id, k.room(), k.nick(), k.reason()));
        } else if (frame instanceof ClientFrame.Invite i) {
            return Result.log(new ChatEvent.Invited(id, i.room(), i.nick()));
        } else if (frame instanceof ClientFrame.Nick n) {
            // As IRC's NICK after registration: a claim, which renames (the resume session stays the client's).
            return n.nick().equals(nick) ? Result.NONE
                    : Result.log(new ChatEvent.NickClaimed(id, n.nick(), "", identity));
        } else if (frame instanceof ClientFrame.Away a) {
            return Result.log(new ChatEvent.AwaySet(id, a.message()));
        }
        throw new IllegalStateException("unhandled frame " + frame);
    }

    private static boolean isAccountFrame(ClientFrame f) {
        return f instanceof ClientFrame.Register || f instanceof ClientFrame.Login || f instanceof ClientFrame.Logout
                || f instanceof ClientFrame.ChangePassword || f instanceof ClientFrame.DropAccount
                || f instanceof ClientFrame.Recover;
    }

    private Result hello(ClientFrame.Hello h) {
        if (phase == Phase.REGISTERED) {
            return Result.error(ErrorCode.ALREADY_REGISTERED, "already registered", null);
        }
        if (phase != Phase.NEW) {
            return Result.error(ErrorCode.NOT_REGISTERED, "waiting for the nick", null);
        }
        phase = Phase.CHECKING;
        resumeFrom = h.resumeFrom().orElse(0);
        version = h.version();
        return Result.check(new AccountCheck.Hello(h, account.address()));
    }

    /**
     * The verdict on a check a frame asked for: a hello's nick is claimed (and logged in to, if the hello brings a
     * password or token) or refused, an account frame's events logged or refused.
     */
    public Result onVerified(AccountCheck check, AccountVerdict verdict, long nowMillis) {
        if (phase == Phase.CLOSED) {
            return Result.NONE;
        }
        long time = Math.max(0, nowMillis);
        if (!(check instanceof AccountCheck.Hello h)) {
            return account.verified(check, verdict, time);
        }
        List<ChatEvent> toLog = new ArrayList<>();
        if (verdict instanceof AccountVerdict.Guest) {
            toLog.add(claim(h.hello()));
        } else if (verdict instanceof AccountVerdict.LoggedIn v) {
            toLog.add(claim(h.hello()));
            toLog.addAll(account.logIn(v, h.hello().token(), time));
        } else {
            phase = Phase.NEW;  // claims nothing; may try again
            return account.refusal(verdict, time);
        }
        phase = Phase.CLAIMING;
        return new Result(toLog, List.of());
    }

    private ChatEvent claim(ClientFrame.Hello h) {
        return new ChatEvent.NickClaimed(id, h.nick(), h.session(), identity);
    }

    /** An event of a result did not reach the log (no leader, or closed); see {@link BrowserAccount#notLogged}. */
    public void notLogged(ChatEvent e) {
        account.notLogged(e);
    }

    /** Whether the client reads several objects to a frame, one per line (protocol version 2, see {@link FrameLines}). */
    public boolean readsLines() {
        return version >= ClientFrame.Hello.LINES_VERSION;
    }

    /** The frames as the client's protocol version has them ({@link OlderVersions}). */
    private List<ServerFrame> forVersion(List<ServerFrame> frames) {
        return version >= ClientFrame.Hello.LATEST_VERSION ? frames : OlderVersions.downgrade(frames, version);
    }

    /** The frames for an outcome that names this connection in {@link ChatOutcome#to()}; updates registration. */
    public List<ServerFrame> onOutcome(ChatOutcome outcome, ChatState state, OutcomeFrames frames, String leader) {
        if (phase == Phase.CLOSED) {
            return List.of();
        }
        if (outcome instanceof ChatOutcome.Rejected r && r.client().equals(id) && r.code() == ErrorCode.NOT_REGISTERED
                && phase != Phase.REGISTERED) {
            return List.of();  // an event chained to a refused claim: the client heard of the claim's refusal
        }
        List<ServerFrame> instead = account.onOutcome(outcome);
        if (instead != null) {
            return forVersion(instead);
        }
        if (outcome instanceof ChatOutcome.NickAccepted o && o.client().equals(id)) {
            phase = Phase.REGISTERED;
            nick = o.nick();
        } else if (outcome instanceof ChatOutcome.NickResumed o) {
            phase = o.client().equals(id) ? Phase.REGISTERED : Phase.CLOSED;
            closedBy = ErrorCode.REPLACED;
            nick = o.nick();
        } else if (outcome instanceof ChatOutcome.NickChanged o && o.client().equals(id)) {
            nick = o.newNick();
        } else if (outcome instanceof ChatOutcome.Killed o && o.victim().client().equals(id)) {
            phase = Phase.CLOSED;
            closedBy = ErrorCode.KILLED;
            return List.of(new ServerFrame.Error(ErrorCode.KILLED, OutcomeFrames.killReason(o), null));
        } else if (outcome instanceof ChatOutcome.Rejected o && o.client().equals(id) && phase == Phase.CLAIMING
                && o.code() == ErrorCode.NICK_IN_USE) {
            phase = Phase.NEW;  // may try another nick
            account.claimRefused();
        }
        long from = 0;
        if (outcome instanceof ChatOutcome.NickResumed) {
            from = resumeFrom;
        } else if (outcome instanceof ChatOutcome.Joined j && j.member().client().equals(id)) {
            Long pending = pendingJoins.remove(Casemapping.fold(j.room()));
            from = pending == null ? 0 : pending;
        } else if (outcome instanceof ChatOutcome.Rejected r && r.client().equals(id) && r.detail() != null) {
            pendingJoins.remove(Casemapping.fold(r.detail()));  // a refused join (its detail is the room)
        }
        return forVersion(frames.framesFor(state, outcome, id, from, leader));
    }
}
