package org.syncnet.door.irc.wire;

/**
 * A line that is not an IRC message: it has no command, or its command is neither letters nor three digits.
 * The session ignores the first kind and answers the second with 421 (ERR_UNKNOWNCOMMAND) naming {@link #command()}.
 */
public final class IrcSyntaxException extends Exception {
    private final String command;

    public IrcSyntaxException(String reason, String command) {
        super(reason, null, false, false);  // expected input from clients: no stack trace to fill
        this.command = command;
    }

    /** The offending command word as the client sent it, or null if the line had no command at all. */
    public String command() {
        return command;
    }
}
