package org.syncnet.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Whether clients saw the messages in one order. A client's view is the numbers (0..messages-1) of the messages it
 * received, in arrival order; only the first receipt of a message counts, and numbers out of range are ignored.
 * Missing messages are no disorder: a view only has to agree on the order of what it has. Pure.
 */
final class MessageOrder {
    private MessageOrder() {
    }

    /**
     * Clients whose order of the messages they share with the reference view (the one with the most receipts, say
     * an observer that got everything) differs from the reference's order.
     */
    static int disagreements(int messages, List<int[]> views) {
        int[] reference = null;
        for (int[] v : views) {
            if (reference == null || v.length > reference.length) {
                reference = v;
            }
        }
        if (reference == null) {
            return 0;
        }
        int[] rank = new int[messages];
        Arrays.fill(rank, -1);
        int next = 0;
        for (int k : reference) {
            if (k >= 0 && k < messages && rank[k] < 0) {
                rank[k] = next++;
            }
        }
        int disagreeing = 0;
        for (int[] v : views) {
            boolean[] seen = new boolean[messages];
            int last = -1;
            for (int k : v) {
                if (k < 0 || k >= messages || seen[k] || rank[k] < 0) {
                    continue;
                }
                seen[k] = true;
                if (rank[k] < last) {
                    disagreeing++;
                    break;
                }
                last = rank[k];
            }
        }
        return disagreeing;
    }

    /**
     * Messages that no single order can place so that every view agrees with it: 0 exactly when one total order of
     * all messages agrees with every client (the chat's invariant), else the messages on an order cycle (m1 before
     * m2 at one client, m2 before m1 at another, or longer rings through several clients) and those only placed
     * after one. Unlike {@link #disagreements} this needs no reference, so it also sees disagreement about messages
     * the reference missed. Kahn's topological sort over "a arrived right before b at some client".
     */
    static int unorderable(int messages, List<int[]> views) {
        int edges = 0;
        for (int[] v : views) {
            edges += Math.max(0, v.length - 1);
        }
        int[] from = new int[edges];
        int[] to = new int[edges];
        int[] inDegree = new int[messages];
        int[] outDegree = new int[messages];
        boolean[] present = new boolean[messages];
        int e = 0;
        for (int[] v : views) {
            boolean[] seen = new boolean[messages];
            int previous = -1;
            for (int k : v) {
                if (k < 0 || k >= messages || seen[k]) {
                    continue;
                }
                seen[k] = true;
                present[k] = true;
                if (previous >= 0) {
                    from[e] = previous;
                    to[e] = k;
                    outDegree[previous]++;
                    inDegree[k]++;
                    e++;
                }
                previous = k;
            }
        }
        // Successors of each message, compressed: successors of k are succ[start[k] .. start[k+1]).
        int[] start = new int[messages + 1];
        for (int k = 0; k < messages; k++) {
            start[k + 1] = start[k] + outDegree[k];
        }
        int[] fill = Arrays.copyOf(start, messages);
        int[] succ = new int[e];
        for (int i = 0; i < e; i++) {
            succ[fill[from[i]]++] = to[i];
        }
        int[] queue = new int[messages];
        int head = 0;
        int tail = 0;
        int involved = 0;
        for (int k = 0; k < messages; k++) {
            if (present[k]) {
                involved++;
                if (inDegree[k] == 0) {
                    queue[tail++] = k;
                }
            }
        }
        while (head < tail) {
            int k = queue[head++];
            for (int i = start[k]; i < start[k + 1]; i++) {
                if (--inDegree[succ[i]] == 0) {
                    queue[tail++] = succ[i];
                }
            }
        }
        return involved - tail;
    }
}
