package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.chat.ChatLimits;

/**
 * Text from an IRC client made fit for the chat, and long word lists made fit for IRC lines. IRC clients send
 * what their users type, control characters included; refusing a whole message for a stray one would lose it, so
 * the door strips the characters {@link ChatLimits} refuses (keeping IRC's formatting codes and CTCP's U+0001, which
 * it allows) and clips to the byte limit instead, as IRC servers truncate overlong topics and reasons.
 */
final class IrcText {
    private IrcText() {
    }

    /** {@code text} without refused control characters or lone surrogates, clipped to {@code maxBytes} of UTF-8. */
    static String clean(String text, int maxBytes) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                b.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                continue;  // lone: not encodable as UTF-8
            } else if (!Character.isISOControl(c) || ChatLimits.isValidText(String.valueOf(c))) {
                b.append(c);
            }
        }
        return clip(b.toString(), maxBytes);
    }

    /** The longest prefix of {@code s} of at most {@code maxBytes} of UTF-8 that does not split a character. */
    static String clip(String s, int maxBytes) {
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                return s.substring(0, i);
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return s;
    }

    /**
     * The words joined by spaces into lines of at most {@code maxBytes} of UTF-8 each (a word longer than that gets
     * a line of its own); no line when there are no words. For nick and channel lists (353, 319).
     */
    static List<String> chunk(List<String> words, int maxBytes) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int lineBytes = 0;
        for (String w : words) {
            int wordBytes = Math.max(0, ChatLimits.utf8Length(w));
            if (lineBytes > 0 && lineBytes + 1 + wordBytes > maxBytes) {
                lines.add(line.toString());
                line.setLength(0);
                lineBytes = 0;
            }
            if (lineBytes > 0) {
                line.append(' ');
                lineBytes++;
            }
            line.append(w);
            lineBytes += wordBytes;
        }
        if (lineBytes > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
