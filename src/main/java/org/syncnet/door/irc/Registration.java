package org.syncnet.door.irc;

import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Identity;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * A connection's way to a nick: NICK and USER (and the end of capability negotiation, if the client started one)
 * make a nick claim for the log; the connection is registered when the log accepts it, and a claim refused because
 * another client got the nick first (433) leaves it waiting for another NICK. After registration NICK claims a new
 * nick the same way; the change takes effect when the log says so.
 * <p>
 * A script that sends NICK, USER and JOIN in one go works as with any IRC server: the JOIN waits in the connection
 * until the claim is applied (the glue's reply order), then finds the client registered; messages sent meanwhile go
 * to the log behind the claim (the log keeps a connection's events in order), and if the claim fails the chat refuses
 * them as not registered (451).
 */
final class Registration {
    enum Phase {
        /** Waiting for NICK and USER (or CAP END). */
        NEW,
        /** A nick claim is in the log. */
        CLAIMING,
        REGISTERED,
        CLOSED
    }

    private final ClientId me;
    private final String host;
    private final Replies replies;
    private final CapNegotiation caps;
    private Phase phase = Phase.NEW;
    /** NICK's nick before the first claim. */
    private String wantedNick;
    /** USER's user name and real name, null until USER. */
    private String username;
    private String realname;
    private Identity identity;
    /** Claims sent and not yet answered, while not registered. */
    private int claims;
    /** The nick the log gave this connection; null until registered. */
    private String nick;

    Registration(ClientId me, String host, Replies replies, CapNegotiation caps) {
        this.me = me;
        this.host = host;
        this.replies = replies;
        this.caps = caps;
    }

    Phase phase() {
        return phase;
    }

    boolean registered() {
        return phase == Phase.REGISTERED;
    }

    /** Whether the client's commands may go to the log (its claim is in it or accepted). */
    boolean started() {
        return phase == Phase.CLAIMING || phase == Phase.REGISTERED;
    }

    String nick() {
        return nick;
    }

    /** The nick the log gave, else the one NICK asked for, else {@code *}: for masks shown before registration. */
    String nickSoFar() {
        return nick != null ? nick : wantedNick != null ? wantedNick : "*";
    }

    /** The identity of the first claim (null before it). */
    Identity identity() {
        return identity;
    }

    void close() {
        phase = Phase.CLOSED;
    }

    IrcSession.Reply onNick(IrcMessage m, ChatState state) {
        ReplyBuilder out = new ReplyBuilder();
        String wanted = m.param(0);
        if (wanted == null || wanted.isEmpty()) {
            return out.send(replies.standard(IrcNumeric.ERR_NONICKNAMEGIVEN)).build();
        }
        if (!ChatLimits.isValidNick(wanted) || ChatLimits.isReservedNick(wanted)) {
            return out.send(replies.standard(IrcNumeric.ERR_ERRONEUSNICKNAME, wanted)).build();
        }
        if (phase == Phase.REGISTERED && wanted.equals(nick)) {
            return out.build();
        }
        if (state.memberByNick(wanted).filter(holder -> !holder.client().equals(me)).isPresent()) {
            return out.send(replies.standard(IrcNumeric.ERR_NICKNAMEINUSE, wanted)).build();
        }
        if (phase == Phase.NEW) {
            wantedNick = wanted;
            claimIfReady(state, out);
        } else {
            // Registered: a change. Claiming: another try, behind the first (if that wins, this is a change).
            claims += phase == Phase.CLAIMING ? 1 : 0;
            out.log(new ChatEvent.NickClaimed(me, wanted, "", identity));
        }
        return out.build();
    }

    /**
     * {@code USER <username> <mode> <unused> :<realname>}, once, before registration. An empty user name is refused
     * with 461 as modern.ircdocs.horse says (even though the parameter is there), and so is an empty real name: a
     * client that has nothing better sends its nick for both.
     */
    IrcSession.Reply onUser(IrcMessage m, ChatState state) {
        ReplyBuilder out = new ReplyBuilder();
        if (m.params().size() < 4 || m.param(0).isEmpty() || m.param(3).isEmpty()) {
            return out.send(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "USER")).build();
        }
        if (username != null) {
            return out.send(replies.standard(IrcNumeric.ERR_ALREADYREGISTERED)).build();
        }
        username = m.param(0);
        realname = m.param(3);
        claimIfReady(state, out);
        return out.build();
    }

    /** After CAP END: the claim may have been waiting for it. */
    IrcSession.Reply onCapEnd(ChatState state) {
        ReplyBuilder out = new ReplyBuilder();
        claimIfReady(state, out);
        return out.build();
    }

    private void claimIfReady(ChatState state, ReplyBuilder out) {
        if (phase != Phase.NEW || wantedNick == null || username == null || caps.holdsRegistration()) {
            return;
        }
        if (state.isNickTaken(wantedNick)) {
            out.send(replies.standard(IrcNumeric.ERR_NICKNAMEINUSE, wantedNick));
            wantedNick = null;
            return;
        }
        identity = IrcIdentity.of(username, wantedNick, host, realname);
        phase = Phase.CLAIMING;
        claims = 1;
        out.log(new ChatEvent.NickClaimed(me, wantedNick, "", identity));
        wantedNick = null;
    }

    /** The log accepted a claim: registered under {@code accepted}. False if it was not waiting for one. */
    boolean onAccepted(String accepted) {
        if (phase != Phase.CLAIMING) {
            return false;
        }
        phase = Phase.REGISTERED;
        nick = accepted;
        return true;
    }

    /** The log refused a claim as taken: before registration, back to waiting for NICK once no claim is left. */
    void onNickInUse() {
        if (phase == Phase.CLAIMING && --claims <= 0) {
            claims = 0;
            phase = Phase.NEW;
        }
    }

    /** The log changed this client's nick. */
    void onRenamed(String newNick) {
        nick = newNick;
    }
}
