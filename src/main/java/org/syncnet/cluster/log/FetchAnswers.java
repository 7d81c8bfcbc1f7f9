package org.syncnet.cluster.log;

import static org.syncnet.cluster.log.ReplicatedLog.APPEND_BODY_BUDGET;
import static org.syncnet.cluster.log.ReplicatedLog.FETCH_DATAGRAMS;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.cluster.log.entry.LogEntry;
import org.syncnet.cluster.wire.Append;
import org.syncnet.cluster.wire.Fetch;

/**
 * Answers a peer's fetch from this server's {@link FollowerLog}: a recovering leader's (everything after a place) or
 * a lagging follower's (committed entries only), as a few appends in a row, each as many entries as fit one datagram
 * ({@link #batch}, which the leader's replication uses too).
 */
final class FetchAnswers {
    private final FollowerLog log;

    FetchAnswers(FollowerLog log) {
        this.log = log;
    }

    /**
     * A follower's catch-up fetch: our committed entries from there, up to {@link ReplicatedLog#FETCH_DATAGRAMS}
     * appends.
     */
    List<Append> onCatchUpFetch(Fetch f) {
        long prevSeq = f.fromSeq() - 1;
        if (prevSeq >= log.commitSeq()) {
            return List.of();
        }
        if (log.store.epochAt(prevSeq) < 0) {
            log.unservable();
            return List.of();
        }
        List<Append> answer = new ArrayList<>();
        do {
            Append a = new Append(log.store.epochAt(prevSeq), prevSeq, log.commitSeq(),
                    batch(log.store, prevSeq + 1, log.commitSeq()));
            answer.add(a);
            prevSeq += a.entries().size();
        } while (answer.size() < FETCH_DATAGRAMS && prevSeq < log.commitSeq());
        return answer;
    }

    /**
     * A recovering leader asks for our entries: up to {@link ReplicatedLog#FETCH_DATAGRAMS} appends in a row from
     * there, empty if we cannot answer.
     */
    List<Append> onFetch(Fetch f) {
        long prevSeq = f.fromSeq() - 1;
        if (prevSeq > log.store.lastSeq()) {
            return List.of(new Append(log.store.lastEpoch(), log.store.lastSeq(), log.commitSeq(), List.of()));
        }
        if (log.store.epochAt(prevSeq) < 0) {
            log.unservable();
            return List.of();
        }
        List<Append> answer = new ArrayList<>();
        do {
            Append a = new Append(log.store.epochAt(prevSeq), prevSeq, log.commitSeq(),
                    batch(log.store, prevSeq + 1));
            answer.add(a);
            prevSeq += a.entries().size();
        } while (answer.size() < FETCH_DATAGRAMS && prevSeq < log.store.lastSeq());
        return answer;
    }

    /** As many entries from {@code fromSeq} as fit one datagram. */
    static List<LogEntry> batch(LogStore store, long fromSeq) {
        return batch(store, fromSeq, Long.MAX_VALUE);
    }

    /** As many entries from {@code fromSeq} up to {@code toSeq} as fit one datagram. */
    static List<LogEntry> batch(LogStore store, long fromSeq, long toSeq) {
        List<LogEntry> out = new ArrayList<>();
        if (fromSeq < store.firstSeq()) {
            return out; // discarded: callers check epochAt(fromSeq - 1) first, this only keeps the batch contiguous
        }
        int budget = APPEND_BODY_BUDGET - Append.FIXED_BYTES;
        for (LogEntry e : store.read(fromSeq, (int) Math.min(64, toSeq - fromSeq + 1))) {
            int size = Append.encodedSize(e);
            if (size > budget) {
                break;
            }
            budget -= size;
            out.add(e);
        }
        return out;
    }
}
