import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Prints every server's view of the cluster side by side. Used by scripts/cluster_status.sh; needs only a JDK.
 * Arguments: one "id:httpPort:managementPort:pid" per server (pid "-" when not running).
 */
public class ClusterStatus {

    record Server(String id, int http, int mgmt, String pid) {
    }

    record Probe(Server server, int viewStatus, Map<String, Object> view, String error, int readyStatus) {
    }

    public static void main(String[] args) {
        List<Server> servers = new ArrayList<>();
        for (String a : args) {
            String[] p = a.split(":");
            servers.add(new Server(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]), p[3]));
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<CompletableFuture<Probe>> futures = new ArrayList<>();
        for (Server s : servers) {
            futures.add(CompletableFuture.supplyAsync(() -> probe(client, s)));
        }
        List<Probe> probes = futures.stream().map(CompletableFuture::join).toList();

        List<String> labels = new ArrayList<>();
        List<List<String>> columns = new ArrayList<>();
        labels.add("");
        labels.add("process");
        labels.add("REST view");
        labels.add("health/ready");
        labels.add("role");
        labels.add("leader");
        labels.add("epoch");
        labels.add("quorum");
        // Member rows: every id named by any view, in ring order of the first view that lists it.
        List<String> memberIds = new ArrayList<>();
        for (Probe p : probes) {
            for (Object m : list(p.view() == null ? null : p.view().get("members"))) {
                String id = str(map(m).get("id"));
                if (!memberIds.contains(id)) {
                    memberIds.add(id);
                }
            }
        }
        for (String id : memberIds) {
            labels.add("member " + id);
        }
        labels.add("dropped");

        for (Probe p : probes) {
            List<String> c = new ArrayList<>();
            Server s = p.server();
            c.add(s.id());
            c.add("-".equals(s.pid()) ? "not running" : "pid " + s.pid());
            c.add(p.view() != null ? "ok :" + s.http() : p.error());
            c.add(p.readyStatus() == 200 ? "UP" : p.readyStatus() == 503 ? "DOWN (503)"
                    : p.readyStatus() == 0 ? "-" : "HTTP " + p.readyStatus());
            Map<String, Object> v = p.view() == null ? Map.of() : p.view();
            c.add(str(v.getOrDefault("role", "-")));
            c.add(v.isEmpty() ? "-" : v.get("leader") == null ? "(none)" : str(v.get("leader")));
            c.add(str(v.getOrDefault("epoch", "-")));
            c.add(v.isEmpty() ? "-" : Boolean.TRUE.equals(v.get("hasQuorum")) ? "yes" : "NO");
            Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
            for (Object m : list(v.get("members"))) {
                byId.put(str(map(m).get("id")), map(m));
            }
            for (String id : memberIds) {
                Map<String, Object> m = byId.get(id);
                if (m == null) {
                    c.add("-");
                } else if (id.equals(v.get("self"))) {
                    c.add("(self)");
                } else {
                    // state (ALIVE, SUSPECT, FAILED, LEFT...) when the view has it, else alive/DEAD
                    String state = m.get("state") != null ? str(m.get("state"))
                            : Boolean.TRUE.equals(m.get("alive")) ? "alive" : "DEAD";
                    Object ago = m.get("lastHeardMillisAgo");
                    String heard = ago == null ? ", never heard" : ", heard " + seconds(ago) + " ago";
                    c.add(state + heard);
                }
            }
            c.add(v.get("dropped") == null ? "-" : compact(v.get("dropped")));
            columns.add(c);
        }

        int labelWidth = labels.stream().mapToInt(String::length).max().orElse(0);
        int[] widths = columns.stream().mapToInt(c -> c.stream().mapToInt(String::length).max().orElse(0)).toArray();
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < labels.size(); row++) {
            out.append(pad(labels.get(row), labelWidth));
            for (int col = 0; col < columns.size(); col++) {
                out.append("  ").append(pad(columns.get(col).get(row), widths[col]));
            }
            out.append('\n');
        }
        // Summary: do all running servers agree?
        List<Object> leaders = probes.stream().filter(p -> p.view() != null).map(p -> p.view().get("leader"))
                .distinct().toList();
        if (leaders.isEmpty()) {
            out.append("No server answered.\n");
        } else if (leaders.size() == 1 && leaders.get(0) != null) {
            out.append("All answering servers agree: leader ").append(leaders.get(0)).append('\n');
        } else {
            out.append("Servers DISAGREE about the leader: ").append(leaders).append('\n');
        }
        System.out.print(out);
    }

    static Probe probe(HttpClient client, Server s) {
        int ready = 0;
        try {
            ready = client.send(request("http://127.0.0.1:" + s.mgmt() + "/health/ready"),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            // not reachable
        }
        try {
            HttpResponse<String> r = client.send(request("http://127.0.0.1:" + s.http() + "/syncnet/api/cluster"),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return new Probe(s, r.statusCode(), null, "HTTP " + r.statusCode(), ready);
            }
            return new Probe(s, 200, map(new Json(r.body()).value()), null, ready);
        } catch (java.net.ConnectException e) {
            return new Probe(s, 0, null, "unreachable", ready);
        } catch (Exception e) {
            return new Probe(s, 0, null, "error: " + e.getClass().getSimpleName(), ready);
        }
    }

    static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
    }

    static String seconds(Object millis) {
        double ms = ((Number) millis).doubleValue();
        return String.format("%.1fs", ms / 1000.0);
    }

    static String compact(Object o) {
        if (o instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getValue() instanceof Number n) || n.doubleValue() != 0) {
                    b.append(b.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(compact(e.getValue()));
                }
            }
            return b.length() == 0 ? "none" : b.toString();
        }
        return str(o);
    }

    static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    static String str(Object o) {
        if (o instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(o);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List ? (List<Object>) o : List.of();
    }

    /** A minimal JSON reader: objects (ordered maps), arrays, strings, numbers (double), booleans, null. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            ws();
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    Map<String, Object> m = new LinkedHashMap<>();
                    i++;
                    ws();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        m.put(k, value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[': {
                    List<Object> l = new ArrayList<>();
                    i++;
                    ws();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return l;
                        }
                    }
                }
                case '"':
                    return string();
                default:
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    return Double.parseDouble(s.substring(start, i));
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            i++;
            return b.toString();
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
            i++;
        }
    }
}
