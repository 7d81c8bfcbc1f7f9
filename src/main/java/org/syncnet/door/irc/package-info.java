/**
 * The IRC door: any IRC client (irssi, WeeChat, HexChat, ii, netcat) chats on a server's TCP port with browser users
 * and IRC users on every server of the cluster. This package is the protocol of one connection, in plain Java like
 * the chat itself: {@link org.syncnet.door.irc.IrcSession} turns the client's parsed messages
 * ({@link org.syncnet.door.irc.wire.IrcMessage}) into {@link org.syncnet.chat.ChatEvent}s for the replicated log plus
 * immediate replies, and the {@link org.syncnet.chat.ChatOutcome}s of committed events into lines; the wire layer
 * ({@code org.syncnet.door.irc.wire}: framing, parsing, writing) and the TCP server are separate.
 * <p>
 * How IRC maps to the chat: a room is a channel ({@code #} names, rfc1459 casemapping), there is one nick namespace
 * for browser and IRC users (the first claim in the log wins, so a collision is known only when the claim commits,
 * and registration completes then), and everything a client changes — its nick, joins, parts, messages, topics,
 * away state, channel modes, kicks, invites — is an event in the log, effective on every server when applied.
 * Queries (NAMES, WHO, WHOIS, LIST, TOPIC, MODE, USERHOST, ISON, LUSERS) are answered from the replicated state, so
 * they see the whole cluster. Others appear as {@code nick!user@host}: an IRC user as {@code nick!~user@address}, a
 * browser user as {@code nick!web@server1}.
 * <p>
 * Supported: registration with CAP negotiation ({@code server-time}, {@code echo-message}, {@code multi-prefix},
 * {@code invite-notify}, {@code away-notify} and the accounts' capabilities), PASS, NICK, USER, PING, PONG, QUIT, JOIN
 * (several, with keys, {@code JOIN 0}), PART, PRIVMSG and NOTICE to channels and nicks (several targets; private
 * messages cross servers; CTCP passes through as text), TOPIC, NAMES, LIST, WHO (with wildcard masks), WHOIS, AWAY,
 * MODE (channel modes {@code beIiklmnostv} — operators, voice, bans, exceptions, invite exceptions, key, limit and
 * flags, all chat state — and the client's own user modes {@code i w o}, all chat state), KICK, INVITE, OPER (hashes
 * from the settings), KILL, WALLOPS, WHOWAS, MOTD, LUSERS, TIME, INFO, USERHOST, ISON, and the numerics clients rely
 * on. Replies come in the order of the client's commands, whether answered at once or through the log. A join brings
 * the room's last messages from the chat state's in-memory history (a setting, {@link org.syncnet.door.irc.IrcConfig}),
 * with {@code server-time} tags for clients that asked for them.
 * <p>
 * Not supported: other channel modes (half-ops, quiets, extended bans), KNOCK, PASS checking or services, ELIST
 * filters, idle times, {@code batch} and {@code chathistory} (the history on join is plain lines), session
 * resume (IRC clients do not reconnect with a session key), and message tags beyond {@code time} (client tags are
 * accepted within IRCv3's limit and ignored).
 */
package org.syncnet.door.irc;
