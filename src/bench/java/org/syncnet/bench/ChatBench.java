package org.syncnet.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The chat load generator (a tool that prints numbers, not a test; scripts/bench_chat.sh runs it). N clients are
 * spread round-robin over the servers and join one room of their own ({@code #bench-<tag>}, so a run never sees
 * another run's history); S of them send, either open-loop at a fixed aggregate rate (message k is due at
 * start + k/rate, whether or not earlier ones were answered, and its latency counts from then) or closed-loop with
 * a window of unconfirmed messages per sender (saturation). Optionally the leader is killed mid-run. After the
 * send phase it waits (with a deadline) until every client has every message, then prints what was lost,
 * duplicated or out of order, the latency percentiles and the deliveries per second, and one {@code RESULT} line
 * for the script.
 */
public final class ChatBench {
    private static final long NANOS = 1_000_000_000L;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

    private final BenchOptions o;
    private final LoadOptions load;
    private final LongAdder deliveries = new LongAdder();
    /** The send phase, once it is set up (closed loop: confirmations ask it for the next message). */
    private volatile LoadPhase phase;

    private ChatBench(BenchOptions options) {
        this.o = options;
        this.load = options.load();
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ChatBench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new ChatBench(options).run());
    }

    private int run() throws Exception {
        String tag = BenchRun.tag(4);
        String room = "#bench-" + tag;
        // One selector thread carries every client's WebSocket (see NioWebSocket: why not java.net.http).
        NioLoop loop = new NioLoop("bench-nio");
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-timer");
            t.setDaemon(true);
            return t;
        });
        List<URI> uris = o.chat();
        BenchClient.Observer observer = new BenchClient.Observer() {
            @Override
            public void delivered(long arrivalNanos) {
                deliveries.increment();
            }

            @Override
            public void confirmed(BenchClient client) {
                LoadPhase p = phase;
                long now = System.nanoTime();
                int k = p != null && load.closedLoop() ? p.nextIfOpen(now) : -1;
                if (k >= 0) {
                    client.send(k, now);
                }
            }
        };
        List<BenchClient> clients = new ArrayList<>();
        for (int i = 0; i < load.clients(); i++) {
            clients.add(new BenchClient(i, "b" + tag + "_" + i, tag + "-" + i + "-" + BenchRun.tag(8), room, uris,
                    i % uris.size(), loop, o.tls(), timer, observer));
        }
        List<BenchClient> senders = clients.subList(0, load.senders());
        int[] perServer = new int[uris.size()];
        clients.forEach(c -> perServer[c.server()]++);
        String offered = load.closedLoop() ? "closed loop, window " + load.window() + " per sender"
                : "offered " + load.rate() + " msg/s open-loop";
        System.out.printf(Locale.ROOT, "== %s: %d server(s)%s, %d clients (per server %s), %d senders, %s, %.0f s%s; room %s ==%n",
                o.scenario(), uris.size(), uris.stream().anyMatch(u -> "wss".equals(u.getScheme())) ? " over wss://" : "",
                load.clients(), Arrays.toString(perServer), load.senders(), offered, load.seconds(),
                o.killAt() >= 0 ? String.format(Locale.ROOT, ", leader killed at %.1f s", o.killAt()) : "", room);

        // Join: every client in the room before the first message, so every message is due at every client.
        long joinStart = System.nanoTime();
        clients.forEach(BenchClient::connect);
        try {
            CompletableFuture.allOf(clients.stream().map(BenchClient::joined).toArray(CompletableFuture[]::new))
                    .get(JOIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            System.out.println("FAILED: not all clients joined within " + JOIN_TIMEOUT.toSeconds() + " s:");
            clients.stream().filter(c -> !c.joined().isDone()).limit(5)
                    .forEach(c -> System.out.println("  " + c.nick() + " " + c.errors() + " " + c.notes()));
            clients.forEach(BenchClient::close);
            return 2;
        }
        System.out.printf(Locale.ROOT, "all %d clients joined in %.2f s%n", load.clients(), secs(System.nanoTime() - joinStart));
        if (o.tls() != null) {
            System.out.println("TLS sessions: " + BenchTls.summary());
        }

        // Send phase.
        LoadPhase send = new LoadPhase(load, deliveries::sum, CpuMeter.ofPidFiles(o.runtimeDir(), o.servers()));
        phase = send;
        long start = send.start();
        long end = send.end();
        clients.forEach(c -> c.startTimeline(start, load.seconds()));
        AtomicReference<Object> kill = new AtomicReference<>();
        if (o.killAt() >= 0) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(3)).build();
            LeaderKiller killer = new LeaderKiller(http, o.servers(), o.runtimeDir());
            timer.schedule(() -> {
                try {
                    kill.set(killer.killLeader());
                } catch (RuntimeException e) {
                    kill.set(e.getMessage());
                }
            }, start + (long) (o.killAt() * NANOS) - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        LoadPhase.Result result = send.run(senders, timer);
        int total = result.total();

        // Drain: every client should get every message; give up at the deadline and count what is missing.
        long drainDeadline = System.nanoTime() + (long) (load.drain() * NANOS);
        while (System.nanoTime() < drainDeadline && !clients.stream().allMatch(c -> c.hasAll(total) && c.unconfirmedCount() == 0)) {
            LockSupport.parkNanos(20_000_000L);
        }
        double drained = secs(System.nanoTime() - end);
        clients.forEach(BenchClient::close);

        report(clients, result, start, end, drained, kill.get());
        timer.shutdownNow();
        loop.close();
        return 0;
    }

    private void report(List<BenchClient> clients, LoadPhase.Result result, long start, long end, double drained, Object kill) {
        int total = result.total();
        boolean[] attempted = new boolean[total];
        Arrays.fill(attempted, true);
        List<DeliveryCheck.Receipts> receipts = clients.stream().map(BenchClient::receipts).toList();
        DeliveryCheck.Verdict v = DeliveryCheck.check(attempted, receipts);
        LatencyHistogram latency = new LatencyHistogram();
        clients.forEach(c -> latency.add(c.latency()));
        double perSecond = result.deliveriesPerSecond();
        long maxGap = BenchRun.longestPause(clients.stream().map(BenchClient::arrivals).toList(), start, end);
        int reconnects = clients.stream().mapToInt(BenchClient::reconnects).sum();
        int incomplete = clients.stream().mapToInt(BenchClient::incompleteHistories).sum();
        int refused = clients.stream().mapToInt(BenchClient::refusedMessages).sum();
        Map<String, Integer> errors = new TreeMap<>();
        clients.forEach(c -> c.errors().forEach((k, n) -> errors.merge(k, n, Integer::sum)));
        long expected = (long) total * clients.size();

        String killed = "-";
        if (kill instanceof LeaderKiller.Killed k) {
            killed = k.id();
            System.out.printf(Locale.ROOT, "killed the leader %s (pid %d) with SIGKILL at %.2f s%n", k.id(), k.pid(),
                    secs(k.atNanos() - start));
        } else if (kill != null) {
            killed = "FAILED";
            System.out.println("leader kill FAILED: " + kill);
        }
        System.out.printf(Locale.ROOT, "sent %d messages (%.0f msg/s); deliveries %d of %d expected; drained %.2f s after the send phase%n",
                total, total / load.seconds(), latency.count(), expected, drained);
        System.out.printf(Locale.ROOT, "deliveries/s %.0f (from %.1f s to the end of the send phase); longest pause between deliveries %.0f ms%n",
                perSecond, load.warmup(), maxGap / 1e6);
        System.out.printf(Locale.ROOT, "latency ms, whole phase (intended send -> each receiving client): p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  mean %.1f%n",
                latency.percentile(50) / 1e3, latency.percentile(99) / 1e3, latency.percentile(99.9) / 1e3,
                latency.max() / 1e3, latency.mean() / 1e3);
        DeliveryTimeline timeline = new DeliveryTimeline(start, load.seconds());
        clients.forEach(c -> timeline.add(c.timeline()));
        LatencyHistogram steady = BenchRun.printSteadyLatency(timeline, load.warmup());
        System.out.printf(Locale.ROOT, "lost %d (missing deliveries %d), duplicated %d (messages logged twice %d), order disagreements %d, "
                        + "clients with non-increasing seq %d, seq conflicts %d, unexpected %d%n",
                v.lost(), v.missingDeliveries(), v.duplicates(), v.duplicateMessages(), v.disagreements(),
                v.nonIncreasing(), v.seqConflicts(), v.unexpected());
        System.out.printf("reconnects %d, incomplete histories %d, messages refused %d, frames from servers: %s%n",
                reconnects, incomplete, refused, errors.isEmpty() ? "no errors" : errors);
        Map<String, Double> cpu = new TreeMap<>();
        String used = CpuMeter.difference(result.warm().cpu(), result.end().cpu(), cpu);
        double measured = result.measuredDeliveries();
        double serversCpu = cpu.entrySet().stream().filter(e -> !e.getKey().equals("bench")).mapToDouble(Map.Entry::getValue).sum();
        double benchMsPerK = measured > 0 ? cpu.getOrDefault("bench", 0.0) * 1e6 / measured : 0;
        double serversMsPerK = measured > 0 ? serversCpu * 1e6 / measured : 0;
        System.out.printf(Locale.ROOT, "CPU in the measured %.1f s: %s; per 1000 deliveries: servers %.0f ms, load generator %.0f ms "
                        + "(load average %s)%n", result.measuredSeconds(), used, serversMsPerK, benchMsPerK, BenchRun.loadAverage());
        clients.stream().flatMap(c -> c.notes().stream()).limit(8).forEach(n -> System.out.println("  " + n));
        for (int i = 0, shown = 0; i < clients.size() && shown < 3; i++) {
            DeliveryCheck.Receipts r = receipts.get(i);
            for (int j = 1; j < r.size(); j++) {
                if (r.seqs()[j] <= r.seqs()[j - 1]) {
                    System.out.printf("  %s: seq %d (message %d) after seq %d (message %d), receipt %d of %d%n",
                            clients.get(i).nick(), r.seqs()[j], r.ks()[j], r.seqs()[j - 1], r.ks()[j - 1], j, r.size());
                    shown++;
                    break;
                }
            }
        }
        System.out.printf(Locale.ROOT, "RESULT scenario=%s servers=%d clients=%d senders=%d offered=%s sent=%d deliveries_per_s=%.0f "
                        + "p50_ms=%.1f p99_ms=%.1f max_ms=%.1f p99_all_ms=%.1f lost=%d missing=%d dup=%d dup_logged=%d disorder=%d nonincreasing=%d "
                        + "conflicts=%d reconnects=%d incomplete_histories=%d refused=%d rate_limited=%d killed=%s max_gap_ms=%.0f "
                        + "cpu_servers_ms_per_k=%.0f cpu_bench_ms_per_k=%.0f%n",
                o.scenario(), o.servers().size(), load.clients(), load.senders(), load.offered(), total, perSecond,
                steady.percentile(50) / 1e3, steady.percentile(99) / 1e3, steady.max() / 1e3,
                latency.percentile(99) / 1e3, v.lost(),
                v.missingDeliveries(), v.duplicates(), v.duplicateMessages(), v.disagreements(), v.nonIncreasing(),
                v.seqConflicts(), reconnects, incomplete, refused, errors.getOrDefault("RATE_LIMITED", 0), killed, maxGap / 1e6,
                serversMsPerK, benchMsPerK);
    }

    private static double secs(long nanos) {
        return BenchRun.secs(nanos);
    }
}
