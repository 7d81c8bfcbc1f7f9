package org.syncnet.door.ws;

import java.util.Objects;

/**
 * A password or a browser login token as a frame carries it: never printed, so that no frame, verdict or test failure
 * puts one into a log. Empty: none given.
 */
public record Secret(String value) {
    public static final Secret NONE = new Secret("");

    public Secret {
        Objects.requireNonNull(value);
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "Secret[none]" : "Secret[hidden]";
    }
}
