package org.syncnet.chat;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins counted per key (an account, or an address), with growing delays: after {@value #FREE_FAILURES}
 * failures in a row, the next attempt must wait 1 s, then 2 s, 4 s ... up to {@value #MAX_DELAY_MILLIS} ms after
 * the last failure. A success clears the key; a key without failures for {@value #FORGET_AFTER_MILLIS} ms is
 * forgotten. Time is the events' (the origin server's clock when it saw the failure), so every server computes the
 * same counts; at most {@link #capacity} keys are kept, the one failing least recently dropped first, so an attacker
 * rotating addresses cannot grow the state without bound.
 */
final class LoginThrottle {
    static final int FREE_FAILURES = 3;
    static final long MAX_DELAY_MILLIS = 15 * 60_000;
    static final long FORGET_AFTER_MILLIS = 3600_000;

    record Failures(int count, long last) {
    }

    /** In order of last failure: a failing key moves to the end. */
    final Map<String, Failures> byKey = new LinkedHashMap<>();
    final int capacity;

    LoginThrottle(int capacity) {
        this.capacity = capacity;
    }

    void failed(String key, long time) {
        Failures f = current(key, time);
        byKey.remove(key);
        byKey.put(key, new Failures(f == null ? 1 : f.count + 1, Math.max(time, f == null ? 0 : f.last)));
        forgetBefore(time);
        if (byKey.size() > capacity) {
            Iterator<String> eldest = byKey.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    void succeeded(String key) {
        byKey.remove(key);
    }

    /** How long from {@code now} an attempt for {@code key} must wait (0: it may go ahead). */
    long waitMillis(String key, long now) {
        Failures f = current(key, now);
        if (f == null || f.count < FREE_FAILURES) {
            return 0;
        }
        return Math.max(0, f.last + delayAfter(f.count) - now);
    }

    /** Failures in a row of {@code key}, as of {@code now}. */
    int failures(String key, long now) {
        Failures f = current(key, now);
        return f == null ? 0 : f.count;
    }

    /** Keys that must wait at {@code now}. */
    int blocked(long now) {
        int n = 0;
        for (String key : byKey.keySet()) {
            n += waitMillis(key, now) > 0 ? 1 : 0;
        }
        return n;
    }

    static long delayAfter(int failures) {
        if (failures < FREE_FAILURES) {
            return 0;
        }
        int doublings = Math.min(failures - FREE_FAILURES, 20);
        return Math.min(1000L << doublings, MAX_DELAY_MILLIS);
    }

    private Failures current(String key, long now) {
        Failures f = byKey.get(key);
        return f == null || now - f.last > FORGET_AFTER_MILLIS ? null : f;
    }

    /** Drops the keys, oldest first, whose last failure is too old to count at {@code now}. */
    private void forgetBefore(long now) {
        Iterator<Failures> it = byKey.values().iterator();
        while (it.hasNext()) {
            if (now - it.next().last <= FORGET_AFTER_MILLIS) {
                return;
            }
            it.remove();
        }
    }
}
