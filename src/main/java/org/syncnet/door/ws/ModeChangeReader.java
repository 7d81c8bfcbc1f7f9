package org.syncnet.door.ws;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.ModeChange;

/**
 * Reads a {@code mode} frame's {@code changes}: 1 to {@link ChatLimits#MAX_MODE_CHANGES} objects
 * {@code {"set":true,"mode":"o","arg":"bob"}}. Only the shape is checked here, so that what a letter means and needs
 * (a nick in the room, a valid key, a number) is decided once, by the chat state, for both doors alike: any ASCII
 * letter passes, as IRC's unknown letters reach the state too.
 */
final class ModeChangeReader {
    private static final Set<String> CHANGE = Set.of("set", "mode", "arg");

    private ModeChangeReader() {
    }

    static List<ModeChange> changes(JsonValue value) throws ProtocolException {
        if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > ChatLimits.MAX_MODE_CHANGES) {
            throw new ProtocolException(ErrorCode.BAD_FIELD,
                    "changes: 1 to " + ChatLimits.MAX_MODE_CHANGES + " objects {set, mode, arg}");
        }
        List<ModeChange> changes = new ArrayList<>(array.size());
        for (JsonValue v : array) {
            changes.add(change(v));
        }
        return changes;
    }

    private static ModeChange change(JsonValue v) throws ProtocolException {
        if (!(v instanceof JsonObject c) || !CHANGE.containsAll(c.keySet())) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "a change: an object with set, mode and arg only");
        }
        JsonValue set = c.get("set");
        if (set != JsonValue.TRUE && set != JsonValue.FALSE) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "set: true or false");
        }
        if (!(c.get("mode") instanceof JsonString m) || m.getString().length() != 1) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "mode: one letter");
        }
        char letter = m.getString().charAt(0);
        if (!isAsciiLetter(letter)) {
            throw new ProtocolException(ErrorCode.UNKNOWN_MODE, "unknown mode " + printable(letter));
        }
        String arg = "";
        if (c.containsKey("arg")) {
            if (!(c.get("arg") instanceof JsonString a)) {
                throw new ProtocolException(ErrorCode.BAD_FIELD, "arg: a string");
            }
            arg = a.getString();
        }
        if (!ChatLimits.isValidModeArgument(arg)) {
            throw new ProtocolException(ErrorCode.INVALID_MODE_ARGUMENT,
                    "arg: one word of at most " + ChatLimits.MAX_MASK_CHARS + " characters");
        }
        return new ModeChange(set == JsonValue.TRUE, letter, arg);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The client's character, echoed only if it is visible ASCII. */
    private static String printable(char c) {
        return c > 0x20 && c < 0x7f ? String.valueOf(c) : String.format("U+%04X", (int) c);
    }
}
