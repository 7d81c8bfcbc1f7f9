package org.syncnet.door.ws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.syncnet.chat.ChannelView;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.Member;
import org.syncnet.chat.ModeChange;
import org.syncnet.chat.RoomSnapshot;

/**
 * A room's statuses, modes and members' accounts and away messages as the browser sees them: with the {@code members} a
 * joiner gets, and (statuses and modes) in the {@code mode} frame of a change. Read from the state as the outcome's
 * event left it, so every member is told the room's modes as they now are, not only what changed, and a page needs no
 * mode logic of its own to show them.
 */
final class ChannelFrames {
    private ChannelFrames() {
    }

    /**
     * The members frame of a snapshot, with its statuses, the room's modes (key and bans included: for members) and
     * the members' accounts and away messages.
     */
    static ServerFrame.Members members(ChatState state, RoomSnapshot r) {
        Map<String, String> accounts = new LinkedHashMap<>();
        Map<String, String> away = new LinkedHashMap<>();
        List<String> ops = new ArrayList<>();
        List<String> voiced = new ArrayList<>();
        List<String> nicks = new ArrayList<>(r.members().size());
        for (Member m : r.members()) {
            nicks.add(m.nick());
            if (r.isOperator(m.client())) {
                ops.add(m.nick());
            }
            if (r.isVoiced(m.client())) {
                voiced.add(m.nick());
            }
            String account = state.accountOf(m.client());  // now: a snapshot's member is as it joined
            if (!account.isEmpty()) {
                accounts.put(m.nick(), account);
            }
            String message = state.awayOf(m.client());
            if (!message.isEmpty()) {
                away.put(m.nick(), message);
            }
        }
        ServerFrame.Channel channel = state.channel(r.room())
                .map(v -> new ServerFrame.Channel(ops, voiced, modes(v, true), v.created()))
                .orElse(null);
        return new ServerFrame.Members(r.room(), nicks, r.topic(), channel, accounts, away);
    }

    /** The mode frame of a change; the ban list comes along only if a ban was set or lifted. */
    static ServerFrame.Mode mode(ChatState state, ChatOutcome.ModesChanged o) {
        boolean bansChanged = o.applied().stream().map(ModeChange::mode).anyMatch(m -> m == 'b');
        ServerFrame.Modes modes = state.channel(o.room()).map(v -> modes(v, bansChanged))
                .orElse(new ServerFrame.Modes("+", "", 0, null));
        return new ServerFrame.Mode(o.room(), o.by().nick(), o.applied(), modes);
    }

    private static ServerFrame.Modes modes(ChannelView v, boolean withBans) {
        return new ServerFrame.Modes(v.modes(), v.key(), v.limit(), withBans ? v.bans() : null);
    }
}
