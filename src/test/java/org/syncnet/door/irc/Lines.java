package org.syncnet.door.irc;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.syncnet.door.irc.wire.IrcMessage;
import org.syncnet.testclient.IrcLine;

/**
 * Test-only line handling, so the session tests read like IRC transcripts: what a client sends, parsed by the test
 * clients' parser (the real one is the wire layer's), and a renderer for what the session answers, writing tags sorted
 * by name (as the wire writer does) and the last parameter as a trailing one only where it must be (empty, contains a
 * space, or starts with ':').
 */
final class Lines {
    private Lines() {
    }

    static IrcMessage parse(String line) {
        IrcLine l = IrcLine.parse(line);
        return new IrcMessage(Map.of(), l.prefix(), l.command().toUpperCase(), l.params());
    }

    static String render(IrcMessage m) {
        StringBuilder b = new StringBuilder();
        if (!m.tags().isEmpty()) {
            b.append('@');
            new TreeMap<>(m.tags()).forEach((k, v) -> b.append(b.length() > 1 ? ";" : "").append(k).append('=')
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
