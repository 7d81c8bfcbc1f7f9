package org.syncnet.history.service;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.syncnet.history.CommittedEvent;
import org.syncnet.history.EventPage;
import org.syncnet.history.TransferAuth;

/**
 * A starting server's history transfer: before its log resumes it asks each peer ({@link StoredEventsResource}) for
 * the stored events after its own last one, page by page, and stores them as its own. So a server that was away
 * longer than the leader's in-memory log reaches, or starts with an empty data folder, still catches up: the log
 * then resumes after the fetched events, and the leader sends only the last moments. A peer that does not answer
 * (it is starting too, or down) is skipped.
 */
final class PeerHistory {
    private static final Logger LOG = Logger.getLogger("org.syncnet.history");
    static final int PAGE = StoredEventsResource.MAX_LIMIT;
    static final int BINARY_PAGE = StoredEventsResource.MAX_BINARY_LIMIT;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How long the first page may take: a start of the whole cluster waits this long for peers that deploy too. */
    static final long FIRST_PAGE_MILLIS = 1_500;

    private final String self;
    private final TransferAuth auth;
    /** Peers that answered the binary form with 404: an earlier version, asked in JSON. */
    private final Set<String> jsonOnly = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).build();

    PeerHistory(String self, TransferAuth auth) {
        this.self = self;
        this.auth = auth;
    }

    /**
     * Asks every peer at once for the events after {@code afterSeq} (waiting {@value #FIRST_PAGE_MILLIS} ms at most:
     * a peer that deploys too answers only once it is deployed, and it may be waiting for this one), then goes on
     * page by page with the peer that had the most, handing each page to {@code store} (which says whether it took
     * it: if not, the transfer ends there). Returns the last event taken, or null if none was.
     */
    CommittedEvent fetch(Map<String, String> peers, long afterSeq, Predicate<List<CommittedEvent>> store) {
        long startedAt = System.nanoTime();
        Map<String, CompletableFuture<EventPage.Page>> asked = new LinkedHashMap<>();
        peers.forEach((id, url) -> asked.put(id, page(url, afterSeq, Duration.ofMillis(FIRST_PAGE_MILLIS))));
        String best = null;
        EventPage.Page first = new EventPage.Page(List.of(), false);
        for (Map.Entry<String, CompletableFuture<EventPage.Page>> a : asked.entrySet()) {
            try {
                EventPage.Page page = a.getValue().get(FIRST_PAGE_MILLIS + 500, TimeUnit.MILLISECONDS);
                if (page.events().size() > first.events().size()) {
                    best = a.getKey();
                    first = page;
                }
            } catch (ExecutionException | TimeoutException e) {
                String why = e instanceof ExecutionException ? String.valueOf(e.getCause()) : "no answer";
                LOG.info(() -> self + ": no history from " + a.getKey() + " (" + why + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        if (best == null) {
            return null;
        }
        CommittedEvent last = null;
        String url = peers.get(best);
        long count = 0;
        try {
            // The next page is on its way while this one is stored.
            for (EventPage.Page page = first; !page.events().isEmpty(); ) {
                List<CommittedEvent> events = page.events();
                CommittedEvent end = events.get(events.size() - 1);
                CompletableFuture<EventPage.Page> next = page.more() ? page(url, end.seq(), REQUEST_TIMEOUT) : null;
                if (!store.test(events)) {
                    break;
                }
                last = end;
                count += events.size();
                if (next == null) {
                    break;
                }
                page = next.join();
            }
        } catch (RuntimeException e) {
            LOG.warning(self + ": the history transfer from " + best + " stopped at seq "
                    + (last == null ? afterSeq : last.seq()) + ": " + e.getMessage());
        }
        if (last != null) {
            long to = last.seq();
            long events = count;
            long millis = (System.nanoTime() - startedAt) / 1_000_000;
            String from = best;
            LOG.info(() -> self + ": fetched the stored events after seq " + afterSeq + " up to seq " + to + " from "
                    + from + " in " + millis + " ms (" + events + " events)");
        }
        return last;
    }

    /**
     * One page of a peer's stored events after {@code after}, on the HTTP client's own threads, in binary; from a
     * peer of an earlier version (it does not know the binary form) in JSON. Completes exceptionally when the peer
     * fails or is late.
     */
    private CompletableFuture<EventPage.Page> page(String baseUrl, long after, Duration timeout) {
        if (jsonOnly.contains(baseUrl)) {
            return jsonPage(baseUrl, after, timeout);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/history/events/binary?after=" + after
                        + "&limit=" + BINARY_PAGE))
                .header(TransferAuth.HEADER, auth.sign(self, System.currentTimeMillis(), after, BINARY_PAGE))
                .timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenCompose(response -> {
            if (response.statusCode() == 404) {
                jsonOnly.add(baseUrl);
                return jsonPage(baseUrl, after, timeout);
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            return CompletableFuture.completedFuture(EventPage.decode(response.body(), after));
        });
    }

    private CompletableFuture<EventPage.Page> jsonPage(String baseUrl, long after, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/history/events?after=" + after
                        + "&limit=" + PAGE))
                .header(TransferAuth.HEADER, auth.sign(self, System.currentTimeMillis(), after, PAGE))
                .timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            List<CommittedEvent> events = parse(response.body(), after);
            return new EventPage.Page(events, events.size() == PAGE);
        });
    }

    private static List<CommittedEvent> parse(String body, long after) {
        List<CommittedEvent> events = new ArrayList<>();
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            long previous = after;
            for (JsonValue v : reader.readObject().getJsonArray("events")) {
                CommittedEvent e = EventJson.decode((JsonObject) v);
                if (e.seq() <= previous) {
                    throw new IllegalStateException("events out of order at seq " + e.seq());
                }
                previous = e.seq();
                events.add(e);
            }
        }
        return events;
    }
}
