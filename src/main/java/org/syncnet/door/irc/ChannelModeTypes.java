package org.syncnet.door.irc;

import java.util.List;
import org.syncnet.chat.ChatLimits;

/**
 * Which channel mode letters exist and when each takes an argument, read from the {@code CHANMODES} and
 * {@code PREFIX} tokens the chat announces ({@link ChatLimits#ISUPPORT}), so that MODE parses exactly what clients
 * were told and 004 cannot say otherwise. CHANMODES' four groups are modern.ircdocs.horse's types A to D.
 */
final class ChannelModeTypes {
    /** How a letter takes its argument. */
    enum Type {
        /** Type A, a mask list ({@code b e I}): an argument adds or removes an entry; without one, a list query. */
        LIST,
        /** Type B ({@code k}): an argument both when set and when unset. */
        ALWAYS,
        /** Type C ({@code l}): an argument when set only. */
        WHEN_SET,
        /** Type D ({@code i m n s t}): never an argument. */
        FLAG,
        /** A member status of PREFIX ({@code o v}): a nick both when given and when taken. */
        STATUS
    }

    /** What the chat announces. */
    static final ChannelModeTypes ANNOUNCED = of(ChatLimits.ISUPPORT);

    private final String[] groups;
    private final String statuses;

    private ChannelModeTypes(String[] groups, String statuses) {
        this.groups = groups;
        this.statuses = statuses;
    }

    /** From ISUPPORT tokens holding {@code CHANMODES=A,B,C,D} and {@code PREFIX=(letters)symbols}. */
    static ChannelModeTypes of(List<String> isupport) {
        String chanmodes = value(isupport, "CHANMODES=");
        String prefix = value(isupport, "PREFIX=");
        String[] groups = chanmodes.split(",", -1);
        if (groups.length != 4 || !prefix.startsWith("(") || prefix.indexOf(')') < 0) {
            throw new IllegalArgumentException("CHANMODES " + chanmodes + ", PREFIX " + prefix);
        }
        return new ChannelModeTypes(groups, prefix.substring(1, prefix.indexOf(')')));
    }

    private static String value(List<String> isupport, String key) {
        for (String token : isupport) {
            if (token.startsWith(key)) {
                return token.substring(key.length());
            }
        }
        throw new IllegalArgumentException("no " + key + " token");
    }

    /** The letter's type, or null for a letter the chat does not know. */
    Type of(char letter) {
        if (statuses.indexOf(letter) >= 0) {
            return Type.STATUS;
        }
        Type[] types = {Type.LIST, Type.ALWAYS, Type.WHEN_SET, Type.FLAG};
        for (int i = 0; i < groups.length; i++) {
            if (groups[i].indexOf(letter) >= 0) {
                return types[i];
            }
        }
        return null;
    }

    /** Whether the letter takes an argument when set ({@code add}) or unset. */
    boolean takesArgument(char letter, boolean add) {
        Type t = of(letter);
        return t == Type.LIST || t == Type.ALWAYS || t == Type.STATUS || (t == Type.WHEN_SET && add);
    }

    /** Every channel mode letter, statuses included, sorted as 004 lists them ({@code beIiklmnostv}). */
    String allLetters() {
        return sorted(String.join("", groups) + statuses);
    }

    /** The letters that take an argument (when set, at least), for 004's last field ({@code beIklov}). */
    String lettersWithArgument() {
        return sorted(groups[0] + groups[1] + groups[2] + statuses);
    }

    /** Alphabetical regardless of case, a capital before its small letter, as servers list modes. */
    static String sorted(String letters) {
        return letters.chars().boxed()
                .sorted((a, b) -> Character.toLowerCase(a) != Character.toLowerCase(b)
                        ? Character.toLowerCase(a) - Character.toLowerCase(b) : a - b)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
