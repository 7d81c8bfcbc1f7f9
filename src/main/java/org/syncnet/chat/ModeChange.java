package org.syncnet.chat;

/**
 * One channel mode change of a MODE: {@code +b mask}, {@code -o nick}, {@code +m}. {@code argument} is empty when
 * there is none. Any ASCII letter is representable, so an event can carry a letter the chat does not know and every
 * server refuses it alike ({@link ErrorCode#UNKNOWN_MODE}); what the argument must be for a letter is checked when the
 * change is applied ({@link ChatState}), since only then is it known whether e.g. the nick is in the room.
 */
public record ModeChange(boolean add, char mode, String argument) {
    public ModeChange {
        if (!((mode >= 'a' && mode <= 'z') || (mode >= 'A' && mode <= 'Z'))) {
            throw new IllegalArgumentException("invalid mode letter " + (int) mode);
        }
        if (!ChatLimits.isValidModeArgument(argument)) {
            throw new IllegalArgumentException("invalid mode argument");
        }
    }

    /** A change without argument, such as {@code +m}. */
    public ModeChange(boolean add, char mode) {
        this(add, mode, "");
    }

    /** As IRC writes it, e.g. {@code +b nick!*@*}. */
    @Override
    public String toString() {
        return (add ? "+" : "-") + mode + (argument.isEmpty() ? "" : " " + argument);
    }
}
