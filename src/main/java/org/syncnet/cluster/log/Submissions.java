package org.syncnet.cluster.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.syncnet.cluster.log.entry.ClientEventKey;
import org.syncnet.cluster.log.entry.LogEntry;
import org.syncnet.cluster.log.entry.PartKey;
import org.syncnet.cluster.wire.Forward;

/**
 * This server's side of getting client events into the log: it splits an event into parts, keeps every part until
 * it sees it committed (DESIGN invariant 6), and hands the parts to whoever leads: straight into the log when this
 * server leads, else as {@link Forward}s, everything again at once after a leader change and the rest after the
 * retry interval. The leader deduplicates by (client id, client event id, part), so every retry is idempotent, and
 * orders a part only after the part of its client that this server holds before it, so every client's events keep the
 * order it sent them in, through lost datagrams and leader changes.
 * <p>
 * A server that cannot reach the leader (a one-way cut, a bad link) forwards through a peer that relays
 * ({@link Route}).
 * <p>
 * Forwards are ack-clocked, like the leader's appends: while the last Forward is not yet seen in the log, new events
 * wait, and go together in the next one once it is (or after the retry interval, if it was lost). A lone event goes
 * at once; under load one datagram carries many, and the leader receives, authenticates and decodes far fewer.
 */
public final class Submissions {
    /** The largest client event payload: {@link LogEntry#MAX_PARTS} entries' worth (16 KiB). */
    public static final int MAX_EVENT_BYTES = LogEntry.MAX_PARTS * LogEntry.MAX_PAYLOAD;

    /** Body bytes a Forward may use: as for an Append, the datagram limit minus the largest header and the MAC. */
    static final int FORWARD_BODY_BUDGET = ReplicatedLog.APPEND_BODY_BUDGET;

    private final PendingSubmissions pending = new PendingSubmissions();
    private final long retryMillis;
    /** The leader and epoch pending events were last forwarded to: a change sends them all again at once. */
    private String forwardedTo;
    private long forwardedEpoch = -1;
    /** The last part of the last Forward sent, until the log holds it; null when nothing is in flight. */
    private PartKey inFlight;
    private long inFlightSince;

    /** @param retryMillis how often an unconfirmed part is forwarded again */
    public Submissions(long retryMillis) {
        this.retryMillis = retryMillis;
    }

    /**
     * Accepts a client event unless too many wait already; a part the log already committed (a late retry of an
     * event this server saw through) is not kept again.
     *
     * @return false if there was no room (push back on the client)
     * @throws IllegalArgumentException if the client id is empty or over 64 bytes of UTF-8, or the payload is over
     *                                  {@link #MAX_EVENT_BYTES}
     */
    public boolean add(String clientId, long clientEventId, byte[] payload, ReplicatedLog log) {
        validate(clientId, payload);
        int parts = Math.max(1, (payload.length + LogEntry.MAX_PAYLOAD - 1) / LogEntry.MAX_PAYLOAD);
        if (!pending.hasRoom(parts)) {
            return false;
        }
        ClientEventKey event = new ClientEventKey(clientId, clientEventId);
        for (int i = 0; i < parts; i++) {
            PartKey key = new PartKey(event, i);
            if (!log.isCommitted(key)) {
                int from = i * LogEntry.MAX_PAYLOAD;
                pending.add(key, parts, Arrays.copyOfRange(payload, from,
                        Math.min(payload.length, from + LogEntry.MAX_PAYLOAD)));
            }
        }
        return true;
    }

    /** @throws IllegalArgumentException as {@link #add} */
    public static void validate(String clientId, byte[] payload) {
        if (clientId == null || clientId.isEmpty() || clientId.getBytes(StandardCharsets.UTF_8).length > 64) {
            throw new IllegalArgumentException("client id must be 1..64 bytes of UTF-8");
        }
        if (payload.length > MAX_EVENT_BYTES) {
            throw new IllegalArgumentException("payload over " + MAX_EVENT_BYTES + " bytes");
        }
    }

    /** The log committed this entry: its part need not be kept or forwarded any longer. */
    public void committed(LogEntry e) {
        pending.committed(e.partKey());
    }

    /**
     * How forwards reach the leader: {@code leader} (itself when this server leads, null when none), and a peer that
     * relays to it ({@code relay}, or null). First sends go straight to the leader if {@code direct}, else through the
     * relay; a part sent again goes both ways, since either way may be the one that is cut.
     */
    public record Route(String leader, String relay, boolean direct) {
        String first() {
            return direct || relay == null ? leader : relay;
        }

        /** Where a datagram holding parts sent before also goes, or null. */
        String again() {
            return relay == null ? null : direct ? relay : leader;
        }
    }

    /**
     * Hands what is due to the leader.
     *
     * @param serving whether the leader says it serves (a follower forwards nothing before)
     * @param epoch   the leader's epoch
     */
    public void forward(String self, Route route, boolean serving, long epoch, ReplicatedLog log, long now,
                        ReplicatedLog.Outlet out) {
        String leader = route.leader();
        if (pending.size() == 0 || leader == null) {
            return;
        }
        if (leader.equals(self) ? !log.isReady() : !serving) {
            return;
        }
        if (!leader.equals(forwardedTo) || epoch != forwardedEpoch) {
            // A new leader, this server included: what the old one was sent may be lost with it, and a part sent
            // lately must not wait for its retry interval while newer parts of its client go first.
            forwardedTo = leader;
            forwardedEpoch = epoch;
            pending.resendAll();
            inFlight = null;
        }
        if (leader.equals(self)) {
            for (PendingSubmissions.Pending p : pending.due(now, retryMillis)) {
                log.order(self, p.key, pending.after(p), p.parts, p.payload);
            }
            return;
        }
        if (isInFlight(log, now)) {
            return;
        }
        List<Forward.Item> batch = new ArrayList<>();
        boolean again = false;
        int budget = FORWARD_BODY_BUDGET - Forward.FIXED_BYTES;
        for (PendingSubmissions.Pending p : pending.due(now, retryMillis)) {
            ClientEventKey event = p.key.event();
            PartKey after = pending.after(p);
            int size = Forward.encodedSize(event.clientId(), p.payload.length, after != null);
            if (size > budget && !batch.isEmpty()) {
                send(route, new Forward(batch), again, out);
                batch = new ArrayList<>();
                again = false;
                budget = FORWARD_BODY_BUDGET - Forward.FIXED_BYTES;
            }
            batch.add(new Forward.Item(event.clientId(), event.clientEventId(), p.key.part(), p.parts, p.payload,
                    after == null ? null : new Forward.After(after.event().clientEventId(), after.part())));
            again |= p.sentBefore;
            budget -= size;
            inFlight = p.key;
            inFlightSince = now;
        }
        if (!batch.isEmpty()) {
            send(route, new Forward(batch), again, out);
        }
    }

    private static void send(Route route, Forward f, boolean again, ReplicatedLog.Outlet out) {
        out.send(route.first(), f);
        if (again && route.again() != null) {
            out.send(route.again(), f);
        }
    }

    private boolean isInFlight(ReplicatedLog log, long now) {
        if (inFlight != null
                && (!pending.contains(inFlight) || log.holds(inFlight) || now - inFlightSince >= retryMillis)) {
            inFlight = null;
        }
        return inFlight != null;
    }

    /** Parts waiting to be seen committed. */
    public int size() {
        return pending.size();
    }
}
