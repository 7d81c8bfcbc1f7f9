package org.syncnet.cluster.service;

import org.syncnet.cluster.log.LogCut;

/**
 * What this server's stored history holds when it starts: the cluster resumes the log after it (and delivers again
 * what its durable log kept beyond it), so a restarted server fetches only what it missed.
 */
public interface StoredLog {
    /** Off: nothing is kept across a restart, neither history nor log. */
    boolean enabled();

    /**
     * The cut after the last stored event ({@link LogCut#START} if none); read once, when the cluster starts.
     *
     * @throws RuntimeException when the store cannot be read: the server must not start as if it were empty
     */
    LogCut resumePoint();

    /**
     * The highest seq the history ever stored (0: none): when the resume point is before it, the history lost events
     * it had, and they must come from this server's log on disk.
     */
    long markedSeq();
}
