package org.syncnet.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One room inside {@link ChatState}: display name (the first joiner's spelling), creation time, topic, modes,
 * members with their statuses, pending invites and bounded history.
 */
final class RoomState {
    final String name;
    final long created;
    String topic = "";
    final RoomModes modes = new RoomModes();
    final Map<ClientId, Member> members = new LinkedHashMap<>();
    /** Members with {@code @}; a subset of {@link #members}. */
    final Set<ClientId> operators = new LinkedHashSet<>();
    /** Members with {@code +}; a subset of {@link #members}. */
    final Set<ClientId> voiced = new LinkedHashSet<>();
    /** Clients invited and not yet joined, oldest first. */
    final Set<ClientId> invited = new LinkedHashSet<>();
    final ArrayDeque<HistoryEntry> history = new ArrayDeque<>();
    final int historyLimit;
    /** Sequence of the newest message dropped from the history (0: none), to tell a resume it has a gap. */
    long lastTrimmedSeq;

    RoomState(String name, int historyLimit, long created) {
        this.name = name;
        this.historyLimit = historyLimit;
        this.created = created;
    }

    void add(HistoryEntry entry) {
        history.addLast(entry);
        if (history.size() > historyLimit) {
            lastTrimmedSeq = history.removeFirst().seq();
        }
    }

    /** Adds a member; the first of an empty room is its operator (a room without members is like a new channel). */
    void join(Member member) {
        if (members.isEmpty()) {
            operators.add(member.client());
        }
        members.put(member.client(), member);
        invited.remove(member.client());
    }

    /** Removes a member and its statuses. */
    void leave(ClientId client) {
        members.remove(client);
        operators.remove(client);
        voiced.remove(client);
    }

    /** The connection behind a member changed (a resume): its statuses and invite move with it. */
    void replace(ClientId old, ClientId now) {
        rename(operators, old, now);
        rename(voiced, old, now);
        rename(invited, old, now);
    }

    private static void rename(Set<ClientId> set, ClientId old, ClientId now) {
        if (set.remove(old)) {
            set.add(now);
        }
    }

    boolean isOperator(ClientId client) {
        return operators.contains(client);
    }

    /** {@code @} or {@code +}: may speak in a moderated room and despite a ban. */
    boolean hasVoice(ClientId client) {
        return operators.contains(client) || voiced.contains(client);
    }

    /** Remembers an invite (a repeated one counts as new); beyond the bound the oldest is forgotten. */
    void invite(ClientId client) {
        invited.remove(client);
        invited.add(client);
        if (invited.size() > ChatLimits.MAX_INVITES_PER_ROOM) {
            Iterator<ClientId> oldest = invited.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    boolean isInvited(ClientId client) {
        return invited.contains(client);
    }

    void forgetInvite(ClientId client) {
        invited.remove(client);
    }

    /**
     * Why {@code joiner}, offering {@code key}, may not join (null: it may), for a client that is not a server
     * operator: a ban (an invite does not lift it), then {@code +i} unless invited or matching an invite exception,
     * then {@code +k} and {@code +l} unless invited.
     */
    ErrorCode joinRefusal(Member joiner, String key) {
        boolean isInvited = invited.contains(joiner.client());
        if (modes.isBanned(joiner)) {
            return ErrorCode.BANNED;
        }
        if (modes.has('i') && !isInvited && !modes.inviteExceptions.matches(joiner.mask())) {
            return ErrorCode.INVITE_ONLY;
        }
        if (!modes.key.isEmpty() && !modes.key.equals(key) && !isInvited) {
            return ErrorCode.BAD_KEY;
        }
        if (modes.limit > 0 && members.size() >= modes.limit && !isInvited) {
            return ErrorCode.CHANNEL_FULL;
        }
        return null;
    }

    /**
     * The room with the messages after {@code afterSeq} (0: all held). Sequences are log positions, shared by all
     * rooms, so a room's own messages have gaps; what matters is whether a message newer than the resume point
     * has been trimmed — then a resume is answered from the {@link ResumeBuffer}, which reaches further back.
     */
    RoomSnapshot snapshot(long afterSeq, ResumeBuffer resume, long maxResumeChars) {
        List<Member> who = new ArrayList<>(members.values());
        Set<ClientId> ops = inJoinOrder(operators);
        Set<ClientId> voices = inJoinOrder(voiced);
        if (afterSeq > 0 && lastTrimmedSeq > afterSeq) {
            ResumeBuffer.Slice slice = resume.after(name, afterSeq, maxResumeChars);
            return new RoomSnapshot(name, topic, who, slice.messages(), slice.complete(), ops, voices);
        }
        List<HistoryEntry> wanted = new ArrayList<>();
        for (HistoryEntry e : history) {
            if (e.seq() > afterSeq) {
                wanted.add(e);
            }
        }
        return new RoomSnapshot(name, topic, who, wanted, lastTrimmedSeq <= afterSeq, ops, voices);
    }

    private Set<ClientId> inJoinOrder(Set<ClientId> status) {
        Set<ClientId> ordered = new LinkedHashSet<>();
        for (ClientId c : members.keySet()) {
            if (status.contains(c)) {
                ordered.add(c);
            }
        }
        return ordered;
    }

    ChannelView view() {
        List<RoomMember> who = new ArrayList<>(members.size());
        for (Member m : members.values()) {
            who.add(new RoomMember(m, operators.contains(m.client()), voiced.contains(m.client())));
        }
        return new ChannelView(name, topic, created, modes.letters(), modes.key, modes.limit, who,
                modes.bans.entries(), modes.exceptions.entries(), modes.inviteExceptions.entries());
    }

    List<ClientId> audience() {
        return List.copyOf(members.keySet());
    }

    /** The members, and {@code actor} too if it acts from outside (a server operator, or a post on {@code -n}). */
    List<ClientId> audienceAnd(ClientId actor) {
        List<ClientId> to = new ArrayList<>(members.keySet());
        if (!members.containsKey(actor)) {
            to.add(actor);
        }
        return to;
    }

    /** The members with {@code @}, in join order. */
    List<ClientId> operatorsInJoinOrder() {
        return new ArrayList<>(inJoinOrder(operators));
    }
}
