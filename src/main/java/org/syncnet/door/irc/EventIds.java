package org.syncnet.door.irc;

import org.syncnet.chat.ClientId;

/**
 * Client event ids for one IRC connection's messages. IRC clients never resend, so a counter suffices, but the ids
 * must not repeat across connections: the chat recognizes a resend by sender nick and id, so a user who reconnects
 * under the same nick and counted from 1 again would have its first messages swallowed as resends. Hence the
 * connection's number and its server's hash after the counter ({@code i7.1a2b3c.k9x}). The first letter says whether
 * the message was a NOTICE ({@code n}) or a PRIVMSG ({@code i}): a refusal of a notice must not be answered with an
 * error numeric (RFC 2812), and the refusal carries only the id.
 */
final class EventIds {
    private final String suffix;
    private long count;

    EventIds(ClientId id) {
        this.suffix = "." + Long.toString(id.connection(), 36) + "."
                + Integer.toString(id.server().hashCode() & 0x7fffffff, 36);
    }

    String next(boolean notice) {
        return (notice ? "n" : "i") + (++count) + suffix;
    }

    /** Whether {@code id} (may be null) is one this door gave a NOTICE. */
    static boolean isNotice(String id) {
        return id != null && id.startsWith("n");
    }
}
