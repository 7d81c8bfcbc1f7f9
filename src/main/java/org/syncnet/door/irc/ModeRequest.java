package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.syncnet.chat.BanMask;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ModeChange;
import org.syncnet.door.irc.ChannelModeTypes.Type;

/**
 * A channel MODE's mode string and arguments ({@code +o-v+b alice bob *!*@evil}) read letter by letter as CHANMODES
 * and PREFIX announce them ({@link ChannelModeTypes}): syntax only, the state is not consulted. The result is a list
 * of {@link Item}s in the order the client wrote them, so the answers come in that order too.
 * <p>
 * Bounds, so one line cannot flood the log: at most {@link ChatLimits#MAX_MODE_CHANGES} letters that take an
 * argument are looked at (announced as {@code MODES}; further ones are ignored, their arguments skipped, as ircds
 * do), a flag ({@code imnst}, and {@code -l}) counts once (its first use), each list is shown once, each unknown letter
 * is answered once. So a MODE yields at most 10 changes.
 * <p>
 * Leniency where IRC servers are lenient: {@code b}, {@code e} and {@code I} without an argument (either sign) are a
 * list query; {@code -k} needs no matching key, so without an argument it is {@code -k *}.
 */
final class ModeRequest {
    /** One piece of the request. */
    sealed interface Item {
    }

    /** A change whose argument has the right syntax for its letter. */
    record Change(ModeChange change) implements Item {
    }

    /** {@code MODE #room b}: show the list of this letter. */
    record ListQuery(char letter) implements Item {
    }

    /** A letter CHANMODES and PREFIX do not name (472). */
    record Unknown(char letter) implements Item {
    }

    /** A letter whose argument is missing ({@code argument} null) or cannot be valid for it. */
    record BadArgument(boolean add, char letter, String argument) implements Item {
    }

    private ModeRequest() {
    }

    static List<Item> parse(String modes, List<String> arguments, ChannelModeTypes types) {
        List<Item> items = new ArrayList<>();
        Set<Character> once = new HashSet<>();  // flags, -l, list queries and unknown letters already seen
        int next = 0;
        int withArgument = 0;
        boolean add = true;
        for (char letter : modes.toCharArray()) {
            if (letter == '+' || letter == '-') {
                add = letter == '+';
                continue;
            }
            Type type = types.of(letter);
            if (type == null) {
                if (once.add(letter)) {
                    items.add(new Unknown(letter));
                }
                continue;
            }
            boolean takes = types.takesArgument(letter, add);
            String argument = takes && next < arguments.size() ? arguments.get(next++) : null;
            if (type == Type.LIST && argument == null) {
                if (once.add(letter)) {
                    items.add(new ListQuery(letter));
                }
            } else if (!takes) {
                if (once.add(letter)) {
                    items.add(new Change(new ModeChange(add, letter)));
                }
            } else if (++withArgument <= ChatLimits.MAX_MODE_CHANGES) {
                items.add(withArgument(add, letter, type, argument));
            }
        }
        return items;
    }

    private static Item withArgument(boolean add, char letter, Type type, String argument) {
        if (type == Type.ALWAYS && !add) {
            // -k clears the key whatever its argument says (IRC needs no match): any word, or none, will do.
            return new Change(new ModeChange(false, letter,
                    argument != null && ChatLimits.isValidModeArgument(argument) && !argument.isEmpty() ? argument
                            : "*"));
        }
        if (argument == null || argument.isEmpty()) {
            return new BadArgument(add, letter, null);
        }
        return valid(letter, type, argument) ? new Change(new ModeChange(add, letter, argument))
                : new BadArgument(add, letter, argument);
    }

    /** Whether the argument has the syntax its letter needs (whether a nick is online the state decides). */
    private static boolean valid(char letter, Type type, String argument) {
        if (!ChatLimits.isValidModeArgument(argument)) {
            return false;
        }
        return switch (type) {
            case STATUS -> ChatLimits.isValidNick(argument);
            case LIST -> BanMask.normalize(argument) != null;
            case ALWAYS -> ChatLimits.isValidKey(argument);
            case WHEN_SET -> isLimit(argument);
            case FLAG -> true;
        };
    }

    /** A user limit: decimal digits, 1 to {@link ChatLimits#MAX_LIMIT}. */
    static boolean isLimit(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        int n = Integer.parseInt(s);
        return n >= 1 && n <= ChatLimits.MAX_LIMIT;
    }
}
