package org.syncnet.cluster.log;

import org.syncnet.cluster.log.entry.LogEntry;
import org.syncnet.cluster.wire.Append;
import org.syncnet.cluster.wire.Fetch;

/**
 * A new leader's recovery of the log before it orders anything: it fetches the entries of the highest log its
 * quorum promised with, from that promiser (the source), after its own commit point, and replaces its own
 * uncommitted suffix with them. Each fetch is answered with up to {@link ReplicatedLog#FETCH_DATAGRAMS} appends in a
 * row; answers that overtake each other are held until their predecessor arrives, and a fetch unanswered within the
 * retry interval is sent again.
 */
final class LogRecovery {
    /** What recovery changes: the recovering leader's own log. */
    interface Log {
        long epochAt(long seq);

        long firstSeq();

        long lastSeq();

        /** Drops every entry after {@code seq}. */
        void truncateAfter(long seq);

        void append(LogEntry e);

        /** The source's commit point, as far as this log now holds. */
        void commitTo(long seq);
    }

    private final long retryMillis;
    private boolean active;
    private String source;
    private long target;
    private long nextFetch;
    private long lastFetchAt;
    /** Fetch answers applied since the last fetch: when the whole answer arrived, the next fetch goes at once. */
    private int answers;
    /** Fetch answers that arrived ahead of their predecessor. */
    private final AppendsAhead ahead = new AppendsAhead(ReplicatedLog.FETCH_DATAGRAMS * 64);

    LogRecovery(long retryMillis) {
        this.retryMillis = retryMillis;
    }

    /** Fetches {@code source}'s log from {@code fromSeq} until this log reaches {@code target}. */
    void start(String source, long target, long fromSeq, long now, ReplicatedLog.Outlet out) {
        active = true;
        ahead.clear();
        this.source = source;
        this.target = target;
        this.nextFetch = fromSeq;
        sendFetch(now, out);
    }

    void stop() {
        active = false;
        source = null;
    }

    boolean isActive() {
        return active;
    }

    /** The promiser being recovered from, or null. */
    String source() {
        return active ? source : null;
    }

    /** Sends the fetch again if it went unanswered for the retry interval. */
    void tick(long now, ReplicatedLog.Outlet out) {
        if (active && now - lastFetchAt >= retryMillis) {
            sendFetch(now, out);
        }
    }

    /** A fetch answer; true when recovery is complete (the caller then starts leading for real). */
    boolean onAppend(String from, Append a, long now, ReplicatedLog.Outlet out, Log log) {
        if (!active || !from.equals(source)) {
            return false;
        }
        if (a.prevSeq() >= nextFetch) {
            ahead.hold(a); // overtook its predecessor
            return false;
        }
        if (a.prevSeq() != nextFetch - 1) {
            return false; // stale or duplicated
        }
        for (Append next = a; next != null; next = ahead.takeAfter(nextFetch - 1)) {
            if (log.epochAt(next.prevSeq()) != next.prevEpoch()) {
                // Even our committed prefix differs (only after state loss): take the source's log from its start.
                nextFetch = Math.max(1, Math.min(log.firstSeq(), next.prevSeq()));
                log.truncateAfter(nextFetch - 1);
                ahead.clear();
                sendFetch(now, out);
                return false;
            }
            // Everything after the prefix we share with the source is replaced by the source's log.
            log.truncateAfter(next.prevSeq());
            for (LogEntry e : next.entries()) {
                log.append(e);
            }
            log.commitTo(Math.min(next.commitSeq(), log.lastSeq()));
            nextFetch = log.lastSeq() + 1;
            if (log.lastSeq() >= target || next.entries().isEmpty()) {
                stop();
                return true;
            }
            if (++answers >= ReplicatedLog.FETCH_DATAGRAMS) {
                sendFetch(now, out); // the whole answer arrived: ask for the next one at once
            }
        }
        return false;
    }

    private void sendFetch(long now, ReplicatedLog.Outlet out) {
        lastFetchAt = now;
        answers = 0;
        out.send(source, new Fetch(nextFetch));
    }
}
