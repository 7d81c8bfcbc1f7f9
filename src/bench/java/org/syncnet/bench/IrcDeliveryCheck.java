package org.syncnet.bench;

import java.util.List;

/**
 * The end-of-run verdict of the IRC benchmark. IRC has no seq, so a message is only its number {@code k}; a
 * client's view is the numbers it received, in arrival order (duplicates included). A client should receive every
 * attempted message, except, without echo-message, its own. Order: every view must agree with one total order
 * ({@link MessageOrder}). Plain data in, counts out.
 */
final class IrcDeliveryCheck {
    /**
     * @param lost              attempted messages missing at one client or more
     * @param missingDeliveries (client, message) pairs missing
     * @param duplicates        receipts of a message a client already had
     * @param unexpected        receipts of messages never attempted, or of a client's own message without echo-message
     * @param disagreements     clients whose order differs from the reference client's (the one with most receipts)
     * @param unorderable       messages no single order can place consistently with every client (0: one order exists)
     */
    record Verdict(int lost, long missingDeliveries, long duplicates, long unexpected, int disagreements, int unorderable) {
        boolean clean() {
            return lost == 0 && duplicates == 0 && unexpected == 0 && disagreements == 0 && unorderable == 0;
        }
    }

    private IrcDeliveryCheck() {
    }

    /**
     * @param senderOf senderOf[k]: the index of the client that sent message k, or -1 if k was never attempted
     * @param echo     whether senders receive their own messages (echo-message)
     * @param views    per client (by index) the message numbers received, in arrival order
     */
    static Verdict check(int[] senderOf, boolean echo, List<int[]> views) {
        int messages = senderOf.length;
        int[] missingAt = new int[messages];
        long missingDeliveries = 0;
        long duplicates = 0;
        long unexpected = 0;
        for (int c = 0; c < views.size(); c++) {
            boolean[] got = new boolean[messages];
            for (int k : views.get(c)) {
                if (k < 0 || k >= messages || senderOf[k] < 0 || (!echo && senderOf[k] == c)) {
                    unexpected++;
                } else if (got[k]) {
                    duplicates++;
                } else {
                    got[k] = true;
                }
            }
            for (int k = 0; k < messages; k++) {
                if (senderOf[k] >= 0 && (echo || senderOf[k] != c) && !got[k]) {
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
        return new Verdict(lost, missingDeliveries, duplicates, unexpected, MessageOrder.disagreements(messages, views),
                MessageOrder.unorderable(messages, views));
    }
}
