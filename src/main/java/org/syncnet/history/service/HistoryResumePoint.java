package org.syncnet.history.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.syncnet.cluster.log.LogCut;
import org.syncnet.cluster.service.StoredLog;

/** The cluster's {@link StoredLog}: the durable history says where this server's log resumes. */
@ApplicationScoped
public class HistoryResumePoint implements StoredLog {
    @Inject
    HistoryService history;

    @Override
    public boolean enabled() {
        return history.enabled();
    }

    @Override
    public LogCut resumePoint() {
        return history.resumePoint();
    }

    @Override
    public long markedSeq() {
        return history.markedSeq();
    }
}
