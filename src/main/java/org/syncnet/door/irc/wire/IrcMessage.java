package org.syncnet.door.irc.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One IRC message, either way: optional IRCv3 tags, optional prefix (source), the command (upper case, or a three-digit
 * numeric) and up to 15 parameters, the last of which may contain spaces (it is written as the trailing parameter).
 * Parsed from a client's line by {@link IrcMessageParser}; written to a line by {@link IrcLineWriter}.
 *
 * @param tags    IRCv3 message tags (empty if none)
 * @param prefix  the source without the leading ':' ({@code nick!user@host} or a server name), or null
 */
public record IrcMessage(Map<String, String> tags, String prefix, String command, List<String> params) {
    public IrcMessage {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        params = List.copyOf(params);
    }

    public static IrcMessage of(String prefix, String command, String... params) {
        return new IrcMessage(Map.of(), prefix, command, Arrays.asList(params));
    }

    // Written out: the servers run C1 only, where a record's generated equals and hashCode (method handles) are
    // slower; the chat shares one encoding among a message's recipients by these (SharedEncodings).
    @Override
    public boolean equals(Object o) {
        return o instanceof IrcMessage m && Objects.equals(command, m.command) && Objects.equals(prefix, m.prefix)
                && params.equals(m.params) && tags.equals(m.tags);
    }

    @Override
    public int hashCode() {
        return ((tags.hashCode() * 31 + Objects.hashCode(prefix)) * 31 + Objects.hashCode(command)) * 31
                + params.hashCode();
    }

    /** The parameter at {@code i}, or null if there are fewer. */
    public String param(int i) {
        return i < params.size() ? params.get(i) : null;
    }
}
