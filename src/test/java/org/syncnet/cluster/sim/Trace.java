package org.syncnet.cluster.sim;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last few noteworthy things a run did (faults, leadership changes), printed when an invariant breaks. */
final class Trace {
    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();
    private long total;

    Trace(int capacity) {
        this.capacity = capacity;
    }

    void add(long now, String line) {
        total++;
        lines.addLast(String.format("%9d ms  %s", now, line));
        if (lines.size() > capacity) {
            lines.removeFirst();
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (total > lines.size()) {
            out.append("  ... ").append(total - lines.size()).append(" earlier lines\n");
        }
        for (String line : lines) {
            out.append("  ").append(line).append('\n');
        }
        return out.toString();
    }
}
