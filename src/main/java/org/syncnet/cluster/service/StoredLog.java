package org.syncnet.cluster.service;

import org.syncnet.cluster.log.LogResume;

/**
 * Where this server's stored log ends: the cluster resumes the log after it when the server starts, so a restarted
 * server fetches only what it missed. The durable history provides it.
 */
public interface StoredLog {
    /**
     * Read once, when the cluster starts, before anything is delivered: the cut after the stored events and the keys
     * of the last {@link org.syncnet.cluster.log.InMemoryLogStore#DEFAULT_CAPACITY} of them.
     *
     * @throws RuntimeException when the store cannot be read: the server must not start as if it were empty
     */
    LogResume resumePoint();
}
