package org.syncnet.testclient;

import java.util.ArrayList;
import java.util.List;

/**
 * One line an IRC server sent, parsed by the test clients themselves (the integration tests' and the load
 * generator's), independently of the server's parser: {@code [@tags] [:prefix] COMMAND params... [:trailing]};
 * {@code tags} is the tag section without its '@' (null if none), e.g. {@code time=2026-11-27T10:00:00.000Z}.
 */
public record IrcLine(String raw, String tags, String prefix, String command, List<String> params) {
    public static IrcLine parse(String raw) {
        String rest = raw;
        String tags = null;
        if (rest.startsWith("@")) {
            int space = rest.indexOf(' ');
            tags = rest.substring(1, space);
            rest = rest.substring(space + 1);
        }
        String prefix = null;
        if (rest.startsWith(":")) {
            int space = rest.indexOf(' ');
            prefix = rest.substring(1, space);
            rest = rest.substring(space + 1);
        }
        List<String> params = new ArrayList<>();
        String command = null;
        while (!rest.isEmpty()) {
            if (command != null && rest.startsWith(":")) {
                params.add(rest.substring(1));
                break;
            }
            int space = rest.indexOf(' ');
            String word = space < 0 ? rest : rest.substring(0, space);
            rest = space < 0 ? "" : rest.substring(space + 1);
            if (command == null) {
                command = word;
            } else {
                params.add(word);
            }
        }
        return new IrcLine(raw, tags, prefix, command, List.copyOf(params));
    }

    /** The value of tag {@code key} (unescaped values are not needed here), or null. */
    public String tag(String key) {
        if (tags == null) {
            return null;
        }
        for (String tag : tags.split(";")) {
            String[] kv = tag.split("=", 2);
            if (kv[0].equals(key)) {
                return kv.length > 1 ? kv[1] : "";
            }
        }
        return null;
    }

    public String param(int i) {
        return i < params.size() ? params.get(i) : null;
    }

    public String last() {
        return params.isEmpty() ? null : params.get(params.size() - 1);
    }

    public String nick() {
        return prefix == null ? null : prefix.split("!", 2)[0];
    }
}
