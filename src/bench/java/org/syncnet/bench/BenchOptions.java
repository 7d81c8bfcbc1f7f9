package org.syncnet.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat benchmark's settings, from {@code --name=value} arguments (the script maps its BENCH_* variables to them).
 *
 * @param load    clients, senders, rate or window, durations
 * @param killAt  seconds into the send phase to kill the leader with SIGKILL; negative = no kill
 */
record BenchOptions(String scenario, List<Server> servers, LoadOptions load, double killAt, Path runtimeDir) {
    /** A server: its id (as in the cluster view) and HTTP base URL including the context root. */
    record Server(String id, String http) {
        URI chat() {
            return URI.create(http.replaceFirst("^http", "ws") + "/chat");
        }
    }

    static final String USAGE = "usage: ChatBench --servers=server1=http://127.0.0.1:8300/syncnet,server2=... [--scenario=name]\n"
            + "       " + LoadOptions.USAGE + "\n"
            + "       [--kill-at=SECONDS --runtime-dir=DIR]";

    static BenchOptions parse(String[] args) {
        BenchArgs a = new BenchArgs(args);
        List<Server> servers = new ArrayList<>();
        for (String s : a.text("servers", "").split(",")) {
            String[] idUrl = s.trim().split("=", 2);
            if (idUrl.length != 2 || !idUrl[1].matches("https?://[^/]+/\\S*")) {
                throw new IllegalArgumentException("--servers: want id=http://host:port/context, got '" + s + "'");
            }
            servers.add(new Server(idUrl[0], idUrl[1].replaceAll("/+$", "")));
        }
        BenchOptions o = new BenchOptions(a.text("scenario", "bench"), List.copyOf(servers), LoadOptions.parse(a),
                a.number("kill-at", -1), a.has("runtime-dir") ? Path.of(a.text("runtime-dir", null)).toAbsolutePath() : null);
        a.requireAllUsed();
        BenchArgs.require(o.killAt < 0 || (o.killAt < o.load.seconds() && o.runtimeDir != null),
                "--kill-at needs --runtime-dir and < seconds");
        return o;
    }
}
