package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Member;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * What a client gets once its nick is accepted: 001–004, the ISUPPORT tokens (005), the user counts
 * ({@link Lusers}) and the message of the day. Clients learn the server's rules from 005, so it announces exactly
 * what the chat enforces ({@link ChatLimits#ISUPPORT}: limits, {@code PREFIX}, {@code CHANMODES}, {@code MODES},
 * lists) plus what the door adds: how many targets a command takes. 004's mode letters are derived from the same
 * tokens ({@link ChannelModeTypes}), so the two cannot disagree.
 */
final class WelcomeBurst {
    /** User modes a client may set (and gets back in 221); they change nothing. */
    static final String USER_MODES = "iw";
    /** The user modes 004 lists: those a client sets on itself, and {@code o}, which OPER gives. */
    static final String ANNOUNCED_USER_MODES = ChannelModeTypes.sorted(ChatLimits.USER_MODES + "o");
    /** Most targets one PRIVMSG or NOTICE may name: bounds what one line puts into the log. */
    static final int MAX_MESSAGE_TARGETS = 4;
    /** Tokens per 005 line (the customary limit, so the line stays short). */
    private static final int TOKENS_PER_LINE = 13;
    /** Bytes of one MOTD line's text; a longer configured line is cut so the line fits IRC's 512 bytes. */
    private static final int MOTD_LINE_BYTES = 400;

    private final IrcServerInfo server;
    private final Replies replies;
    private final Lusers lusers;

    WelcomeBurst(IrcServerInfo server, Replies replies) {
        this.server = server;
        this.replies = replies;
        this.lusers = new Lusers(server, replies);
    }

    /** The burst for {@code me}, who was just accepted: 001–005, LUSERS, MOTD (or 422). */
    List<IrcMessage> welcome(Member me, ChatState state) {
        List<IrcMessage> out = new ArrayList<>();
        out.add(replies.numeric(IrcNumeric.RPL_WELCOME,
                "Welcome to the " + server.network() + " IRC Network " + me.mask()));
        out.add(replies.numeric(IrcNumeric.RPL_YOURHOST,
                "Your host is " + server.name() + ", running version " + server.version()));
        out.add(replies.numeric(IrcNumeric.RPL_CREATED, "This server was created " + server.created()));
        out.add(replies.numeric(IrcNumeric.RPL_MYINFO, server.name(), server.version(), ANNOUNCED_USER_MODES,
                ChannelModeTypes.ANNOUNCED.allLetters(), ChannelModeTypes.ANNOUNCED.lettersWithArgument()));
        List<String> tokens = isupport();
        for (int i = 0; i < tokens.size(); i += TOKENS_PER_LINE) {
            List<String> params = new ArrayList<>(tokens.subList(i, Math.min(tokens.size(), i + TOKENS_PER_LINE)));
            params.add(IrcNumeric.RPL_ISUPPORT.text());
            out.add(replies.numeric(IrcNumeric.RPL_ISUPPORT, params.toArray(String[]::new)));
        }
        out.addAll(lusers(me.client(), state));
        out.addAll(motd());
        return out;
    }

    /** The 005 tokens: the chat's limits with this server's network name, and the door's own. */
    List<String> isupport() {
        List<String> tokens = new ArrayList<>();
        for (String t : ChatLimits.ISUPPORT) {
            tokens.add(t.startsWith("NETWORK=") ? "NETWORK=" + server.network() : t);
        }
        // PREFIX and CHANMODES are the chat's now (ChatLimits.ISUPPORT): channel operators and modes are its state.
        tokens.add("TARGMAX=JOIN:,PART:,NAMES:,LIST:,PRIVMSG:" + MAX_MESSAGE_TARGETS + ",NOTICE:"
                + MAX_MESSAGE_TARGETS + ",WHOIS:1,KICK:" + ChannelModeration.MAX_KICK_TARGETS);
        return tokens;
    }

    /** LUSERS, see {@link Lusers}. */
    List<IrcMessage> lusers(ClientId me, ChatState state) {
        return lusers.lines(me, state);
    }

    /** MOTD: 375, a 372 per line, 376; or 422 when there is none. */
    List<IrcMessage> motd() {
        if (server.motd().isEmpty()) {
            return List.of(replies.standard(IrcNumeric.ERR_NOMOTD));
        }
        List<IrcMessage> out = new ArrayList<>();
        out.add(replies.numeric(IrcNumeric.RPL_MOTDSTART, "- " + server.name() + " Message of the Day -"));
        for (String line : server.motd()) {
            out.add(replies.numeric(IrcNumeric.RPL_MOTD, "- " + IrcText.clean(line, MOTD_LINE_BYTES)));
        }
        out.add(replies.standard(IrcNumeric.RPL_ENDOFMOTD));
        return out;
    }
}
