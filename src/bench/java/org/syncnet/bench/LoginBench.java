package org.syncnet.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import org.syncnet.chat.PasswordCredential;
import org.syncnet.chat.app.AccountDesk;
import org.syncnet.chat.service.AccountConfig;

/**
 * What one password check costs a server (a tool that prints numbers, not a test; scripts/bench_login.sh runs it once
 * with the servers' JVM flags and once with the JVM's defaults): {@link PasswordCredential#matches} (a login with a
 * password: SASL PLAIN, the browser's login) and {@link PasswordCredential#of} (a new password's credential) at the
 * configured iterations, each timed after a warm-up, on this one thread. It prints the median and p90 of the wall
 * time and of the thread's CPU time per call, the checks per second one core sustains (from the median CPU time:
 * on a shared machine the wall time also holds what else ran), and one {@code RESULT} line for the script.
 */
public final class LoginBench {
    static final String USAGE = "usage: LoginBench [--iterations=" + AccountConfig.DEFAULT_ITERATIONS
            + "] [--checks=20] [--warmup-seconds=3] [--label=name]";

    private static final String PASSWORD = "correct horse battery staple";

    private LoginBench() {
    }

    public static void main(String[] args) {
        int iterations;
        int checks;
        double warmupSeconds;
        String label;
        try {
            BenchArgs a = new BenchArgs(args);
            iterations = a.integer("iterations", AccountConfig.DEFAULT_ITERATIONS);
            checks = a.integer("checks", 20);
            warmupSeconds = a.number("warmup-seconds", 3);
            label = a.text("label", "jvm");
            a.requireAllUsed();
            BenchArgs.require(iterations >= PasswordCredential.MIN_ITERATIONS && iterations <= PasswordCredential.MAX_ITERATIONS,
                    "--iterations must be " + PasswordCredential.MIN_ITERATIONS + ".." + PasswordCredential.MAX_ITERATIONS);
            BenchArgs.require(checks >= 1 && checks <= 100_000, "--checks must be 1..100000");
            BenchArgs.require(warmupSeconds >= 0, "--warmup-seconds must be >= 0");
        } catch (IllegalArgumentException e) {
            System.err.println("LoginBench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            System.err.println("LoginBench: this JVM cannot measure a thread's CPU time");
            System.exit(2);
        }
        threads.setThreadCpuTimeEnabled(true);
        byte[] salt = new byte[AccountDesk.SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        PasswordCredential credential = PasswordCredential.of(PASSWORD, salt, iterations);

        // Warm-up: until the time has passed and both calls ran a few times, so that the JIT has compiled the hash
        // loop as far as these flags let it.
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int warmCalls = 0;
        int wrong = 0;
        while (warmCalls < 3 || System.nanoTime() < warmEnd) {
            wrong += credential.matches(warmCalls % 2 == 0 ? PASSWORD : "wrong") == (warmCalls % 2 == 0) ? 0 : 1;
            wrong += PasswordCredential.of(PASSWORD, salt, iterations).equals(credential) ? 0 : 1;
            warmCalls++;
        }

        // Alternating right and wrong passwords: a guess costs what a login does.
        long[] matchWall = new long[checks];
        long[] matchCpu = new long[checks];
        long[] ofWall = new long[checks];
        long[] ofCpu = new long[checks];
        for (int i = 0; i < checks; i++) {
            boolean right = i % 2 == 0;
            long c0 = threads.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            boolean ok = credential.matches(right ? PASSWORD : "wrong password " + i);
            long w1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            PasswordCredential fresh = PasswordCredential.of(PASSWORD, salt, iterations);
            long w2 = System.nanoTime();
            long c2 = threads.getCurrentThreadCpuTime();
            // the answers are checked, so that no call is work the JIT could drop
            wrong += (ok == right ? 0 : 1) + (fresh.equals(credential) ? 0 : 1);
            matchWall[i] = w1 - w0;
            matchCpu[i] = c1 - c0;
            ofWall[i] = w2 - w1;
            ofCpu[i] = c2 - c1;
        }
        if (wrong > 0) {
            System.out.println("FAILED: " + wrong + " calls gave the wrong answer");
            System.exit(1);
        }

        double mWall50 = ms(percentile(matchWall, 50));
        double mWall90 = ms(percentile(matchWall, 90));
        double mCpu50 = ms(percentile(matchCpu, 50));
        double mCpu90 = ms(percentile(matchCpu, 90));
        double oWall50 = ms(percentile(ofWall, 50));
        double oCpu50 = ms(percentile(ofCpu, 50));
        double perCore = mCpu50 > 0 ? 1000 / mCpu50 : 0;
        System.out.printf(Locale.ROOT, "== %s: %d iterations, %d checks after %d warm-up calls (%.1f s); %s; UseSHA=%s ==%n",
                label, iterations, checks, warmCalls, warmupSeconds, jit(), vmOption("UseSHA"));
        System.out.printf(Locale.ROOT, "matches (a login):       wall median %.1f ms, p90 %.1f ms; CPU median %.1f ms, p90 %.1f ms%n",
                mWall50, mWall90, mCpu50, mCpu90);
        System.out.printf(Locale.ROOT, "of (a new credential):   wall median %.1f ms; CPU median %.1f ms%n", oWall50, oCpu50);
        System.out.printf(Locale.ROOT, "one core sustains %.1f checks/s (1000 / the median CPU ms of matches)%n", perCore);
        System.out.printf(Locale.ROOT, "RESULT label=%s iterations=%d checks=%d match_wall_p50_ms=%.1f match_wall_p90_ms=%.1f "
                        + "match_cpu_p50_ms=%.1f match_cpu_p90_ms=%.1f of_wall_p50_ms=%.1f of_cpu_p50_ms=%.1f checks_per_s_core=%.1f%n",
                label, iterations, checks, mWall50, mWall90, mCpu50, mCpu90, oWall50, oCpu50, perCore);
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** "C1 only" with -XX:TieredStopAtLevel=1 (as the servers run), else "C2". */
    private static String jit() {
        String level = vmOption("TieredStopAtLevel");
        String tiered = vmOption("TieredCompilation");
        if ("false".equals(tiered)) {
            return "C2 only (no tiers)";
        }
        return level.matches("[0-3]") ? "JIT up to tier " + level + (level.equals("1") ? " (C1 only)" : "") : "C1 and C2";
    }

    private static String vmOption(String name) {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
