package org.syncnet.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The chat benchmark's settings, from {@code --name=value} arguments (the script maps its BENCH_* variables to them).
 *
 * @param servers the servers; their HTTP URLs also serve the REST view the leader kill asks
 * @param chat    the chat endpoint of each server, in the order of {@code servers}: {@code --chat-urls}, by default
 *                ws:// of each HTTP URL
 * @param load    clients, senders, rate or window, durations
 * @param killAt  seconds into the send phase to kill the leader with SIGKILL; negative = no kill
 * @param tls     trust for wss:// chat URLs ({@code --tls-trust-store}); null when there are none
 */
record BenchOptions(String scenario, List<Server> servers, List<URI> chat, LoadOptions load, double killAt,
                    Path runtimeDir, SSLContext tls) {
    /** A server: its id (as in the cluster view) and HTTP base URL including the context root. */
    record Server(String id, String http) {
        URI chat() {
            return URI.create(http.replaceFirst("^http", "ws") + "/chat");
        }
    }

    static final String USAGE = "usage: ChatBench --servers=server1=http://127.0.0.1:8300/syncnet,server2=... [--scenario=name]\n"
            + "       " + LoadOptions.USAGE + "\n"
            + "       [--kill-at=SECONDS --runtime-dir=DIR]\n"
            + "       [--chat-urls=wss://127.0.0.1:8663/syncnet/chat,... (one a server, in order)] " + BenchTls.USAGE;

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
        List<URI> chat = new ArrayList<>();
        String chatUrls = a.text("chat-urls", "");
        if (chatUrls.isBlank()) {
            servers.forEach(s -> chat.add(s.chat()));
        } else {
            for (String u : chatUrls.split(",")) {
                BenchArgs.require(u.trim().matches("wss?://[^/]+/\\S*"), "--chat-urls: want ws(s)://host:port/path,..., got '" + u + "'");
                chat.add(URI.create(u.trim()));
            }
            BenchArgs.require(chat.size() == servers.size(), "--chat-urls: one a server (" + servers.size() + ")");
        }
        SSLContext tls = BenchTls.fromArgs(a);
        BenchArgs.require(tls != null || chat.stream().noneMatch(u -> u.getScheme().equals("wss")),
                "wss:// chat URLs need --" + BenchTls.OPTION);
        BenchOptions o = new BenchOptions(a.text("scenario", "bench"), List.copyOf(servers), List.copyOf(chat),
                LoadOptions.parse(a), a.number("kill-at", -1),
                a.has("runtime-dir") ? Path.of(a.text("runtime-dir", null)).toAbsolutePath() : null, tls);
        a.requireAllUsed();
        BenchArgs.require(o.killAt < 0 || (o.killAt < o.load.seconds() && o.runtimeDir != null),
                "--kill-at needs --runtime-dir and < seconds");
        return o;
    }
}
