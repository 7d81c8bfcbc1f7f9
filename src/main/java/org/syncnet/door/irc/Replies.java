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
 * <p>
 * Numerics echo what the client sent (a room, a nick, a WHO mask) as middle parameters, which must be one non-empty
 * word not starting with ':' and which the line writer cannot shorten: {@code JOIN :#a b} or a 500-byte "room name"
 * would make a line the writer refuses, and the connection would be lost over a typo. So an echoed word that cannot
 * be a middle parameter is sent as {@code *} (modern.ircdocs.horse's rule for HELP's subject), and a numeric whose
 * middle parameters leave no room for its last one has its longest middle parameter cut, at a character boundary,
 * until they fit.
 */
final class Replies {
    /** Room kept for a numeric's last parameter (its text) before middle parameters are cut. */
    private static final int LAST_PARAM_RESERVE = 32;
    /** A FAIL's context (an account name, or what a client sent as one) is never longer. */
    private static final int FAIL_CONTEXT_BYTES = 64;

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
        for (int i = 0; i < params.length; i++) {
            all.add(i < params.length - 1 ? middle(params[i]) : params[i]);
        }
        fitMiddles(n, all);
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
     * An IRCv3 standard reply, {@code :server FAIL <command> <code> <context> :<text>}: the context echoes the client,
     * so a word that cannot be a middle parameter is sent as {@code *}, and a long one is cut.
     */
    IrcMessage fail(String command, String code, String context, String text) {
        return command("FAIL", command, code, middle(IrcText.clip(context, FAIL_CONTEXT_BYTES)), text);
    }

    /**
     * Bytes of UTF-8 the last parameter of numeric {@code n} may take after {@code middles} (the parameters between
     * the target and it) so the line fits IRC's 512 bytes: for lists that are split over several lines (353, 319).
     */
    int lastParamBudget(IrcNumeric n, String... middles) {
        int head = headBytes(n.code(), target.get());
        for (String p : middles) {
            head += 1 + utf8(p);
        }
        return IrcLimits.MAX_CONTENT_BYTES - head - 2;  // " :" before the last parameter
    }

    /** Cuts the longest middle parameter of {@code params} (the target first, the last excluded) while too long. */
    private void fitMiddles(IrcNumeric n, List<String> params) {
        int last = params.size() - 1;
        int chars = 0;
        for (String p : params) {
            chars += p.length();
        }
        if (last < 1 || 6 + 3 * server.length() + 2 * params.size() + 3 * chars <= IrcLimits.MAX_CONTENT_BYTES) {
            return;  // fits for sure (a char is at most 3 bytes of UTF-8): the usual case, nothing encoded
        }
        int head = headBytes(n.code(), params.get(0)) - utf8(params.get(0)) - 1;
        for (int i = 0; i < last; i++) {
            head += 1 + utf8(params.get(i));
        }
        int room = IrcLimits.MAX_CONTENT_BYTES - 2 - Math.min(LAST_PARAM_RESERVE, utf8(params.get(last)));
        while (head > room) {
            int longest = 0;
            for (int i = 1; i < last; i++) {
                longest = utf8(params.get(i)) > utf8(params.get(longest)) ? i : longest;
            }
            String p = params.get(longest);
            int bytes = utf8(p);
            String cut = IrcText.clip(p, Math.max(1, bytes - (head - room)));
            if (cut.isEmpty() || cut.equals(p)) {
                return;  // nothing left to cut: the writer will say so
            }
            params.set(longest, cut);
            head -= bytes - utf8(cut);
        }
    }

    /** {@code p}, or {@code *} if it cannot be a middle parameter (empty, has a space, starts with ':'). */
    private static String middle(String p) {
        return p.isEmpty() || p.charAt(0) == ':' || p.indexOf(' ') >= 0 ? "*" : p;
    }

    /** {@code :server <code> <target>}. */
    private int headBytes(String code, String to) {
        return 1 + utf8(server) + 1 + code.length() + 1 + utf8(to);
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
