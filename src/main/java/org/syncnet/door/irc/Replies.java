package org.syncnet.door.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.syncnet.door.irc.wire.IrcLimits;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * Builds the server's own lines for one connection: numerics from the server name, addressed to the client's nick,
 * or {@code *} while it has none (IRC's rule for a numeric's first parameter), so no caller repeats either.
 */
final class Replies {
    private final String server;
    private final Supplier<String> target;

    /** @param target the client's nick, or {@code *} before it has one; asked anew for every reply */
    Replies(String server, Supplier<String> target) {
        this.server = server;
        this.target = target;
    }

    String server() {
        return server;
    }

    String target() {
        return target.get();
    }

    /** {@code :server <code> <target> params...}: the caller gives every parameter after the target. */
    IrcMessage numeric(IrcNumeric n, String... params) {
        List<String> all = new ArrayList<>(params.length + 1);
        all.add(target.get());
        all.addAll(Arrays.asList(params));
        return new IrcMessage(Map.of(), server, n.code(), all);
    }

    /** {@code :server <code> <target> subjects... :<customary text>}. */
    IrcMessage standard(IrcNumeric n, String... subjects) {
        String[] params = Arrays.copyOf(subjects, subjects.length + 1);
        params[subjects.length] = n.text();
        return numeric(n, params);
    }

    /** A command from the server itself, e.g. {@code :server PONG server :token} or a server NOTICE. */
    IrcMessage command(String command, String... params) {
        return IrcMessage.of(server, command, params);
    }

    /**
     * Bytes of UTF-8 the last parameter of numeric {@code n} may take after {@code middles} (the parameters between
     * the target and it) so the line fits IRC's 512 bytes: for lists that are split over several lines (319).
     */
    int lastParamBudget(IrcNumeric n, String... middles) {
        int head = 1 + utf8(server) + 1 + n.code().length() + 1 + utf8(target.get());
        for (String p : middles) {
            head += 1 + utf8(p);
        }
        return IrcLimits.MAX_CONTENT_BYTES - head - 2;  // " :" before the last parameter
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
