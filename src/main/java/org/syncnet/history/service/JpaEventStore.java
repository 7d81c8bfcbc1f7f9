package org.syncnet.history.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import org.syncnet.history.CommittedEvent;
import org.syncnet.history.EventStore;

/**
 * The {@link EventStore} in the {@code syncnet-history} persistence unit (datasource {@code SyncNetDS}). Every method
 * is one JTA transaction. An appended batch is inserted at commit with JDBC batching ({@code hibernate.jdbc.batch_size}
 * in persistence.xml); the rows get their seq from the log, so Hibernate inserts without reading anything first.
 */
@ApplicationScoped
public class JpaEventStore implements EventStore {
    @PersistenceContext(unitName = "syncnet-history")
    EntityManager em;

    @Override
    @Transactional
    public long highestSeq() {
        Long max = em.createQuery("select max(e.seq) from StoredEvent e", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }

    @Override
    @Transactional
    public CommittedEvent eventAt(long seq) {
        StoredEvent row = em.find(StoredEvent.class, seq);
        return row == null ? null : row.toEvent();
    }

    @Override
    @Transactional
    public void append(List<CommittedEvent> events) {
        for (CommittedEvent e : events) {
            em.persist(StoredEvent.of(e));
        }
    }

    @Override
    @Transactional
    public int deleteFrom(long seq) {
        return em.createQuery("delete from StoredEvent e where e.seq >= :seq").setParameter("seq", seq)
                .executeUpdate();
    }

    @Override
    @Transactional
    public List<CommittedEvent> readFrom(long fromSeq, int max) {
        return em.createQuery("select e from StoredEvent e where e.seq >= :from order by e.seq", StoredEvent.class)
                .setParameter("from", fromSeq).setMaxResults(max).getResultList().stream()
                .map(StoredEvent::toEvent).toList();
    }

    @Override
    @Transactional
    public List<CommittedEvent> roomMessages(String roomKey, long beforeSeq, int max) {
        return em.createQuery("select e from StoredEvent e where e.roomKey = :room and e.seq < :before"
                        + " order by e.seq desc", StoredEvent.class)
                .setParameter("room", roomKey).setParameter("before", beforeSeq).setMaxResults(max)
                .getResultList().stream().map(StoredEvent::toEvent).toList();
    }
}
