package org.syncnet.chat.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatEventCodec;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ClientId;
import org.syncnet.cluster.LogSubmitter;

/**
 * This server's open connections, whatever their door: gives each its {@link ClientId}, numbers its events and puts
 * them into the log under that id, and logs its client's end when it closes. Thread-safe: the doors' threads attach,
 * submit and close, the applier looks connections up.
 */
public final class ConnectionRegistry {
    /** Connection numbers are the incarnation (start time in ms) shifted left by this: unique across restarts. */
    public static final int CONNECTION_BITS = 20;

    private final String self;
    private final int maxConnections;
    private final LogSubmitter log;
    private final Map<ClientId, Attached> connections = new ConcurrentHashMap<>();
    /** The same connections by the client id the log carries ({@code server1/123}), for {@link #byLogKey}. */
    private final Map<String, Attached> byLogKey = new ConcurrentHashMap<>();
    private final long firstConnection;
    private final long lastConnection;
    private final AtomicLong nextConnection;
    private volatile DeliveryTiming timing = DeliveryTiming.NONE;

    /** A connection, with what the chat keeps of it whatever its door. */
    private static final class Attached {
        final ChatConnection connection;
        /** The connection's id as its events carry it in the log. */
        final String logKey;
        final AtomicLong nextEventNumber = new AtomicLong(1);
        /** Whether anything of this connection went to the log (then its end must be logged too). */
        volatile boolean spoke;
        /** The event whose delivery is being timed (0: none) and its {@link DeliveryTiming#stamp()}. */
        volatile long timedEvent;
        volatile long timedSince;

        Attached(ChatConnection connection) {
            this.connection = connection;
            this.logKey = connection.id().toString();
        }
    }

    /**
     * @param incarnation this run's start time in ms: the connection numbers of this run start at it shifted left by
     *                    {@link #CONNECTION_BITS}
     */
    public ConnectionRegistry(String self, long incarnation, int maxConnections, LogSubmitter log) {
        this.self = self;
        this.maxConnections = maxConnections;
        this.log = log;
        this.firstConnection = incarnation << CONNECTION_BITS;
        this.lastConnection = firstConnection + (1L << CONNECTION_BITS) - 1;
        this.nextConnection = new AtomicLong(firstConnection);
    }

    /** The number of this run's first connection: every earlier run's clients are below it. */
    public long firstConnection() {
        return firstConnection;
    }

    /** The id for a new connection, or null if this server is full. */
    public ClientId allocate() {
        if (connections.size() >= maxConnections) {
            return null;
        }
        long number = nextConnection.getAndIncrement();
        // a million connections in one run: the numbers would run into the next run's
        return number > lastConnection ? null : new ClientId(self, number);
    }

    public void attach(ChatConnection c) {
        Attached a = new Attached(c);
        connections.put(c.id(), a);
        byLogKey.put(a.logKey, a);
    }

    /**
     * Puts the connection's event into the log under its id and next event number, which it returns; 0 if the log
     * refused it or the connection is not open.
     */
    public long submit(ChatConnection c, ChatEvent e) {
        Attached a = connections.get(c.id());
        return a == null ? 0 : submit(a, e);
    }

    /**
     * Numbered and submitted under the connection's lock: the door's threads and the scheduler may both submit. The
     * event is timed if none of the connection's is (marked before the submission: the log may apply it at once).
     */
    private long submit(Attached a, ChatEvent e) {
        byte[] payload = ChatEventCodec.encode(e);
        synchronized (a) {
            a.spoke = true;
            long number = a.nextEventNumber.getAndIncrement();
            DeliveryTiming t = timing;
            boolean timed = a.timedEvent == 0 && t != DeliveryTiming.NONE;
            if (timed) {
                a.timedSince = t.stamp();
                a.timedEvent = number;
            }
            if (log.submit(a.logKey, number, payload)) {
                return number;
            }
            if (timed) {
                a.timedEvent = 0;
            }
            return 0;
        }
    }

    /** From now on, a sample of the connections' events is timed with {@code timing}. */
    public void timeDeliveries(DeliveryTiming timing) {
        this.timing = timing;
    }

    /** The connection ended: forgotten, and if it ever spoke, its client's end goes to the log. */
    public void closed(ChatConnection c, String reason) {
        Attached a = connections.remove(c.id());
        if (a != null) {
            byLogKey.remove(a.logKey);
        }
        if (a != null && a.spoke) {
            // A socket error's own words may break the reason's limits: the client must leave all the same.
            String why = ChatLimits.isValidReason(reason) ? reason : "Connection closed";
            submit(a, new ChatEvent.ClientGone(c.id(), why));
        }
    }

    /**
     * Logs again the end of a client that has no connection here ({@link GhostSweeper}). The connection's own event
     * numbers count up from 1: this one is never one of them.
     */
    public boolean submitGoneAgain(ChatEvent.ClientGone gone) {
        return log.submit(gone.client().toString(), Long.MAX_VALUE, ChatEventCodec.encode(gone));
    }

    /** The open connection of this client on this server, or null. */
    public ChatConnection local(ClientId id) {
        if (!id.server().equals(self)) {
            return null;
        }
        Attached a = connections.get(id);
        return a == null ? null : a.connection;
    }

    /**
     * The log applied event {@code eventNumber} of the connection whose events it carries under {@code logKey}, after
     * handing its outcomes to the connections: its timing ends if it was timed (an earlier timed event that never
     * came, given up on, is dropped, since a connection's events are applied in order). The connection, or null if it
     * is not open here.
     */
    public ChatConnection applied(String logKey, long eventNumber) {
        Attached a = byLogKey.get(logKey);
        if (a == null) {
            return null;
        }
        long timed = a.timedEvent;
        if (timed != 0 && eventNumber >= timed) {
            if (eventNumber == timed) {
                timing.delivered(a.timedSince);
            }
            a.timedEvent = 0;
        }
        return a.connection;
    }

    public boolean contains(ClientId id) {
        return connections.containsKey(id);
    }

    /** Calls {@code action} for every open connection. */
    public void forEach(Consumer<ChatConnection> action) {
        for (Attached a : connections.values()) {
            action.accept(a.connection);
        }
    }

    public int size() {
        return connections.size();
    }

    /** Connections open now through {@code door} ({@link ChatConnection#door()}); walks them all. */
    public int count(String door) {
        int n = 0;
        for (Attached a : connections.values()) {
            if (a.connection.door().equals(door)) {
                n++;
            }
        }
        return n;
    }
}
