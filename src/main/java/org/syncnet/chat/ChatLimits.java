package org.syncnet.chat;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a client may send, checked at the door (the connector, before an event enters the log) and again when the
 * event is decoded from the log, so a bad event can neither be logged nor be applied.
 * <ul>
 *   <li><b>Nick</b>: 1–16 ASCII characters, letters, digits and {@code []\`_^{|}-}, not starting with a digit or
 *       '-' (RFC 2812's nick grammar, so every IRC client accepts it; announced as NICKLEN=16).</li>
 *   <li><b>Room</b>: {@code #} and 1–49 characters (CHANNELLEN=50, counted in code points), none of them a space,
 *       comma, colon (RFC 2812 forbids it; it would end an IRC parameter), control character (C0 with BEL, DEL,
 *       C1) or other Unicode whitespace, and no lone surrogate.</li>
 *   <li><b>Text</b>: 1 to 4096 bytes of UTF-8, one line: no CR or LF (an IRC line cannot carry them; a browser
 *       sends each line as its own message) and no control characters except the IRC formatting codes bold
 *       ^B, colour ^C, reset ^O, reverse ^V, italic ^], strikethrough ^^, underline ^_, monospace ^Q, and tab.</li>
 *   <li><b>Reason</b> (part and quit messages) and <b>topic</b>: like text but at most 300 bytes; may be empty.</li>
 *   <li><b>Client event id</b>: 1–64 characters of {@code A-Z a-z 0-9 . _ : -}, chosen by the client.</li>
 *   <li><b>Mode argument</b> (a mask, key, limit or nick): one word of at most 100 characters; a <b>room key</b>
 *       1–23 characters without comma or colon. A MODE carries at most 4 changes, a mask list holds 50.</li>
 * </ul>
 */
public final class ChatLimits {
    public static final int MAX_NICK_CHARS = 16;
    public static final int MAX_ROOM_CHARS = 50;
    public static final int MAX_TEXT_BYTES = 4096;
    public static final int MAX_REASON_BYTES = 300;
    public static final int MAX_TOPIC_BYTES = 300;
    public static final int MAX_ID_CHARS = 64;
    public static final int MAX_SESSION_CHARS = 64;
    /** The user name of {@code nick!user@host} (IRC USERLEN; the door adds '~' for an unverified IRC user name). */
    public static final int MAX_USER_CHARS = 11;
    public static final int MAX_HOST_CHARS = 64;
    public static final int MAX_REALNAME_BYTES = 100;
    public static final int MAX_AWAY_BYTES = 300;
    /** Messages each room keeps for clients that join or resume (IRC servers keep none; the brief asks 200). */
    public static final int HISTORY_PER_ROOM = 200;
    /**
     * Rooms that may exist at once, cluster-wide. Bounds memory: each room holds up to 200 messages of up to 4 KiB,
     * so the worst case is about 200 × 200 × 4.4 KB ≈ 180 MB (typical chat is a few hundred bytes a message).
     * A constant, not a setting: every server must refuse the same join, or their states would differ.
     */
    public static final int MAX_ROOMS = 200;
    /**
     * Messages (room and private) remembered by sender and client event id, so a resend is recognized as one: at
     * 1,000 messages a second, 50 s — far more than a failover takes. Part of the replicated state (a constant).
     */
    public static final int SENT_WINDOW = 50_000;
    /**
     * Characters of recent messages (all rooms) a server keeps for clients resuming after a reconnect, beyond each
     * room's history: 16 Mi characters, thousands of messages even at the maximum size.
     */
    public static final long RESUME_BUFFER_CHARS = 16L * 1024 * 1024;
    /** Rooms one client may be in at once (announced as CHANLIMIT=#:20). */
    public static final int MAX_ROOMS_PER_CLIENT = 20;
    /** Mode changes one MODE event may carry (announced as MODES=4): bounds one event's size and work. */
    public static final int MAX_MODE_CHANGES = 4;
    /** Entries each of a room's ban, exception and invite-exception lists may hold (MAXLIST). */
    public static final int MAX_LIST_ENTRIES = 50;
    /** A room key's length (IRC KEYLEN's customary value). */
    public static final int MAX_KEY_CHARS = 23;
    /** The highest user limit a room may have ({@code +l}). */
    public static final int MAX_LIMIT = 99_999;
    /** Clients a room remembers as invited; the oldest invite is dropped beyond it, so a room's state stays bounded. */
    public static final int MAX_INVITES_PER_ROOM = 100;
    /** Nicks WHOWAS remembers, cluster-wide (part of the replicated state: every server forgets alike). */
    public static final int WHOWAS_ENTRIES = 1000;
    /**
     * A mode argument (ban mask, key, limit, nick) in characters; a normalized mask must fit too. The longest
     * {@code nick!user@host} a client can have is 16 + 1 + 11 + 1 + 64 = 93 characters.
     */
    public static final int MAX_MASK_CHARS = 100;
    /** The name an OPER command logged in with. */
    public static final int MAX_OPER_NAME_CHARS = 32;
    /** An account's stored e-mail address. */
    public static final int MAX_EMAIL_CHARS = 100;
    /** Passwords: at least this many characters, at most {@link #MAX_PASSWORD_BYTES} of UTF-8, one line. */
    public static final int MIN_PASSWORD_CHARS = 8;
    public static final int MAX_PASSWORD_BYTES = 300;
    /** A browser login token's hash (SHA-256) as events and the state keep it. */
    public static final int SESSION_HASH_BYTES = 32;
    /** How long a browser login token is valid; a new login issues a new one. */
    public static final long SESSION_LIFETIME_MILLIS = 30L * 24 * 3600 * 1000;
    /** Browser logins an account holds at once; a new one ends the oldest. */
    public static final int MAX_SESSIONS_PER_ACCOUNT = 10;
    /** Accounts one address may register within {@link #REGISTRATION_WINDOW_MILLIS}. */
    public static final int REGISTRATIONS_PER_ADDRESS = 3;
    public static final long REGISTRATION_WINDOW_MILLIS = 3600_000;
    /** Guest nicks, given to a client holding a registered nick it is not logged in to: this and five digits. */
    public static final String GUEST_PREFIX = "Guest";
    /** User modes a client may set on itself; {@code o} (server operator) is only given by OPER, and only dropped. */
    public static final String USER_MODES = "iw";

    private static final String NICK_SPECIALS = "[]\\`_^{|}";

    /**
     * The limits above as IRC ISUPPORT (005) tokens, so the IRC door announces exactly what the chat enforces.
     * A 4096-byte message is longer than an IRC line (512 bytes with prefix and command): the IRC door splits it
     * into several PRIVMSG lines for its clients.
     */
    public static final List<String> ISUPPORT = List.of("CASEMAPPING=rfc1459", "CHANTYPES=#",
            "CHANLIMIT=#:" + MAX_ROOMS_PER_CLIENT, "CHANNELLEN=" + MAX_ROOM_CHARS, "NICKLEN=" + MAX_NICK_CHARS,
            "TOPICLEN=" + MAX_TOPIC_BYTES, "AWAYLEN=" + MAX_AWAY_BYTES, "USERLEN=" + (MAX_USER_CHARS - 1),
            "NETWORK=SyncNet", "CHANMODES=beI,k,l,imnst", "PREFIX=(ov)@+", "MODES=" + MAX_MODE_CHANGES,
            "MAXLIST=b:" + MAX_LIST_ENTRIES + ",e:" + MAX_LIST_ENTRIES + ",I:" + MAX_LIST_ENTRIES, "EXCEPTS=e",
            "INVEX=I");

    private ChatLimits() {
    }

    public static boolean isValidNick(String nick) {
        if (nick == null || nick.isEmpty() || nick.length() > MAX_NICK_CHARS) {
            return false;
        }
        for (int i = 0; i < nick.length(); i++) {
            char c = nick.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean special = NICK_SPECIALS.indexOf(c) >= 0;
            boolean laterOnly = (c >= '0' && c <= '9') || c == '-';
            if (!(letter || special || (laterOnly && i > 0))) {
                return false;
            }
        }
        return true;
    }

    /** Nicks no client may take: the IRC door's NickServ answers to this one on every server. */
    public static boolean isReservedNick(String nick) {
        return Casemapping.fold(nick).equals(Casemapping.fold("NickServ"));
    }

    public static boolean isValidRoom(String room) {
        if (room == null || room.length() < 2 || room.charAt(0) != '#' || !isWellFormedUtf16(room)) {
            return false;
        }
        int codePoints = room.codePointCount(0, room.length());
        if (codePoints > MAX_ROOM_CHARS) {
            return false;
        }
        // A loop, not a stream: every message's room is checked when every server decodes it.
        for (int i = 1; i < room.length(); ) {
            int cp = room.codePointAt(i);
            if (cp == ',' || cp == ':' || Character.isISOControl(cp) || Character.isWhitespace(cp)
                    || Character.isSpaceChar(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** Message text: non-empty, at most {@link #MAX_TEXT_BYTES} of UTF-8, one line. */
    public static boolean isValidText(String text) {
        return text != null && !text.isEmpty() && isLineWithin(text, MAX_TEXT_BYTES);
    }

    /** Part/quit reasons and topics: may be empty. */
    public static boolean isValidReason(String reason) {
        return reason != null && isLineWithin(reason, MAX_REASON_BYTES);
    }

    public static boolean isValidTopic(String topic) {
        return topic != null && isLineWithin(topic, MAX_TOPIC_BYTES);
    }

    /**
     * The user part of a client's {@code nick!user@host}: visible ASCII without '!' or '@', not starting with ':'
     * (an IRC parameter would read it as the trailing one; an IPv6 host is written {@code 0::1}).
     */
    public static boolean isValidUser(String user) {
        return isVisibleAscii(user, MAX_USER_CHARS);
    }

    /** The host part of {@code nick!user@host}, as the client's server names it (an address or a name). */
    public static boolean isValidHost(String host) {
        return isVisibleAscii(host, MAX_HOST_CHARS);
    }

    /** IRC's "real name" (USER's last parameter): free text on one line, may be empty. */
    public static boolean isValidRealname(String realname) {
        return realname != null && isLineWithin(realname, MAX_REALNAME_BYTES);
    }

    /** An away message; empty means "back". */
    public static boolean isValidAway(String away) {
        return away != null && isLineWithin(away, MAX_AWAY_BYTES);
    }

    public static boolean isValidClientEventId(String id) {
        return isAsciiToken(id, MAX_ID_CHARS);
    }

    /** A resume session key: same alphabet as event ids; empty means "no session". */
    public static boolean isValidSession(String session) {
        return session != null && (session.isEmpty() || isAsciiToken(session, MAX_SESSION_CHARS));
    }

    /**
     * A mode change's argument as an event carries it: empty (none), or one word of at most
     * {@link #MAX_MASK_CHARS} characters, well-formed, without whitespace or control characters (it must fit one
     * IRC parameter). What it means for its mode letter (a nick, a mask, a key, a number) the state checks.
     */
    public static boolean isValidModeArgument(String argument) {
        if (argument == null || argument.length() > MAX_MASK_CHARS || !isWellFormedUtf16(argument)) {
            return false;
        }
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A room key ({@code +k}, and what a join offers): 1–{@value #MAX_KEY_CHARS} characters, none of them a space, a
     * comma or a colon (IRC's JOIN separates keys with commas) or a control character.
     */
    public static boolean isValidKey(String key) {
        if (key == null || key.isEmpty() || !isValidModeArgument(key)
                || key.codePointCount(0, key.length()) > MAX_KEY_CHARS) {
            return false;
        }
        return key.indexOf(',') < 0 && key.indexOf(':') < 0;
    }

    /** An account's e-mail address as stored (never sent anything): empty, or {@code local@domain} in ASCII. */
    public static boolean isValidEmail(String email) {
        if (email == null || email.isEmpty()) {
            return email != null;
        }
        int at = email.indexOf('@');
        if (email.length() > MAX_EMAIL_CHARS || at < 1 || at != email.lastIndexOf('@') || at == email.length() - 1) {
            return false;
        }
        return email.chars().allMatch(c -> c > ' ' && c < 0x7F);
    }

    /** A password a client chooses: {@value #MIN_PASSWORD_CHARS} characters or more, one line, no control chars. */
    public static boolean isValidPassword(String password) {
        return password != null && password.codePointCount(0, password.length()) >= MIN_PASSWORD_CHARS
                && isLineWithin(password, MAX_PASSWORD_BYTES);
    }

    /** The name an OPER logged in with: 1–{@value #MAX_OPER_NAME_CHARS} visible ASCII characters. */
    public static boolean isValidOperName(String name) {
        return isVisibleAscii(name, MAX_OPER_NAME_CHARS);
    }

    /**
     * A client's complete set of user modes as {@code UserModesSet} carries it: letters of {@link #USER_MODES} and
     * {@code o}, each at most once, in any order; may be empty.
     */
    public static boolean isValidUserModes(String modes) {
        if (modes == null || modes.length() > USER_MODES.length() + 1) {
            return false;
        }
        for (int i = 0; i < modes.length(); i++) {
            char c = modes.charAt(i);
            if ((USER_MODES.indexOf(c) < 0 && c != 'o') || modes.indexOf(c) != i) {
                return false;
            }
        }
        return true;
    }

    /** Bytes of UTF-8 the string encodes to, or -1 if it holds a lone surrogate (not encodable). */
    public static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return -1;
                }
                bytes += 4;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    static boolean isWellFormedUtf16(String s) {
        return utf8Length(s) >= 0;
    }

    private static boolean isLineWithin(String s, int maxBytes) {
        int bytes = utf8Length(s);
        if (bytes < 0 || bytes > maxBytes) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && !isFormattingCode(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * mIRC-style formatting codes IRC clients send and show, and CTCP's U+0001 (an IRC client's "/me waves" is
     * U+0001 "ACTION waves" U+0001); everything else below 0x20 is refused.
     */
    static boolean isFormattingCode(char c) {
        return switch (c) {
            case '\u0001', '\u0002', '\u0003', '\u000F', '\u0016', '\u001D', '\u001E', '\u001F', '\u0011', '\t' -> true;
            default -> false;
        };
    }

    private static boolean isVisibleAscii(String s, int max) {
        if (s == null || s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '!' || c == '@' || (c == ':' && i == 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiToken(String s, int max) {
        if (s == null || s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
