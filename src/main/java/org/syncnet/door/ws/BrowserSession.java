package org.syncnet.door.ws;

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
 * Registration: {@code hello} sends a nick claim and the session waits for the log's verdict; until it is
 * accepted, only a new {@code hello} after a refusal is allowed. Every frame costs a token of the connection's
 * {@link TokenBucket}. Time is passed in (no clock), and the session is driven by one thread at a time.
 */
public final class BrowserSession {
    /** What a frame leads to: events to submit to the log, frames to send back at once. */
    public record Result(List<ChatEvent> toLog, List<ServerFrame> reply) {
        static Result log(ChatEvent e) {
            return new Result(List.of(e), List.of());
        }

        static Result error(ErrorCode code, String message, String id) {
            return new Result(List.of(), List.of(new ServerFrame.Error(code, message, id)));
        }
    }

    /** Frames in a row refused for the rate limit before the session is closed. */
    static final int FLOOD_STRIKES = 20;
    private static final int PENDING_JOINS = 2 * ChatLimits.MAX_ROOMS_PER_CLIENT;

    private enum Phase { NEW, CLAIMING, REGISTERED, CLOSED }

    private final ClientId id;
    private final TokenBucket bucket;
    private final ClientFrameDecoder decoder;
    /** A browser user is {@code nick!web@server}: the server it is connected to, not its address. */
    private final Identity identity;
    private Phase phase = Phase.NEW;
    private ErrorCode closedBy = ErrorCode.RATE_LIMITED;
    /** The hello's resume point, for the rooms a session resume brings back. */
    private long resumeFrom;
    /** The protocol version of the last hello (before one: the first). */
    private int version = ClientFrame.Hello.FIRST_VERSION;
    private int strikes;
    /** Resume points of joins sent to the log and not yet applied, by folded room name. */
    private final Map<String, Long> pendingJoins = new HashMap<>();

    public BrowserSession(ClientId id, TokenBucket bucket, ClientFrameDecoder decoder) {
        this.identity = new Identity(Identity.WEB_USER,
                ChatLimits.isValidHost(id.server()) ? id.server() : Identity.WEB_USER, "");
        this.id = id;
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
            return new Result(List.of(), List.of());
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
            frame = decoder.decode(text);
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
                    phase == Phase.CLAIMING ? "waiting for the nick" : "send hello first", messageId);
        }
        long time = Math.max(0, nowMillis);  // a room's creation, a message's, a ban's: the log refuses negatives
        if (frame instanceof ClientFrame.Join j) {
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
        }
        throw new IllegalStateException("unhandled frame " + frame);
    }

    private Result hello(ClientFrame.Hello h) {
        if (phase == Phase.REGISTERED) {
            return Result.error(ErrorCode.ALREADY_REGISTERED, "already registered", null);
        }
        if (phase == Phase.CLAIMING) {
            return Result.error(ErrorCode.NOT_REGISTERED, "waiting for the nick", null);
        }
        phase = Phase.CLAIMING;
        resumeFrom = h.resumeFrom().orElse(0);
        version = h.version();
        return Result.log(new ChatEvent.NickClaimed(id, h.nick(), h.session(), identity));
    }

    /** Whether the client reads several objects to a frame, one per line (protocol version 2, see {@link FrameLines}). */
    public boolean readsLines() {
        return version >= ClientFrame.Hello.LINES_VERSION;
    }

    /** The frames as the client's protocol version has them ({@link OlderVersions}). */
    private List<ServerFrame> forVersion(List<ServerFrame> frames) {
        return version >= ClientFrame.Hello.MODERATION_VERSION ? frames : OlderVersions.downgrade(frames);
    }

    /** The frames for an outcome that names this connection in {@link ChatOutcome#to()}; updates registration. */
    public List<ServerFrame> onOutcome(ChatOutcome outcome, ChatState state, OutcomeFrames frames, String leader) {
        if (phase == Phase.CLOSED) {
            return List.of();
        }
        if (outcome instanceof ChatOutcome.NickAccepted o && o.client().equals(id)) {
            phase = Phase.REGISTERED;
        } else if (outcome instanceof ChatOutcome.NickResumed o) {
            phase = o.client().equals(id) ? Phase.REGISTERED : Phase.CLOSED;
            closedBy = ErrorCode.REPLACED;
        } else if (outcome instanceof ChatOutcome.Killed o && o.victim().client().equals(id)) {
            phase = Phase.CLOSED;
            closedBy = ErrorCode.KILLED;
            return List.of(new ServerFrame.Error(ErrorCode.KILLED, OutcomeFrames.killReason(o), null));
        } else if (outcome instanceof ChatOutcome.Rejected o && o.client().equals(id) && phase == Phase.CLAIMING
                && o.code() == ErrorCode.NICK_IN_USE) {
            phase = Phase.NEW;  // may try another nick
        }
        long from = 0;
        if (outcome instanceof ChatOutcome.NickResumed) {
            from = resumeFrom;
        } else if (outcome instanceof ChatOutcome.Joined j && j.member().client().equals(id)) {
            Long pending = pendingJoins.remove(Casemapping.fold(j.room()));
            from = pending == null ? 0 : pending;
        } else if (outcome instanceof ChatOutcome.Rejected r && r.client().equals(id)) {
            pendingJoins.remove(Casemapping.fold(r.detail()));  // a refused join (its detail is the room)
        }
        return forVersion(frames.framesFor(state, outcome, id, from, leader));
    }
}
