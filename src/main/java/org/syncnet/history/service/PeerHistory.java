package org.syncnet.history.service;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.syncnet.history.CommittedEvent;
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
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String self;
    private final TransferAuth auth;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).build();

    PeerHistory(String self, TransferAuth auth) {
        this.self = self;
        this.auth = auth;
    }

    /**
     * Fetches from each peer in turn (id to base URL) the events after {@code afterSeq}, handing each page to
     * {@code store}; returns the last event stored, or null if none was fetched.
     */
    CommittedEvent fetch(Map<String, String> peers, long afterSeq, Consumer<List<CommittedEvent>> store) {
        CommittedEvent last = null;
        long after = afterSeq;
        for (Map.Entry<String, String> peer : peers.entrySet()) {
            long from = after;
            long startedAt = System.nanoTime();
            int pages = 0;
            try {
                for (List<CommittedEvent> page = page(peer.getValue(), after); !page.isEmpty();
                     page = page(peer.getValue(), after)) {
                    store.accept(page);
                    last = page.get(page.size() - 1);
                    after = last.seq();
                    pages++;
                    if (page.size() < PAGE) {
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.info(() -> self + ": no history from " + peer.getKey() + " (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            if (pages > 0) {
                long to = after;
                long millis = (System.nanoTime() - startedAt) / 1_000_000;
                LOG.info(() -> self + ": fetched the stored events after seq " + from + " up to seq " + to + " from "
                        + peer.getKey() + " in " + millis + " ms");
            }
        }
        return last;
    }

    private List<CommittedEvent> page(String baseUrl, long after) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/history/events?after=" + after
                        + "&limit=" + PAGE))
                .header(TransferAuth.HEADER, auth.sign(self, System.currentTimeMillis(), after, PAGE))
                .timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        List<CommittedEvent> events = new ArrayList<>();
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            long previous = after;
            for (JsonValue v : reader.readObject().getJsonArray("events")) {
                CommittedEvent e = EventJson.decode((JsonObject) v);
                if (e.seq() <= previous) {
                    throw new IOException("events out of order at seq " + e.seq());
                }
                previous = e.seq();
                events.add(e);
            }
        }
        return events;
    }
}
