package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ModeChange;
import org.syncnet.door.irc.wire.IrcLimits;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * Applied channel mode changes as IRC's MODE lines: {@code :nick!user@host MODE #room +o-v alice bob}, signs written
 * only where they change, arguments in the order of their letters. Four 100-character masks from a long
 * {@code nick!user@host} in a long room do not fit one line, and the writer refuses a line whose middle parameters
 * overflow, so the changes are spread over as many lines as they need. An argument starting with ':' (a mask may)
 * can only be a line's last parameter, so it ends its line.
 */
final class ModeLines {
    private ModeLines() {
    }

    static List<IrcMessage> lines(String source, String room, List<ModeChange> applied) {
        int head = 1 + utf8(source) + " MODE ".length() + utf8(room) + 1;
        List<IrcMessage> out = new ArrayList<>();
        List<ModeChange> group = new ArrayList<>();
        int bytes = head;
        for (ModeChange c : applied) {
            int more = 2 + (c.argument().isEmpty() ? 0 : 2 + utf8(c.argument()));  // sign, letter, space, ':'
            if (!group.isEmpty() && bytes + more > IrcLimits.MAX_CONTENT_BYTES) {
                out.add(line(source, room, group));
                group.clear();
                bytes = head;
            }
            group.add(c);
            bytes += more;
            if (c.argument().startsWith(":")) {
                out.add(line(source, room, group));
                group.clear();
                bytes = head;
            }
        }
        if (!group.isEmpty()) {
            out.add(line(source, room, group));
        }
        return out;
    }

    private static IrcMessage line(String source, String room, List<ModeChange> changes) {
        StringBuilder letters = new StringBuilder();
        List<String> params = new ArrayList<>();
        params.add(room);
        params.add("");
        Boolean sign = null;
        for (ModeChange c : changes) {
            if (sign == null || sign != c.add()) {
                sign = c.add();
                letters.append(c.add() ? '+' : '-');
            }
            letters.append(c.mode());
            if (!c.argument().isEmpty()) {
                params.add(c.argument());
            }
        }
        params.set(1, letters.toString());
        return new IrcMessage(Map.of(), source, "MODE", params);
    }

    private static int utf8(String s) {
        return Math.max(0, ChatLimits.utf8Length(s));
    }
}
