package org.syncnet.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The IRC load generator (a tool that prints numbers, not a test; scripts/bench_irc.sh runs it against SyncNet's IRC
 * door and against ngircd). N clients are spread round-robin over the IRC ports and join one room of their own
 * ({@code #bench-<tag>}); S of them send PRIVMSGs, either open-loop at a fixed aggregate rate or closed-loop with a
 * window of unconfirmed messages per sender (saturation). A message is confirmed by the sender's own echo when the
 * server acknowledged echo-message, else by its arrival at an observer (the last client, which does not send).
 * After the send phase it waits (with a deadline) until every client has every message, then prints what was lost,
 * duplicated or out of order, the latency percentiles, the deliveries per second and the CPU used, and one
 * {@code RESULT} line for the script.
 */
public final class IrcBench {
    private static final long NANOS = 1_000_000_000L;
    /** Clients that connect at once. */
    private static final int CONNECT_WAVE = 20;
    /** A minute, and more for thousands of clients (each JOIN goes to every member already there). */
    private static Duration joinTimeout(int clients) {
        return Duration.ofSeconds(Math.max(60, clients / 20));
    }

    private final IrcBenchOptions o;
    private final LoadOptions load;
    private final LongAdder deliveries = new LongAdder();
    private final List<IrcBenchClient> clients = new ArrayList<>();
    /** Set before the send phase; read by delivery callbacks on the loop threads. */
    private volatile LoadPhase phase;
    private volatile boolean echo;
    private volatile IrcBenchClient observer;

    private IrcBench(IrcBenchOptions options) {
        this.o = options;
        this.load = options.load();
    }

    public static void main(String[] args) throws Exception {
        IrcBenchOptions options;
        try {
            options = IrcBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("IrcBench: " + e.getMessage());
            System.err.println(IrcBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new IrcBench(options).run());
    }

    private int run() throws Exception {
        String tag = BenchRun.tag(4);
        String room = "#bench-" + tag;
        List<NioLoop> loops = new ArrayList<>();
        for (int i = 0; i < o.loops(); i++) {
            loops.add(new NioLoop("irc-bench-nio-" + i));
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "irc-bench-timer");
            t.setDaemon(true);
            return t;
        });
        int targets = o.targets().size();
        for (int i = 0; i < load.clients(); i++) {
            // Short nicks: RFC 1459 servers (ngircd by default) allow 9 characters.
            clients.add(new IrcBenchClient(i, "b" + tag.substring(0, 3) + i, room, o.targets().get(i % targets),
                    o.wantEcho(), loops.get(i % loops.size()), o.tls(), this::delivered));
        }
        List<IrcBenchClient> senders = clients.subList(0, load.senders());
        int[] perTarget = new int[targets];
        clients.forEach(c -> perTarget[c.index() % targets]++);
        String offered = load.closedLoop() ? "closed loop, window " + load.window() + " per sender"
                : "offered " + load.rate() + " msg/s open-loop";
        System.out.printf(Locale.ROOT, "== %s on %s: %d IRC port(s)%s %s, %d clients (per port %s), %d senders, %s, %.0f s; room %s; "
                        + "%d generator thread(s) ==%n",
                o.scenario(), o.server(), targets, o.tls() != null ? " over TLS" : "",
                o.targets().stream().map(a -> Integer.toString(a.getPort())).toList(),
                load.clients(), Arrays.toString(perTarget), load.senders(), offered, load.seconds(), room, o.loops());

        long joinStart = System.nanoTime();
        long joinDeadline = joinStart + joinTimeout(load.clients()).toNanos();
        try {
            // In waves: many connects at once overflow a server's listen backlog (ngircd's is short: resets).
            for (int from = 0; from < clients.size(); from += CONNECT_WAVE) {
                List<IrcBenchClient> wave = clients.subList(from, Math.min(clients.size(), from + CONNECT_WAVE));
                wave.forEach(IrcBenchClient::connect);
                CompletableFuture.allOf(wave.stream().map(IrcBenchClient::joined).toArray(CompletableFuture[]::new))
                        .get(Math.max(0, joinDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException | ExecutionException e) {
            System.out.println("FAILED: not all clients joined " + room + " within " + joinTimeout(load.clients()).toSeconds() + " s:");
            clients.stream().filter(c -> !c.joined().isDone() || c.joined().isCompletedExceptionally()).limit(5)
                    .forEach(c -> System.out.println("  " + c.nick() + " on " + c.target() + ": " + c.errors() + " " + c.notes()));
            clients.forEach(IrcBenchClient::close);
            return 2;
        }
        long echoing = clients.stream().filter(IrcBenchClient::echo).count();
        if (echoing != 0 && echoing != clients.size()) {
            System.out.println("FAILED: echo-message acknowledged for " + echoing + " of " + clients.size() + " clients");
            clients.forEach(IrcBenchClient::close);
            return 2;
        }
        echo = echoing > 0;
        observer = clients.get(clients.size() - 1);
        if (load.closedLoop() && !echo && load.senders() == load.clients()) {
            System.out.println("FAILED: a closed loop without echo-message needs a client that does not send (--senders < --clients)");
            clients.forEach(IrcBenchClient::close);
            return 2;
        }
        System.out.printf(Locale.ROOT, "all %d clients joined in %.2f s; echo-message: %s%s%n", load.clients(),
                BenchRun.secs(System.nanoTime() - joinStart), echo ? "yes" : "no",
                load.closedLoop() ? (echo ? " (a sender's echo confirms its message)" : " (arrival at " + observer.nick() + " confirms a message)") : "");
        if (o.tls() != null) {
            System.out.println("TLS sessions: " + BenchTls.summary());
        }

        LoadPhase send = new LoadPhase(load, deliveries::sum, new CpuMeter(o.pids()));
        // One timeline per loop thread, shared by its clients: one per client would not fit in memory for thousands.
        List<DeliveryTimeline> perLoop = loops.stream().map(l -> new DeliveryTimeline(send.start(), load.seconds())).toList();
        clients.forEach(c -> c.startTimeline(perLoop.get(c.index() % loops.size())));
        phase = send;
        LoadPhase.Result result = send.run(senders, timer);
        int total = result.total();

        // Drain: every client should get every message; give up at the deadline (or when the rest are gone).
        long drainDeadline = System.nanoTime() + (long) (load.drain() * NANOS);
        while (System.nanoTime() < drainDeadline && !clients.stream().allMatch(c -> c.gone() || c.hasAll(total, echo))) {
            LockSupport.parkNanos(20_000_000L);
        }
        double drained = BenchRun.secs(System.nanoTime() - send.end());
        clients.forEach(IrcBenchClient::close);
        report(result, send.start(), drained);
        timer.shutdownNow();
        loops.forEach(NioLoop::close);
        return 0;
    }

    /** On a loop thread: counts the delivery; in a closed loop a confirmation lets its sender send the next one. */
    private void delivered(IrcBenchClient at, IrcBenchText m, long now) {
        deliveries.increment();
        LoadPhase p = phase;
        if (p == null || !load.closedLoop() || m.sender() >= load.senders()) {
            return;
        }
        boolean confirms = echo ? at.index() == m.sender() : at == observer;
        if (confirms) {
            int k = p.nextIfOpen(now);
            if (k >= 0) {
                clients.get(m.sender()).send(k, now);
            }
        }
    }

    private void report(LoadPhase.Result result, long start, double drained) {
        int total = result.total();
        int[] senderOf = new int[total];
        Arrays.fill(senderOf, -1);
        for (IrcBenchClient c : clients) {
            for (int k : c.sent()) {
                if (k < total) {
                    senderOf[k] = c.index();
                }
            }
        }
        IrcDeliveryCheck.Verdict v = IrcDeliveryCheck.check(senderOf, echo, clients.stream().map(IrcBenchClient::received).toList());
        LatencyHistogram latency = new LatencyHistogram();
        clients.forEach(c -> latency.add(c.latency()));
        double perSecond = result.deliveriesPerSecond();
        DeliveryTimeline timeline = new DeliveryTimeline(start, load.seconds());
        clients.stream().map(IrcBenchClient::timeline).distinct().forEach(timeline::add);  // the loops' shared ones
        long maxGap = timeline.longestPauseMillis();
        long gone = clients.stream().filter(IrcBenchClient::gone).count();
        Map<String, Integer> errors = new TreeMap<>();
        clients.forEach(c -> c.errors().forEach((k, n) -> errors.merge(k, n, Integer::sum)));
        int errorCount = errors.values().stream().mapToInt(Integer::intValue).sum();
        long expected = (long) total * (echo ? clients.size() : clients.size() - 1);

        System.out.printf(Locale.ROOT, "sent %d messages (%.0f msg/s); deliveries %d of %d expected; drained %.2f s after the send phase%n",
                total, total / load.seconds(), latency.count(), expected, drained);
        System.out.printf(Locale.ROOT, "deliveries/s %.0f (from %.1f s to the end of the send phase); longest pause between deliveries %.0f ms%n",
                perSecond, load.warmup(), (double) maxGap);
        System.out.printf(Locale.ROOT, "latency ms, whole phase (intended send -> each receiving client): p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  mean %.1f%n",
                latency.percentile(50) / 1e3, latency.percentile(99) / 1e3, latency.percentile(99.9) / 1e3,
                latency.max() / 1e3, latency.mean() / 1e3);
        LatencyHistogram steady = BenchRun.printSteadyLatency(timeline, load.warmup());
        System.out.printf("lost %d (missing deliveries %d), duplicated %d, order disagreements %d (clients), unorderable %d "
                + "(messages), unexpected %d%n", v.lost(), v.missingDeliveries(), v.duplicates(), v.disagreements(),
                v.unorderable(), v.unexpected());
        System.out.printf("disconnected clients %d, lines from servers: %s%n", gone, errors.isEmpty() ? "no errors" : errors);
        Map<String, Double> cpu = new LinkedHashMap<>();
        String used = CpuMeter.difference(result.warm().cpu(), result.end().cpu(), cpu);
        double measured = result.measuredDeliveries();
        double seconds = result.measuredSeconds();
        double serversCpu = cpu.entrySet().stream().filter(e -> !e.getKey().equals("bench")).mapToDouble(Map.Entry::getValue).sum();
        double benchCpu = cpu.getOrDefault("bench", 0.0);
        double benchMsPerK = measured > 0 ? benchCpu * 1e6 / measured : 0;
        double serversMsPerK = measured > 0 ? serversCpu * 1e6 / measured : 0;
        System.out.printf(Locale.ROOT, "CPU in the measured %.1f s: %s; per 1000 deliveries: servers %.2f ms, load generator %.2f ms "
                + "(load average %s)%n", seconds, used, serversMsPerK, benchMsPerK, BenchRun.loadAverage());
        clients.stream().flatMap(c -> c.notes().stream()).limit(8).forEach(n -> System.out.println("  " + n));
        System.out.printf(Locale.ROOT, "RESULT scenario=%s server=%s ports=%d clients=%d senders=%d offered=%s echo=%s sent=%d "
                        + "msgs_per_s=%.0f deliveries_per_s=%.0f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f p99_all_ms=%.1f lost=%d missing=%d dup=%d "
                        + "disorder=%d unorderable=%d unexpected=%d disconnected=%d errors=%d max_gap_ms=%.0f "
                        + "cpu_servers_ms_per_k=%.2f cpu_bench_ms_per_k=%.2f cpu_servers_pct=%.0f cpu_bench_pct=%.0f%n",
                o.scenario(), o.server(), o.targets().size(), load.clients(), load.senders(), load.offered(),
                echo ? "yes" : "no", total, total / load.seconds(), perSecond, steady.percentile(50) / 1e3,
                steady.percentile(99) / 1e3, steady.max() / 1e3, latency.percentile(99) / 1e3, v.lost(), v.missingDeliveries(), v.duplicates(),
                v.disagreements(), v.unorderable(), v.unexpected(), gone, errorCount, (double) maxGap, serversMsPerK,
                benchMsPerK, seconds > 0 ? serversCpu * 100 / seconds : 0, seconds > 0 ? benchCpu * 100 / seconds : 0);
    }
}
