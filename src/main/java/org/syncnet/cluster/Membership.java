package org.syncnet.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configured servers in ring order. Ring order decides who leads (the highest live position) and who
 * owns an epoch: epoch {@code e} belongs to the member at ring index {@code e mod size}, so two servers can
 * never lead the same epoch, whatever the network does.
 */
public final class Membership {
    private final List<Member> ring;
    private final Map<String, Integer> indexById = new HashMap<>();

    public Membership(List<Member> members) {
        if (members.isEmpty()) {
            throw new InvalidSettingException(Settings.MEMBERS, "no members configured");
        }
        List<Member> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparingInt(Member::ringPosition));
        Set<Integer> positions = new HashSet<>();
        for (int i = 0; i < sorted.size(); i++) {
            Member m = sorted.get(i);
            if (indexById.put(m.id(), i) != null) {
                throw new InvalidSettingException(Settings.MEMBERS, "duplicate member id '" + m.id() + "'");
            }
            if (!positions.add(m.ringPosition())) {
                throw new InvalidSettingException(Settings.MEMBERS, "duplicate ring position " + m.ringPosition());
            }
        }
        this.ring = List.copyOf(sorted);
    }

    /**
     * Parses {@code id@host:port/ringPosition} entries separated by commas, e.g.
     * {@code server1@127.0.0.1:8020/0,server2@127.0.0.1:8021/1}.
     */
    public static Membership parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidSettingException(Settings.MEMBERS, "empty; expected id@host:port/ring,...");
        }
        List<Member> members = new ArrayList<>();
        for (String raw : spec.split(",")) {
            members.add(parseMember(raw.trim()));
        }
        return new Membership(members);
    }

    private static Member parseMember(String entry) {
        int at = entry.indexOf('@');
        int colon = entry.lastIndexOf(':');
        int slash = entry.lastIndexOf('/');
        if (at <= 0 || colon <= at + 1 || slash <= colon + 1 || slash == entry.length() - 1) {
            throw new InvalidSettingException(Settings.MEMBERS,
                    "'" + entry + "' is not of the form id@host:port/ringPosition");
        }
        String id = entry.substring(0, at);
        if (!id.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new InvalidSettingException(Settings.MEMBERS,
                    "member id '" + id + "' must be 1-32 letters, digits, '.', '_' or '-'");
        }
        String host = entry.substring(at + 1, colon);
        int port = parseInt(entry.substring(colon + 1, slash), entry);
        int ring = parseInt(entry.substring(slash + 1), entry);
        if (port < 1 || port > 65535) {
            throw new InvalidSettingException(Settings.MEMBERS, "port " + port + " of '" + id + "' out of range");
        }
        if (ring < 0) {
            throw new InvalidSettingException(Settings.MEMBERS, "ring position of '" + id + "' is negative");
        }
        return new Member(id, host, port, ring);
    }

    private static int parseInt(String text, String entry) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(Settings.MEMBERS, "'" + text + "' in '" + entry + "' is not a number");
        }
    }

    public int size() {
        return ring.size();
    }

    /** Members sorted by ring position, lowest first. */
    public List<Member> ring() {
        return ring;
    }

    public boolean contains(String id) {
        return indexById.containsKey(id);
    }

    public Member member(String id) {
        Integer i = indexById.get(id);
        if (i == null) {
            throw new IllegalArgumentException("unknown member " + id);
        }
        return ring.get(i);
    }

    /** Index in ring order: higher ranks higher. */
    public int rank(String id) {
        Integer i = indexById.get(id);
        if (i == null) {
            throw new IllegalArgumentException("unknown member " + id);
        }
        return i;
    }

    public int majority() {
        return ring.size() / 2 + 1;
    }

    /** The only member that may lead epoch {@code epoch}. */
    public String ownerOf(long epoch) {
        return ring.get((int) Math.floorMod(epoch, (long) ring.size())).id();
    }

    /** The smallest epoch above {@code above} that {@code id} owns. */
    public long nextEpochOwnedBy(String id, long above) {
        long n = ring.size();
        long next = above + 1;
        long shift = Math.floorMod(rank(id) - next, n);
        return next + shift;
    }
}
