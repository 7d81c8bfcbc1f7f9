package org.syncnet.door.irc.sasl;

import java.util.ArrayList;
import java.util.List;

/**
 * A SCRAM message's attributes ({@code a=value,b=value}, RFC 5802 section 5) in the order sent. The RFC fixes their
 * order, forbids empty values and makes {@code m=} (a mandatory extension) fail the exchange; extensions it does not
 * define come after its own attributes and are ignored. One of its own letters out of place is an error, not an
 * extension: a second {@code n=} or {@code r=} must not be read by anyone.
 */
final class ScramAttributes {
    /** Far above any real value (the longest is a proof of 44 characters); an unbounded one is only an attack. */
    static final int MAX_VALUE_CHARS = 1024;
    /** The letters RFC 5802 defines; anything else is an optional extension. */
    private static final String DEFINED = "amnrcspive";

    record Attribute(char name, String value) {
    }

    private final List<Attribute> attributes;

    private ScramAttributes(List<Attribute> attributes) {
        this.attributes = attributes;
    }

    static ScramAttributes parse(String text) throws ScramRefusal {
        List<Attribute> attributes = new ArrayList<>();
        for (String field : text.split(",", -1)) {
            if (field.length() < 2 || !isAsciiLetter(field.charAt(0)) || field.charAt(1) != '=') {
                throw ScramRefusal.malformed(ScramRefusal.INVALID_ENCODING, "a SCRAM attribute is not letter=value");
            }
            if (field.charAt(0) == 'm') {
                throw ScramRefusal.malformed(ScramRefusal.EXTENSIONS_NOT_SUPPORTED,
                        "the client asked for a mandatory SCRAM extension");
            }
            String value = field.substring(2);
            if (value.isEmpty() || value.length() > MAX_VALUE_CHARS) {
                throw ScramRefusal.malformed(ScramRefusal.INVALID_ENCODING, "a SCRAM attribute is empty or too long");
            }
            attributes.add(new Attribute(field.charAt(0), value));
        }
        return new ScramAttributes(attributes);
    }

    int size() {
        return attributes.size();
    }

    /** The value at {@code index}, which must be the attribute {@code name}. */
    String value(int index, char name) throws ScramRefusal {
        if (index >= attributes.size() || attributes.get(index).name() != name) {
            throw ScramRefusal.malformed(ScramRefusal.OTHER_ERROR,
                    "SCRAM attribute " + name + "= missing or out of order");
        }
        return attributes.get(index).value();
    }

    /** Checks that the attributes from {@code from} (inclusive) to {@code to} (exclusive) are only extensions. */
    void requireOnlyExtensions(int from, int to) throws ScramRefusal {
        for (int i = from; i < to; i++) {
            if (DEFINED.indexOf(attributes.get(i).name()) >= 0) {
                throw ScramRefusal.malformed(ScramRefusal.OTHER_ERROR,
                        "SCRAM attribute " + attributes.get(i).name() + "= repeated or out of order");
            }
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
