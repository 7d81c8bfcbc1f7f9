package org.syncnet.history.service;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.syncnet.chat.MalformedEventException;
import org.syncnet.cluster.ClusterConfig;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.cluster.log.LogCut;
import org.syncnet.cluster.service.ClusterSettings;
import org.syncnet.cluster.service.DataFolder;
import org.syncnet.history.CommittedEvent;
import org.syncnet.history.EventStore;
import org.syncnet.history.HistoryConfig;
import org.syncnet.history.HistoryFeed;
import org.syncnet.history.HistoryWriter;
import org.syncnet.history.MemberDirectory;
import org.syncnet.history.PageRequest;
import org.syncnet.history.RoomMessage;
import org.syncnet.history.RetentionStore;
import org.syncnet.history.RoomPage;
import org.syncnet.history.TransferAuth;
import org.syncnet.history.WriteQueue;
import org.syncnet.history.WritingLoop;

/**
 * The durable chat history of this server: the chat hands every committed event to its {@link #feed()}, a thread of
 * its own from the container's {@link ManagedThreadFactory} writes them into the database in batches, and the REST
 * API reads rooms' messages back. Off with {@code syncnet.history.enabled=false}.
 * <p>
 * The writer gets a thread of its own rather than a task on the managed executor: it runs for the life of the
 * server, and the executor's few threads serve the chat's short tasks. It starts before the chat (which depends on
 * this bean) and stops after it, writing what is still queued (at most {@value #DRAIN_MILLIS} ms).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class HistoryService {
    private static final Logger LOG = Logger.getLogger("org.syncnet.history");
    static final long DRAIN_MILLIS = 5_000;
    /** Stored events read back per query when the chat state is rebuilt at start. */
    static final int REPLAY_BATCH = 2_000;

    @Inject
    ClusterSettings cluster;
    @Inject
    HistorySettings settings;
    @Inject
    MemberDirectory members;
    @Resource
    ManagedThreadFactory threads;
    @Resource(lookup = "java:jboss/datasources/SyncNetDS")
    DataSource dataSource;

    private HistoryConfig config;
    private String self;
    private EventStore store;
    private RetentionStore retentionStore;
    /** The highest seq this server's history ever stored (its mark), read at start. */
    private long marked;
    private HistoryFeed feed;
    private WriteQueue queue;
    private HistoryWriter writer;
    private WritingLoop loop;
    private final CountDownLatch stopping = new CountDownLatch(1);
    /** The last event stored before this start (null: none), read before anything new is delivered. */
    private CommittedEvent lastStored;
    /** Signs and checks the peers' requests for stored events. */
    private TransferAuth transferAuth;
    /** Fetches the peers' stored events: at start here, and later when the log is stuck. */
    private PeerCatchUp peerCatchUp;

    @PostConstruct
    void start() {
        boolean fsync;
        try {
            ClusterConfig clusterConfig = cluster.load();
            self = clusterConfig.selfId();
            transferAuth = new TransferAuth(clusterConfig.secret());
            config = settings.load();
            fsync = cluster.fsync();
        } catch (InvalidSettingException e) {
            LOG.severe((self == null ? "" : self + ": ") + "SyncNet cannot start: " + e.getMessage());
            throw e;
        }
        if (!config.enabled()) {
            feed = HistoryFeed.off(self);
            LOG.info(() -> self + ": chat history off (" + HistoryConfig.ENABLED + "=false): nothing is persisted,"
                    + " a restart starts with an empty log");
            return;
        }
        HistoryMark mark = new HistoryMark(DataFolder.path().resolve("history-mark"));
        open(fsync, mark.path());
        marked = mark.read();
        lastStored = readLastStored();
        MarkedEventStore markedStore = new MarkedEventStore(store, mark);
        peerCatchUp = new PeerCatchUp(self, transferAuth, members.memberUrls());
        CommittedEvent fetched = peerCatchUp.atStart(storedSeq(), page -> {
            markedStore.append(page);
            return true;
        });
        if (fetched != null) {
            lastStored = fetched;
        }
        if (storedSeq() < marked) {
            LOG.warning(self + ": the history database holds events up to seq " + storedSeq() + " but this server"
                    + " stored events up to seq " + marked + " (" + mark.path() + ") and no peer had the rest: seqs "
                    + (storedSeq() + 1) + ".." + marked + " must come from this server's log on disk");
        }
        queue = new WriteQueue(config.queueBytes());
        feed = new HistoryFeed(self, queue);
        writer = new HistoryWriter(self, markedStore);
        loop = new WritingLoop(self, queue, writer, config.batchSize(),
                millis -> stopping.await(millis, TimeUnit.MILLISECONDS), System::nanoTime,
                TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS), WritingLoop.LINGER_NANOS);
        Thread thread = threads.newThread(loop::run);
        thread.setName(self + " history writer");
        thread.start();
        LOG.info(() -> self + ": chat history on: batches of up to " + config.batchSize() + " events, queue "
                + config.queueKib() + " KiB");
    }

    /**
     * Checks the embedded database's file (a damaged one, or an earlier version's H2 file, is set aside), then opens
     * the database: the table is made where missing.
     */
    private void open(boolean fsync, Path mark) {
        try {
            Files.createDirectories(DataFolder.path());
            EmbeddedHistoryFile embedded = new EmbeddedHistoryFile(DataFolder.path());
            embedded.retireH2(self, mark);
            embedded.setAsideIfDamaged(self);
            HistoryDatabase database = new HistoryDatabase(dataSource, fsync);
            database.prepare();
            store = new JdbcEventStore(database);
            retentionStore = new JdbcRetentionStore(database, store);
        } catch (IOException | RuntimeException e) {
            String why = self + ": the history database (java:jboss/datasources/SyncNetDS; embedded: "
                    + DataFolder.path().resolve(EmbeddedHistoryFile.NAME) + ") cannot be opened: " + rootMessage(e);
            LOG.severe(why);
            throw new IllegalStateException(why, e);
        }
    }

    /** The last stored event (null: none). */
    private CommittedEvent readLastStored() {
        CommittedEvent last;
        try {
            long highest = store.highestSeq();
            last = highest == 0 ? null : store.eventAt(highest);
        } catch (RuntimeException e) {
            String why = self + ": the history database cannot be read: " + rootMessage(e);
            LOG.severe(why);
            throw new IllegalStateException(why, e);
        }
        if (last != null) {
            LOG.info(() -> self + ": history holds events up to seq " + last.seq() + "; the log resumes after seq "
                    + last.cut().seq());
        }
        return last;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * The highest seq this server's history ever stored, by its mark (0: none). When the database now ends before it
     * (it lost rows, or was replaced), the log delivers the rest again from this server's log on disk.
     */
    public long markedSeq() {
        return marked;
    }

    /** What the retention removes from: the same database. */
    public RetentionStore retentionStore() {
        return retentionStore;
    }

    /** Where the log resumes: after the last event stored before this start (the start of the log if none). */
    public LogCut resumePoint() {
        return lastStored == null ? LogCut.START : lastStored.cut();
    }

    /** The catch-up from the peers' stored history, for a log that gets stuck later; null while the history is off. */
    public PeerCatchUp peerCatchUp() {
        return peerCatchUp;
    }

    /** Checks a peer's request for this server's stored events ({@link StoredEventsResource}). */
    public TransferAuth transferAuth() {
        return transferAuth;
    }

    /** Up to {@code max} stored events after {@code afterSeq}, ascending: what a peer fetches when it starts. */
    public List<CommittedEvent> storedAfter(long afterSeq, int max) {
        return store.readFrom(afterSeq + 1, max);
    }

    /** The highest seq stored before this start (0: none): the chat rebuilds its state from the events up to it. */
    public long storedSeq() {
        return lastStored == null ? 0 : lastStored.seq();
    }

    /**
     * Hands every event stored before this start after {@code afterSeq} (0: all) to {@code apply}, in log order, read
     * in batches: how the chat rebuilds its state (after its snapshot). Returns how many.
     *
     * @throws RuntimeException when the database fails (the server must not start with a partial state)
     */
    public long replay(long afterSeq, Consumer<CommittedEvent> apply) {
        long count = 0;
        long next = afterSeq + 1;
        long upTo = storedSeq();
        while (next <= upTo) {
            List<CommittedEvent> batch = store.readFrom(next, REPLAY_BATCH);
            for (CommittedEvent e : batch) {
                if (e.seq() > upTo) {
                    return count;
                }
                apply.accept(e);
                count++;
                next = e.seq() + 1;
            }
            if (batch.size() < REPLAY_BATCH) {
                break;
            }
        }
        return count;
    }

    @PreDestroy
    void stop() {
        if (loop == null) {
            return;
        }
        loop.stop();
        stopping.countDown();
        try {
            if (!loop.awaitEnd(DRAIN_MILLIS + 2_000)) {
                LOG.warning(self + ": history writer still busy at shutdown; " + queue.size() + " events queued");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info(() -> self + ": chat history stopped; " + writer.persisted() + " events persisted in this run, "
                + "highest seq " + writer.highestPersistedSeq() + ", " + feed.dropped() + " not persisted");
    }

    /** Where the chat's applier hands over each committed event; bound to this instance (called per event). */
    public HistoryFeed feed() {
        return feed;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /**
     * One page of a room's messages from the database (what this server persisted: typically all that was delivered
     * until a quarter of a second ago).
     *
     * @throws IllegalStateException when the history is off
     * @throws RuntimeException when the database fails
     */
    public RoomPage page(PageRequest request) {
        requireEnabled();
        List<CommittedEvent> newestFirst = store.roomMessages(request.roomKey(), request.before(), request.limit() + 1);
        return RoomPage.of(newestFirst, request.limit(), this::message);
    }

    private RoomMessage message(CommittedEvent e) {
        try {
            return RoomMessage.of(e);
        } catch (MalformedEventException | RuntimeException ex) {
            LOG.log(Level.WARNING, self + ": history: stored event " + e + " cannot be shown; left out", ex);
            return null;
        }
    }

    /**
     * The highest seq stored (0: none), as the writer knows it, or -1 while it has not read the database yet (no
     * event came yet, or the database failed so far).
     */
    public long highestPersistedSeq() {
        return writer == null ? -1 : writer.highestPersistedSeq();
    }

    /** Events persisted by this run. */
    public long persisted() {
        return writer == null ? 0 : writer.persisted();
    }

    /** What the history is doing, for the REST status view. */
    public Status status() {
        if (writer == null) {
            return new Status(self, false, 0, -1, 0, 0, 0, 0, 0, 0, 0, false, null);
        }
        return new Status(self, true, writer.persisted(), writer.highestPersistedSeq(), writer.skipped(),
                writer.replaced(), feed.dropped(), queue.size(), loop.batches(), loop.writeNanos() / 1_000_000,
                loop.failures(), loop.isFailing(), loop.lastFailure());
    }

    /** Counters since this server started; {@code writeMillis}: time spent in successful writes. */
    public record Status(String server, boolean enabled, long persisted, long highestSeq, long skipped,
                         long replaced, long dropped, int queued, long batches, long writeMillis, long failures,
                         boolean failing, String lastFailure) {
    }

    private void requireEnabled() {
        if (!config.enabled()) {
            throw new IllegalStateException("history is off on " + self);
        }
    }
}
