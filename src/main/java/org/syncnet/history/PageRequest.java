package org.syncnet.history;

import org.syncnet.chat.Casemapping;
import org.syncnet.chat.ChatLimits;

/**
 * One page of a room's history, as asked for ({@code GET /api/rooms/{room}/messages?before=SEQ&limit=N}) and checked:
 * the room by the chat's room syntax, {@code before} a seq (messages below it; absent: the newest), {@code limit}
 * how many at most ({@value #DEFAULT_LIMIT} when absent, at most {@value #MAX_LIMIT}).
 *
 * @param room    the room as asked for
 * @param roomKey the room's name folded (rooms compare under rfc1459)
 * @param before  messages with a seq below this; {@link Long#MAX_VALUE} for the newest
 * @param limit   messages at most
 */
public record PageRequest(String room, String roomKey, long before, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** Digits of the largest seq (Long.MAX_VALUE has 19). */
    private static final int MAX_SEQ_DIGITS = 19;

    /** A parameter the caller got wrong; {@link #parameter()} names it. */
    public static final class BadParameter extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String parameter;

        BadParameter(String parameter, String problem) {
            super(parameter + ": " + problem);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /**
     * Checks the request's parameters as they came (null: absent).
     *
     * @throws BadParameter naming the first parameter that is wrong
     */
    public static PageRequest parse(String room, String before, String limit) {
        if (!ChatLimits.isValidRoom(room)) {
            throw new BadParameter("room", "not a room name: '#' and 1 to " + (ChatLimits.MAX_ROOM_CHARS - 1)
                    + " characters, no spaces, commas, colons or control characters (write '#' as %23 in the URL)");
        }
        long beforeSeq = before == null ? Long.MAX_VALUE : number("before", before, Long.MAX_VALUE,
                "a seq: a whole number from 1 (the cursor a page returned)");
        int max = limit == null ? DEFAULT_LIMIT : (int) number("limit", limit, MAX_LIMIT,
                "a whole number from 1 to " + MAX_LIMIT);
        return new PageRequest(room, Casemapping.fold(room), beforeSeq, max);
    }

    private static long number(String parameter, String text, long max, String expected) {
        boolean digits = !text.isEmpty() && text.length() <= MAX_SEQ_DIGITS;
        for (int i = 0; digits && i < text.length(); i++) {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        long value;
        try {
            value = digits ? Long.parseLong(text) : -1;
        } catch (NumberFormatException e) {
            value = -1;  // 19 digits beyond Long.MAX_VALUE
        }
        if (value < 1 || value > max) {
            throw new BadParameter(parameter, "'" + text + "' is not " + expected);
        }
        return value;
    }
}
