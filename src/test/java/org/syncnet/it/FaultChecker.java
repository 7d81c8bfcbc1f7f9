package org.syncnet.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proves what the faults must not break, from what every client heard and what every node stored: no confirmed line
 * lost, none delivered twice, one order that every client and every node agrees on (keeping each sender's order),
 * and at most one leader per epoch. Each broken rule is one violation, described.
 */
final class FaultChecker {
    private static final Pattern LEADS = Pattern.compile("\\b(server\\d+): \\1 leads epoch (\\d+)");

    /** A message as a node stored it. */
    record Stored(long seq, String nick, String text) {
    }

    private FaultChecker() {
    }

    /** Every message the node at {@code host} stores for the room, oldest first. */
    static List<Stored> stored(String host) throws Exception {
        return new HistoryApi(host, 8080).roomMessages(SteadyChat.ROOM).stream()
                .map(m -> new Stored(m.getJsonNumber("seq").longValue(), m.getString("nick"), m.getString("text")))
                .toList();
    }

    /**
     * The violations in what the users heard and the nodes stored. {@code complete}: the load is over and every node
     * caught up, so every node must hold the same whole history and every resuming user must have heard all of it
     * from its first line on; otherwise a node or a user may be behind (a prefix), never different. Lines confirmed
     * from {@code confirmedBefore} ({@link System#nanoTime()}) on may not be stored yet.
     */
    static List<String> check(List<SteadyChat.User> users, Map<String, List<Stored>> storedByNode, boolean complete,
                              long confirmedBefore) {
        List<String> violations = new ArrayList<>();
        List<Stored> reference = storedByNode.values().stream().max((a, b) -> a.size() - b.size()).orElse(List.of());
        storedByNode.forEach((node, stored) -> {
            for (int i = 0; i < Math.min(stored.size(), reference.size()); i++) {
                if (!stored.get(i).equals(reference.get(i))) {
                    violations.add(node + " stores " + stored.get(i) + " where another node stores " + reference.get(i));
                    break;
                }
            }
            if (complete && stored.size() != reference.size()) {
                violations.add(node + " stores " + stored.size() + " messages, another node " + reference.size());
            }
        });
        Map<String, Stored> byText = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        Map<String, Integer> lastOfSender = new HashMap<>();
        for (int i = 0; i < reference.size(); i++) {
            Stored s = reference.get(i);
            if (byText.put(s.text(), s) != null) {
                violations.add("delivered twice: \"" + s.text() + "\" (seq " + s.seq() + ")");
            }
            position.put(s.text(), i);
            String[] senderAndN = s.text().split(" ");
            int n = Integer.parseInt(senderAndN[1]);
            Integer before = lastOfSender.put(senderAndN[0], n);
            if (before != null && before >= n) {
                violations.add(senderAndN[0] + "'s lines out of its order: \"" + s.text() + "\" after line " + before);
            }
        }
        for (SteadyChat.User u : users) {
            for (SteadyChat.Line line : u.sent()) {
                if (line.confirmedAt != 0 && line.confirmedAt < confirmedBefore && !byText.containsKey(line.text)) {
                    violations.add("confirmed but lost: \"" + line.text + "\"");
                }
                if (line.refused != null && byText.containsKey(line.text)) {
                    violations.add("refused (" + line.refused + ") but delivered: \"" + line.text + "\"");
                }
            }
            violations.addAll(heard(u, byText, position, reference, complete));
            if (u instanceof SteadyChat.WsUser ws && ws.rateLimited.get() > 0) {
                violations.add(u.name + " was rate-limited " + ws.rateLimited.get() + " times (the load's pacing is wrong)");
            }
        }
        return violations;
    }

    /** What one user heard: each line once, in the stored order, under its stored seq; all of it if it resumes. */
    private static List<String> heard(SteadyChat.User u, Map<String, Stored> byText, Map<String, Integer> position,
                                      List<Stored> reference, boolean complete) {
        List<String> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int last = -1;
        long lastStoredSeq = reference.isEmpty() ? 0 : reference.get(reference.size() - 1).seq();
        for (SteadyChat.Heard h : u.heard()) {
            if (!seen.add(h.text())) {
                violations.add(u.name + " heard \"" + h.text() + "\" twice");
                continue;
            }
            Stored s = byText.get(h.text());
            if (s == null) {
                if (complete || h.seq() <= lastStoredSeq && h.seq() > 0) {
                    violations.add(u.name + " heard \"" + h.text() + "\" (seq " + h.seq() + "), which no node stores");
                }
                continue;
            }
            if (h.seq() >= 0) {
                // a WebSocket client orders by seq (a resume's history may arrive after newer live events)
                if (h.seq() != s.seq()) {
                    violations.add(u.name + " heard \"" + h.text() + "\" as seq " + h.seq() + ", stored as " + s.seq());
                }
                continue;
            }
            int at = position.get(h.text());
            if (at < last) {
                violations.add(u.name + " heard \"" + h.text() + "\" after \"" + reference.get(last).text()
                        + "\": another order than the nodes'");
            }
            last = Math.max(last, at);
        }
        if (complete && u.resumes() && !u.heard().isEmpty()) {
            long first = u.heard().get(0).seq();
            List<String> missed = reference.stream().filter(s -> s.seq() >= first && !seen.contains(s.text()))
                    .map(Stored::text).toList();
            if (!missed.isEmpty()) {
                violations.add(u.name + " missed " + missed.size() + " messages, first \"" + missed.get(0) + "\"; its "
                        + "connections: " + u.journal);
            }
        }
        return violations;
    }

    /** From the nodes' logs ("server3: server3 leads epoch 7 ..."): each epoch's leaders; more than one is a violation. */
    static Map<Long, Set<String>> leadersByEpoch(Map<?, List<String>> logs) {
        Map<Long, Set<String>> leaders = new TreeMap<>();
        logs.values().forEach(lines -> lines.forEach(line -> {
            Matcher m = LEADS.matcher(line);
            if (m.find()) {
                leaders.computeIfAbsent(Long.parseLong(m.group(2)), e -> new TreeSet<>()).add(m.group(1));
            }
        }));
        return leaders;
    }

    static List<String> epochViolations(Map<Long, Set<String>> leaders) {
        List<String> violations = new ArrayList<>();
        leaders.forEach((epoch, who) -> {
            if (who.size() > 1) {
                violations.add("epoch " + epoch + " had " + who.size() + " leaders: " + who);
            }
        });
        return violations;
    }
}
