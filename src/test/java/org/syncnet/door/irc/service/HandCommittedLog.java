package org.syncnet.door.irc.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.syncnet.chat.app.LocalChat;
import org.syncnet.cluster.log.Delivery;

/**
 * A {@link LocalChat} of server1 whose log is the test's hand: what the connections submit waits in a queue, and
 * {@link #commit} delivers one as the cluster would, whenever the test says so.
 */
final class HandCommittedLog {
    record Submitted(String clientId, long number, byte[] payload) {
    }

    private final LinkedBlockingQueue<Submitted> submitted = new LinkedBlockingQueue<>();
    final LocalChat chat = new LocalChat("server1", 1, 10, (client, number, payload) -> submitted.add(
            new Submitted(client, number, payload)), (d, outcomes) -> { }, () -> true, 30_000, false, 0);
    private long seq;

    /** The next submission to the log, within a deadline. */
    Submitted next() throws InterruptedException {
        Submitted s = submitted.poll(5, TimeUnit.SECONDS);
        assertTrue(s != null, "nothing went to the log");
        return s;
    }

    /** The next submission within {@code millis}, or null. */
    Submitted poll(long millis) throws InterruptedException {
        return submitted.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Commits {@code s}: the applier applies it and fans out, as the cluster would deliver it. */
    void commit(Submitted s) {
        chat.deliver(List.of(new Delivery(1, ++seq, "server1", s.clientId(), s.number(), s.payload())));
    }
}
