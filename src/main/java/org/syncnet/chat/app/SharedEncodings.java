package org.syncnet.chat.app;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The encodings of one outcome's frames or lines, shared by its recipients: most of them get equal frames (a room
 * message to 10,000 members), which are encoded once. Keys are the doors' own frame records (equal only to a record of
 * the same type), so each door finds only its own encodings.
 */
public final class SharedEncodings {
    private final Map<Object, Object> encoded = new HashMap<>();

    @SuppressWarnings("unchecked")
    public <K, V> V get(K frame, Function<? super K, ? extends V> encode) {
        return (V) encoded.computeIfAbsent(frame, f -> encode.apply((K) f));
    }
}
