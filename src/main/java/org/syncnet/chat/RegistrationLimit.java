package org.syncnet.chat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@link ChatLimits#REGISTRATIONS_PER_ADDRESS} account registrations per address within
 * {@link ChatLimits#REGISTRATION_WINDOW_MILLIS}, by the events' times, so every server agrees; at most
 * {@link #capacity} addresses are remembered (the least recent dropped first).
 */
final class RegistrationLimit {
    /** Per address, the times of its recent registrations, oldest first; addresses in order of last registration. */
    final Map<String, Deque<Long>> byAddress = new LinkedHashMap<>();
    final int capacity;

    RegistrationLimit(int capacity) {
        this.capacity = capacity;
    }

    boolean allows(String address, long now) {
        Deque<Long> times = byAddress.get(address);
        if (times == null) {
            return true;
        }
        long recent = times.stream().filter(t -> now - t < ChatLimits.REGISTRATION_WINDOW_MILLIS).count();
        return recent < ChatLimits.REGISTRATIONS_PER_ADDRESS;
    }

    void registered(String address, long time) {
        Deque<Long> times = byAddress.remove(address);
        if (times == null) {
            times = new ArrayDeque<>();
        }
        times.addLast(time);
        while (times.size() > ChatLimits.REGISTRATIONS_PER_ADDRESS) {
            times.removeFirst();
        }
        byAddress.put(address, times);
        if (byAddress.size() > capacity) {
            Iterator<String> eldest = byAddress.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }
}
