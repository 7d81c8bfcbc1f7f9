package org.syncnet.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.syncnet.chat.ChatOutcome.Rejected;

/**
 * Applies one MODE's changes to a room, in order, each on its own: a change that fails is refused and the others
 * still apply. A change that would change nothing (a flag already set, a mask already listed, an op made op) is
 * dropped without a word, as IRC servers do. The setter's right to change modes is checked before (by
 * {@link ChannelModeration}).
 */
final class ModeApplier {
    /** The changes that took effect, as the room now has them, and one refusal (to the setter) per failed change. */
    record Result(List<ModeChange> applied, List<Rejected> refused) {
    }

    private final RoomState room;
    private final Member setter;
    private final long time;
    /** An online client's member by nick (any case), or null. */
    private final Function<String, Member> online;
    private final List<ModeChange> applied = new ArrayList<>();
    private final List<Rejected> refused = new ArrayList<>();

    private ModeApplier(RoomState room, Member setter, long time, Function<String, Member> online) {
        this.room = room;
        this.setter = setter;
        this.time = time;
        this.online = online;
    }

    static Result apply(RoomState room, Member setter, List<ModeChange> changes, long time,
                        Function<String, Member> online) {
        ModeApplier a = new ModeApplier(room, setter, time, online);
        for (ModeChange change : changes) {
            a.apply(change);
        }
        return new Result(List.copyOf(a.applied), List.copyOf(a.refused));
    }

    private void apply(ModeChange c) {
        char letter = c.mode();
        if (RoomModes.isFlag(letter)) {
            took(room.modes.set(letter, c.add()), c.add(), letter, "");
        } else if (letter == 'o' || letter == 'v') {
            status(c);
        } else if (room.modes.list(letter) != null) {
            list(c, room.modes.list(letter));
        } else if (letter == 'k') {
            key(c);
        } else if (letter == 'l') {
            limit(c);
        } else {
            refuse(ErrorCode.UNKNOWN_MODE, String.valueOf(letter));
        }
    }

    private void status(ModeChange c) {
        if (c.argument().isEmpty()) {
            invalid(c);
            return;
        }
        Member target = ChatLimits.isValidNick(c.argument()) ? online.apply(c.argument()) : null;
        if (target == null) {
            refuse(ErrorCode.NO_SUCH_NICK, c.argument());
        } else if (!room.members.containsKey(target.client())) {
            refuse(ErrorCode.NOT_IN_THAT_ROOM, target.nick() + " " + room.name);
        } else {
            Set<ClientId> set = c.mode() == 'o' ? room.operators : room.voiced;
            took(c.add() ? set.add(target.client()) : set.remove(target.client()), c.add(), c.mode(), target.nick());
        }
    }

    private void list(ModeChange c, MaskList list) {
        String mask = BanMask.normalize(c.argument());
        if (mask == null) {
            invalid(c);
        } else if (!c.add()) {
            ListEntry removed = list.remove(mask);
            took(removed != null, false, c.mode(), removed == null ? "" : removed.mask());
        } else if (list.contains(mask)) {
            return;  // already listed: nothing changes
        } else if (list.isFull()) {
            refuse(ErrorCode.LIST_FULL, room.name + " " + c.mode());
        } else {
            list.add(new ListEntry(mask, setter.mask(), time));
            took(true, true, c.mode(), mask);
        }
    }

    /** {@code +k} sets or replaces the key; {@code -k} clears it whatever its argument (IRC needs none to match). */
    private void key(ModeChange c) {
        if (!c.add()) {
            boolean had = !room.modes.key.isEmpty();
            room.modes.key = "";
            took(had, false, 'k', "*");
        } else if (!ChatLimits.isValidKey(c.argument())) {
            invalid(c);
        } else {
            boolean changed = !room.modes.key.equals(c.argument());
            room.modes.key = c.argument();
            took(changed, true, 'k', c.argument());
        }
    }

    private void limit(ModeChange c) {
        if (!c.add()) {
            boolean had = room.modes.limit > 0;
            room.modes.limit = 0;
            took(had, false, 'l', "");
            return;
        }
        int limit = parseLimit(c.argument());
        if (limit < 1) {
            invalid(c);
        } else {
            boolean changed = room.modes.limit != limit;
            room.modes.limit = limit;
            took(changed, true, 'l', String.valueOf(limit));
        }
    }

    /** Decimal digits only, 1 to {@link ChatLimits#MAX_LIMIT}; else -1. */
    static int parseLimit(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char d = s.charAt(i);
            if (d < '0' || d > '9') {
                return -1;
            }
            n = n * 10 + (d - '0');
        }
        return n >= 1 && n <= ChatLimits.MAX_LIMIT ? n : -1;
    }

    private void took(boolean changed, boolean add, char letter, String argument) {
        if (changed) {
            applied.add(new ModeChange(add, letter, argument));
        }
    }

    private void invalid(ModeChange c) {
        refuse(ErrorCode.INVALID_MODE_ARGUMENT, room.name + " " + c.mode() + " "
                + (c.argument().isEmpty() ? "*" : c.argument()));
    }

    private void refuse(ErrorCode code, String detail) {
        refused.add(new Rejected(setter.client(), code, detail));
    }
}
