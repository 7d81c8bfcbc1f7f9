package org.syncnet.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The end-of-run verdict over what every client received: which attempted messages are missing where, what
 * arrived twice, and whether all clients saw one order. A message is its benchmark number {@code k}; a receipt is
 * (seq, k) in arrival order at one client. Plain data in, counts out, so it is unit-tested apart from sockets.
 */
final class DeliveryCheck {
    /** One client's receipts in arrival order: {@code seqs[i]} carried message {@code ks[i]}. */
    record Receipts(long[] seqs, int[] ks, int size) {
    }

    /**
     * @param lost               attempted messages missing at one client or more
     * @param missingDeliveries  (client, message) pairs missing
     * @param duplicates         receipts of a message a client already had (the same message delivered twice,
     *                           under the same or another seq)
     * @param duplicateMessages  messages that some client got under two different seqs (logged twice)
     * @param seqConflicts       seqs that carried different messages at different clients
     * @param nonIncreasing      clients where a seq did not grow over the one before it
     * @param disagreements      clients whose order of messages differs from the reference client's
     * @param unexpected         receipts of messages never attempted
     */
    record Verdict(int lost, long missingDeliveries, long duplicates, int duplicateMessages, int seqConflicts,
                   int nonIncreasing, int disagreements, long unexpected) {
        boolean clean() {
            return lost == 0 && duplicates == 0 && duplicateMessages == 0 && seqConflicts == 0 && nonIncreasing == 0
                    && disagreements == 0 && unexpected == 0;
        }
    }

    private DeliveryCheck() {
    }

    /** @param attempted attempted[k]: message k was sent (or queued to send) by its client */
    static Verdict check(boolean[] attempted, List<Receipts> clients) {
        int messages = attempted.length;
        int[] missingAt = new int[messages];
        long missingDeliveries = 0;
        long duplicates = 0;
        long unexpected = 0;
        int nonIncreasing = 0;
        Map<Long, Integer> messageOfSeq = new HashMap<>();
        Map<Integer, Long> seqOfMessage = new HashMap<>();
        Set<Long> conflictingSeqs = new HashSet<>();
        Set<Integer> twiceLogged = new HashSet<>();
        for (Receipts r : clients) {
            boolean[] got = new boolean[messages];
            long last = Long.MIN_VALUE;
            boolean increasing = true;
            for (int i = 0; i < r.size(); i++) {
                long seq = r.seqs()[i];
                int k = r.ks()[i];
                if (seq <= last) {
                    increasing = false;
                }
                last = Math.max(last, seq);
                if (k < 0 || k >= messages || !attempted[k]) {
                    unexpected++;
                    continue;
                }
                if (got[k]) {
                    duplicates++;
                } else {
                    got[k] = true;
                }
                Integer other = messageOfSeq.putIfAbsent(seq, k);
                if (other != null && other != k) {
                    conflictingSeqs.add(seq);
                }
                Long otherSeq = seqOfMessage.putIfAbsent(k, seq);
                if (otherSeq != null && otherSeq != seq) {
                    twiceLogged.add(k);
                }
            }
            if (!increasing) {
                nonIncreasing++;
            }
            for (int k = 0; k < messages; k++) {
                if (attempted[k] && !got[k]) {
                    missingAt[k]++;
                    missingDeliveries++;
                }
            }
        }
        int lost = 0;
        for (int k = 0; k < messages; k++) {
            if (missingAt[k] > 0) {
                lost++;
            }
        }
        return new Verdict(lost, missingDeliveries, duplicates, twiceLogged.size(), conflictingSeqs.size(),
                nonIncreasing, disagreements(messages, clients), unexpected);
    }

    /** Clients whose order differs from the reference client's (see {@link MessageOrder#disagreements}). */
    private static int disagreements(int messages, List<Receipts> clients) {
        return MessageOrder.disagreements(messages, clients.stream().map(r -> Arrays.copyOf(r.ks(), r.size())).toList());
    }
}
