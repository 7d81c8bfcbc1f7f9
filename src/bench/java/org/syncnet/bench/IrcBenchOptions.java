package org.syncnet.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The IRC benchmark's settings, from {@code --name=value} arguments (scripts/bench_irc.sh passes them).
 *
 * @param scenario a name for the RESULT line (rate, saturation...)
 * @param server   what is measured, for the RESULT line (syncnet, ngircd)
 * @param targets  the IRC ports; clients are spread over them round-robin
 * @param load     clients, senders, rate or window, durations
 * @param pids     processes whose CPU time is measured, by a name for the report
 * @param wantEcho request echo-message when the server offers it ({@code --echo=auto}, the default; {@code off}: never)
 * @param loops    selector threads carrying the clients (round-robin); one by default, since more threads batch less
 *                 and contend more
 * @param tls      the targets speak IRC over TLS, trusted through this context ({@code --tls-trust-store}); null: plain
 */
record IrcBenchOptions(String scenario, String server, List<InetSocketAddress> targets, LoadOptions load,
                       Map<String, Long> pids, boolean wantEcho, int loops, SSLContext tls) {
    static final String USAGE = "usage: IrcBench --targets=127.0.0.1:8230,127.0.0.1:8231,... [--scenario=name] [--server=name]\n"
            + "       " + LoadOptions.USAGE + "\n"
            + "       [--pids=server1=1234,server2=1235] [--echo=auto|off] [--loops=1] " + BenchTls.USAGE;

    static IrcBenchOptions parse(String[] args) {
        BenchArgs a = new BenchArgs(args);
        List<InetSocketAddress> targets = new ArrayList<>();
        for (String t : a.text("targets", "").split(",")) {
            int colon = t.lastIndexOf(':');
            int port = colon < 0 ? -1 : port(t.substring(colon + 1));
            if (colon <= 0 || port < 1 || port > 65535) {
                throw new IllegalArgumentException("--targets: want host:port,..., got '" + t + "'");
            }
            targets.add(new InetSocketAddress(t.substring(0, colon).trim(), port));
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        String pidList = a.text("pids", "");
        for (String p : pidList.isBlank() ? new String[0] : pidList.split(",")) {
            String[] idPid = p.trim().split("=", 2);
            if (idPid.length != 2 || !idPid[1].matches("[0-9]{1,10}") || idPid[0].isBlank()) {
                throw new IllegalArgumentException("--pids: want name=pid,..., got '" + p + "'");
            }
            pids.put(idPid[0], Long.parseLong(idPid[1]));
        }
        String echo = a.text("echo", "auto");
        BenchArgs.require(echo.equals("auto") || echo.equals("off"), "--echo must be auto or off: " + echo);
        IrcBenchOptions o = new IrcBenchOptions(a.text("scenario", "bench"), a.text("server", "irc"), List.copyOf(targets),
                LoadOptions.parse(a), Collections.unmodifiableMap(pids), echo.equals("auto"), a.integer("loops", 1),
                BenchTls.fromArgs(a));
        a.requireAllUsed();
        BenchArgs.require(o.loops >= 1 && o.loops <= 16, "--loops must be 1..16");
        return o;
    }

    private static int port(String digits) {
        return digits.trim().matches("[0-9]{1,5}") ? Integer.parseInt(digits.trim()) : -1;
    }
}
