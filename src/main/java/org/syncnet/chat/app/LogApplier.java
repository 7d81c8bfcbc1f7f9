package org.syncnet.chat.app;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatEventCodec;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ChatStateSnapshot;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.MalformedEventException;
import org.syncnet.chat.MalformedSnapshotException;
import org.syncnet.cluster.log.Delivery;

/**
 * Applies the committed log to the {@link ChatState} (the same on every server), fans each outcome out to this
 * server's own connections, and publishes each applied entry to the {@link CommittedEvents} subscriber (the
 * history). At start it rebuilds the state from the stored events ({@link #restore}).
 * <p>
 * Threads: {@link #deliver}, {@link #leaderChanged} and {@link #flush} run on one thread, the applier, in log order;
 * the state is changed only there, under {@code stateLock}, which the doors' reads take too.
 */
public final class LogApplier {
    private static final Logger LOG = Logger.getLogger("org.syncnet.chat");
    /**
     * How long the applier may gather output while committed events keep coming, before it writes: under load,
     * several events leave each connection in one write (each write is a system call and container work of its own).
     */
    static final long MAX_GATHER_NANOS = 5_000_000;

    private final String self;
    private final ChatState state;
    private final Object stateLock;
    private final ConnectionRegistry connections;
    private final CommittedEvents subscriber;
    private final NickGuard guard;
    private final ChatCounters counters = new ChatCounters();
    /** Connections the applier queued frames for since its last flush (applier thread only). */
    private final Set<ChatConnection> unflushed = new LinkedHashSet<>();
    /** The leader with a quorum, as the cluster last reported it, null while none (applier thread only). */
    private String leader;
    /** Events up to this seq were applied from the stored history at start: the log may deliver some again. */
    private long restoredSeq;
    /** Saves the state now and then ({@link #restore} sets it). */
    private ChatSnapshots snapshots = ChatSnapshots.OFF;

    LogApplier(String self, ChatState state, Object stateLock, ConnectionRegistry connections,
               CommittedEvents subscriber, NickGuard guard) {
        this.self = self;
        this.guard = guard;
        this.state = state;
        this.stateLock = stateLock;
        this.connections = connections;
        this.subscriber = subscriber;
    }

    /**
     * Rebuilds the chat state from what this server stored before this start (rooms, topics, nicks, recent history),
     * the same on every server since every server applies the same log; the log then resumes after them. The newest
     * snapshot that the stored history reaches is loaded and only the stored events after it are applied; a snapshot
     * that cannot be read is named in the log and skipped, down to replaying the whole history. Clients of the earlier
     * run that the state still lists are ended by the ServerGone submitted next. Before the applier runs.
     */
    public void restore(StoredEvents stored, ChatSnapshots snapshots) {
        this.snapshots = snapshots;
        restoredSeq = stored.lastSeq();
        if (restoredSeq == 0) {
            return;
        }
        long startedAt = System.nanoTime();
        long applied;
        synchronized (stateLock) {
            String from = fromSnapshot(snapshots);
            long afterSeq = state.lastSeq();
            applied = stored.replay(afterSeq, (seq, originServer, payload) -> {
                try {
                    state.apply(seq, originServer, ChatEventCodec.decode(payload));
                } catch (MalformedEventException | RuntimeException ex) {
                    // As when it was delivered: every server skipped it alike.
                    LOG.log(Level.FINE, self + ": skipping stored event " + seq, ex);
                }
            });
            LOG.info(() -> self + ": chat state rebuilt " + from + " and " + applied + " stored events after seq "
                    + afterSeq + " (up to seq " + restoredSeq + ") in " + (System.nanoTime() - startedAt) / 1_000_000
                    + " ms");
        }
    }

    /** Loads the newest usable snapshot into the (new) state; says what it started from. */
    private String fromSnapshot(ChatSnapshots snapshots) {
        for (SnapshotFiles.Found found : snapshots.stored()) {
            if (found.problem() != null) {
                LOG.warning(self + ": chat state snapshot " + found.path() + " cannot be read (" + found.problem()
                        + "); not used");
                continue;
            }
            try {
                long seq = ChatStateSnapshot.seqOf(found.bytes());
                if (seq > restoredSeq) {
                    LOG.info(self + ": chat state snapshot " + found.path() + " is at seq " + seq + ", beyond the"
                            + " stored history (seq " + restoredSeq + "); not used");
                    continue;
                }
                ChatStateSnapshot.restore(found.bytes(), state);
                snapshots.loaded(seq, found.bytes().length);
                return "from the snapshot " + found.path().getFileName() + " at seq " + seq;
            } catch (MalformedSnapshotException e) {
                LOG.warning(self + ": chat state snapshot " + found.path() + " is unusable (" + e.getMessage()
                        + "); not used");
            }
        }
        return "without a snapshot";
    }

    /** When the server stops, with the applier stopped: saves a last snapshot. */
    void stopped() {
        synchronized (stateLock) {
            snapshots.atStop(state);
        }
    }

    /** Committed events in log order, on the applier thread. */
    public void deliver(List<Delivery> deliveries) {
        int applied = 0;
        int handedOut = 0;
        synchronized (stateLock) {
            for (Delivery d : deliveries) {
                if (d.seq() <= restoredSeq) {
                    continue; // the log resumed before the last stored event (a large event's parts were open)
                }
                List<ChatOutcome> outcomes = List.of();
                try {
                    ChatEvent event = ChatEventCodec.decode(d.payload());
                    outcomes = state.apply(d.seq(), d.originServer(), event);
                    applied++;
                    handedOut += fanOut(outcomes);
                    if (event instanceof ChatEvent.ServerGone gone && gone.server().equals(self)) {
                        endLocalClients(outcomes, gone.reason());
                    }
                    guard.review(outcomes, state, System.nanoTime());
                } catch (MalformedEventException | RuntimeException e) {
                    // Every server skips the same entry alike: the state stays the same everywhere.
                    LOG.log(Level.WARNING, self + ": skipping log entry " + d.seq() + " from " + d.originServer(), e);
                }
                subscriber.committed(d, outcomes);
                if (d.originServer().equals(self)) {
                    ChatConnection c = connections.applied(d.clientId(), d.clientEventId());
                    if (c != null) {
                        c.applied(d.clientEventId());
                        unflushed.add(c);
                    }
                }
            }
            snapshots.afterApplied(state);
        }
        counters.add(applied, handedOut);
    }

    /**
     * Hands each outcome to the connections here it is meant for; they queue it until {@link #flush()}. How many it
     * handed out.
     */
    private int fanOut(List<ChatOutcome> outcomes) {
        int handedOut = 0;
        for (ChatOutcome outcome : outcomes) {
            SharedEncodings shared = new SharedEncodings();
            for (ClientId to : outcome.to()) {
                ChatConnection c = connections.local(to);
                if (c != null) {
                    c.onOutcome(outcome, state, leader, shared);
                    unflushed.add(c);
                    handedOut++;
                    if (outcome instanceof ChatOutcome.Rejected r) {
                        counters.refused(r.code());
                    }
                }
            }
        }
        return handedOut;
    }

    /**
     * The leader logged this server's clients' end while this server was cut off or frozen (it looked failed), and
     * the server lives on: the connections of those clients are closed, so that they reconnect and register again
     * instead of talking on as clients the chat no longer knows.
     */
    private void endLocalClients(List<ChatOutcome> outcomes, String reason) {
        int ended = 0;
        for (ChatOutcome outcome : outcomes) {
            if (outcome instanceof ChatOutcome.Quit quit) {
                ChatConnection c = connections.local(quit.member().client());
                if (c != null) {
                    c.endedByCluster(reason);
                    ended++;
                }
            }
        }
        if (ended > 0) {
            int count = ended;
            LOG.warning(() -> self + ": the cluster ended " + count + " of this server's clients (" + reason
                    + ") while it was cut off; closing their connections so they reconnect");
        }
    }

    /** What this applier counted (see {@link ChatCounters}). */
    ChatCounters counters() {
        return counters;
    }

    /** The applier's flush hook: writes what its last tasks queued, one write per connection. */
    public void flush() {
        for (ChatConnection c : unflushed) {
            c.flush();
        }
        unflushed.clear();
    }

    /** Tells every client who leads now (null: nobody, sends wait); on the applier thread, in order with events. */
    public void leaderChanged(String leader) {
        this.leader = leader;
        connections.forEach(c -> {
            c.leaderChanged(leader);
            unflushed.add(c);
        });
    }
}
