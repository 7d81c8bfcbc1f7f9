package org.syncnet.cluster;

import org.syncnet.settings.Settings;

import org.syncnet.settings.InvalidSettingException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured servers in ring order. Ring order decides who leads (the highest live position) and who
 * owns an epoch: epoch {@code e} belongs to the member at ring index {@code e mod size}, so two servers can
 * never lead the same epoch, whatever the network does.
 */
public final class Membership {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    /** A host name or IPv4 address, or a bracketed IPv6 literal (a bare one would be ambiguous with the port). */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?]");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

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
        for (String raw : spec.split(",", -1)) {
            if (raw.isBlank()) {
                throw new InvalidSettingException(Settings.MEMBERS, "empty entry in '" + spec + "'");
            }
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
        if (!ID.matcher(id).matches()) {
            throw new InvalidSettingException(Settings.MEMBERS,
                    "member id '" + id + "' must be 1-32 letters, digits, '.', '_' or '-'");
        }
        String host = entry.substring(at + 1, colon);
        if (!HOST.matcher(host).matches()) {
            throw new InvalidSettingException(Settings.MEMBERS, "host '" + host + "' of '" + id
                    + "' is not a host name, IPv4 address or [IPv6] address");
        }
        int port = parseInt(entry.substring(colon + 1, slash), entry);
        int ring = parseInt(entry.substring(slash + 1), entry);
        if (port < 1 || port > 65535) {
            throw new InvalidSettingException(Settings.MEMBERS, "port " + port + " of '" + id + "' out of range");
        }
        return new Member(id, host, port, ring);
    }

    /** Plain ASCII digits only: Integer.parseInt would also take "+80" and non-ASCII digits. */
    private static int parseInt(String text, String entry) {
        if (!DIGITS.matcher(text).matches()) {
            throw new InvalidSettingException(Settings.MEMBERS, "'" + text + "' in '" + entry + "' is not a plain non-negative number");
        }
        return Integer.parseInt(text);
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

    /**
     * The smallest epoch above {@code above} that {@code id} owns.
     *
     * @throws ArithmeticException if no such epoch fits in a long
     */
    public long nextEpochOwnedBy(String id, long above) {
        long n = ring.size();
        long next = Math.addExact(above, 1);
        // Reduce before subtracting so that no intermediate value can overflow.
        long shift = Math.floorMod(rank(id) - Math.floorMod(next, n), n);
        return Math.addExact(next, shift);
    }
}
