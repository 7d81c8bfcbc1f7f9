package org.syncnet.history.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.syncnet.history.CommittedEvent;
import org.syncnet.history.RetentionStore;

/**
 * The {@link RetentionStore} in the {@code syncnet-history} persistence unit: JPA queries on the {@link StoredEvent}
 * mapping, each method one JTA transaction. Every query names a room key, so it only ever sees room messages, through
 * the (room_key, seq) index; a delete is a bulk delete of one room's rows up to a seq, which the caller keeps to at
 * most {@link org.syncnet.history.DeletePacing#MAX_BATCH} rows.
 */
@ApplicationScoped
public class JpaRetentionStore implements RetentionStore {
    @PersistenceContext(unitName = "syncnet-history")
    EntityManager em;
    @Inject
    JpaEventStore events;

    @Override
    public long highestSeq() {
        return events.highestSeq();
    }

    @Override
    @Transactional
    public Map<String, Long> messageCounts() {
        List<Object[]> rows = em.createQuery("select e.roomKey, count(e.seq) from StoredEvent e"
                + " where e.roomKey is not null group by e.roomKey", Object[].class).getResultList();
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    @Override
    @Transactional
    public long nthOldestMessageSeq(String roomKey, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the " + n + "th oldest message");
        }
        List<Long> seq = em.createQuery("select e.seq from StoredEvent e where e.roomKey = :room order by e.seq",
                        Long.class)
                .setParameter("room", roomKey).setFirstResult(n - 1).setMaxResults(1).getResultList();
        return seq.isEmpty() ? 0 : seq.get(0);
    }

    @Override
    @Transactional
    public List<CommittedEvent> oldestMessages(String roomKey, int max) {
        return em.createQuery("select e from StoredEvent e where e.roomKey = :room order by e.seq", StoredEvent.class)
                .setParameter("room", roomKey).setMaxResults(max).getResultList().stream()
                .map(StoredEvent::toEvent).toList();
    }

    @Override
    @Transactional
    public int deleteMessagesThrough(String roomKey, long throughSeq) {
        return em.createQuery("delete from StoredEvent e where e.roomKey = :room and e.seq <= :through")
                .setParameter("room", roomKey).setParameter("through", throughSeq).executeUpdate();
    }
}
