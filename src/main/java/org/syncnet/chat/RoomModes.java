package org.syncnet.chat;

/**
 * A room's channel modes: the flags {@code i m n s t}, the key ({@code k}), the user limit ({@code l}) and the three
 * mask lists. A new room has {@code +nt}. Member statuses ({@code o}, {@code v}) are the room's ({@link RoomState}).
 */
final class RoomModes {
    /** The flag letters, in the order {@link #letters()} shows them. */
    static final String FLAGS = "imnst";

    /** Bit {@code i} is {@code FLAGS.charAt(i)}. */
    int flags;
    /** Empty: none. */
    String key = "";
    /** 0: none. */
    int limit;
    final MaskList bans = new MaskList();
    final MaskList exceptions = new MaskList();
    final MaskList inviteExceptions = new MaskList();

    RoomModes() {
        set('n', true);
        set('t', true);
    }

    static boolean isFlag(char letter) {
        return FLAGS.indexOf(letter) >= 0;
    }

    boolean has(char flag) {
        return (flags & bit(flag)) != 0;
    }

    /** Sets or clears a flag; whether that changed anything. */
    boolean set(char flag, boolean on) {
        int before = flags;
        flags = on ? flags | bit(flag) : flags & ~bit(flag);
        return flags != before;
    }

    private static int bit(char flag) {
        int i = FLAGS.indexOf(flag);
        if (i < 0) {
            throw new IllegalArgumentException("not a flag: " + flag);
        }
        return 1 << i;
    }

    /** The list of letter {@code b}, {@code e} or {@code I}; null for any other letter. */
    MaskList list(char letter) {
        return switch (letter) {
            case 'b' -> bans;
            case 'e' -> exceptions;
            case 'I' -> inviteExceptions;
            default -> null;
        };
    }

    /** A ban matches the client and no exception does. */
    boolean isBanned(Member client) {
        if (bans.isEmpty()) {
            return false;  // the common case, checked for every post: no mask built
        }
        String mask = client.mask();
        return bans.matches(mask) && !exceptions.matches(mask);
    }

    /** The letters set, such as {@code +ntk}: flags in alphabetical order, then {@code k}, then {@code l}. */
    String letters() {
        StringBuilder sb = new StringBuilder("+");
        for (int i = 0; i < FLAGS.length(); i++) {
            if ((flags & (1 << i)) != 0) {
                sb.append(FLAGS.charAt(i));
            }
        }
        if (!key.isEmpty()) {
            sb.append('k');
        }
        if (limit > 0) {
            sb.append('l');
        }
        return sb.toString();
    }
}
