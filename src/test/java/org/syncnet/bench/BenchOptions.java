package org.syncnet.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's settings, from {@code --name=value} arguments (the script maps its BENCH_* variables to them).
 *
 * @param rate    aggregate offered messages per second, open-loop (ignored when {@code window > 0})
 * @param window  closed loop: each sender keeps this many messages unconfirmed (saturation); 0 = fixed rate
 * @param killAt  seconds into the send phase to kill the leader with SIGKILL; negative = no kill
 */
record BenchOptions(String scenario, List<Server> servers, int clients, int senders, int rate, int window,
                    double seconds, double warmup, double killAt, double drain, Path runtimeDir) {
    /** A server: its id (as in the cluster view) and HTTP base URL including the context root. */
    record Server(String id, String http) {
        URI chat() {
            return URI.create(http.replaceFirst("^http", "ws") + "/chat");
        }
    }

    static final String USAGE = """
            usage: ChatBench --servers=server1=http://127.0.0.1:8300/syncnet,server2=... [--scenario=name]
                   [--clients=30] [--senders=10] [--rate=1000 | --window=N] [--seconds=10] [--warmup=2]
                   [--kill-at=SECONDS --runtime-dir=DIR] [--drain=30]""";

    static BenchOptions parse(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("not --name=value: " + arg);
            }
            a.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        List<Server> servers = new ArrayList<>();
        for (String s : a.getOrDefault("servers", "").split(",")) {
            String[] idUrl = s.trim().split("=", 2);
            if (idUrl.length != 2 || !idUrl[1].matches("https?://[^/]+/\\S*")) {
                throw new IllegalArgumentException("--servers: want id=http://host:port/context, got '" + s + "'");
            }
            servers.add(new Server(idUrl[0], idUrl[1].replaceAll("/+$", "")));
        }
        BenchOptions o = new BenchOptions(a.getOrDefault("scenario", "bench"), List.copyOf(servers),
                integer(a, "clients", 30), integer(a, "senders", 10), integer(a, "rate", 1000), integer(a, "window", 0),
                number(a, "seconds", 10), number(a, "warmup", 2), number(a, "kill-at", -1), number(a, "drain", 30),
                a.containsKey("runtime-dir") ? Path.of(a.get("runtime-dir")).toAbsolutePath() : null);
        a.keySet().removeAll(List.of("scenario", "servers", "clients", "senders", "rate", "window", "seconds", "warmup",
                "kill-at", "drain", "runtime-dir"));
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + a.keySet());
        }
        o.validate();
        return o;
    }

    private void validate() {
        require(clients >= 1 && clients <= 1000, "--clients must be 1..1000");
        require(senders >= 1 && senders <= clients, "--senders must be 1..clients");
        require(rate >= 1 && rate <= 1_000_000, "--rate must be 1..1000000");
        require(window >= 0 && window <= 10_000, "--window must be 0..10000");
        require(seconds > 0 && seconds <= 3600, "--seconds must be in (0, 3600]");
        require(warmup >= 0 && warmup < seconds, "--warmup must be in [0, seconds)");
        require(drain >= 0, "--drain must be >= 0");
        require(killAt < 0 || (killAt < seconds && runtimeDir != null), "--kill-at needs --runtime-dir and < seconds");
        require(window > 0 || (long) Math.ceil(rate * seconds) < Integer.MAX_VALUE / 2, "rate * seconds too large");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static int integer(Map<String, String> a, String name, int dflt) {
        try {
            return a.containsKey(name) ? Integer.parseInt(a.get(name)) : dflt;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer: " + a.get(name));
        }
    }

    private static double number(Map<String, String> a, String name, double dflt) {
        try {
            return a.containsKey(name) ? Double.parseDouble(a.get(name)) : dflt;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number: " + a.get(name));
        }
    }
}
