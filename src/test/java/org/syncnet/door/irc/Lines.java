package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * Test-only line handling, so the session tests read like IRC transcripts: a minimal parser for what a client sends
 * (the real one is the wire layer's) and a renderer for what the session answers, writing the last parameter as a
 * trailing one only where it must be (empty, contains a space, or starts with ':').
 */
final class Lines {
    private Lines() {
    }

    static IrcMessage parse(String line) {
        String rest = line;
        String prefix = null;
        if (rest.startsWith(":")) {
            int space = rest.indexOf(' ');
            prefix = rest.substring(1, space);
            rest = rest.substring(space + 1);
        }
        List<String> params = new ArrayList<>();
        String trailing = null;
        int colon = rest.indexOf(" :");
        if (colon >= 0) {
            trailing = rest.substring(colon + 2);
            rest = rest.substring(0, colon);
        }
        String[] words = rest.split(" +");
        for (int i = 1; i < words.length; i++) {
            params.add(words[i]);
        }
        if (trailing != null) {
            params.add(trailing);
        }
        return new IrcMessage(Map.of(), prefix, words[0].toUpperCase(), params);
    }

    static String render(IrcMessage m) {
        StringBuilder b = new StringBuilder();
        if (!m.tags().isEmpty()) {
            b.append('@');
            new LinkedHashMap<>(m.tags()).forEach((k, v) -> b.append(b.length() > 1 ? ";" : "").append(k).append('=')
                    .append(v));
            b.append(' ');
        }
        if (m.prefix() != null) {
            b.append(':').append(m.prefix()).append(' ');
        }
        b.append(m.command());
        for (int i = 0; i < m.params().size(); i++) {
            String p = m.params().get(i);
            boolean last = i == m.params().size() - 1;
            b.append(' ');
            if (last && (p.isEmpty() || p.contains(" ") || p.startsWith(":"))) {
                b.append(':');
            }
            b.append(p);
        }
        return b.toString();
    }

    static List<String> render(List<IrcMessage> messages) {
        return messages.stream().map(Lines::render).toList();
    }
}
