package org.syncnet.chat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares two object graphs of the chat state field by field (every field of every class of this package, whatever
 * it is called), collections in their iteration order (a plain hash map or set as a map or set), so a field a snapshot
 * forgot, or an order it changed, shows as the path where the two differ.
 */
final class DeepState {
    private final Map<Object, Object> visited = new IdentityHashMap<>();

    private DeepState() {
    }

    /** Null when {@code a} and {@code b} hold the same; else the path of the first difference. */
    static String difference(Object a, Object b) {
        return new DeepState().diff("state", a, b);
    }

    private String diff(String path, Object a, Object b) {
        if (a == b) {
            return null;
        }
        if (a == null || b == null) {
            return path + ": " + a + " vs " + b;
        }
        if (a.getClass() != b.getClass()) {
            return path + ": " + a.getClass() + " vs " + b.getClass();
        }
        if (visited.get(a) == b) {
            return null;
        }
        visited.put(a, b);
        if (a instanceof byte[] x) {
            return Arrays.equals(x, (byte[]) b) ? null : path + ": bytes differ";
        }
        if (a instanceof String || a instanceof Number || a instanceof Boolean || a instanceof Character
                || a instanceof Enum<?>) {
            return a.equals(b) ? null : path + ": " + a + " vs " + b;
        }
        if (a instanceof Map<?, ?> m) {
            Map<?, ?> n = (Map<?, ?>) b;
            if (m.size() != n.size()) {
                return path + ": " + m.size() + " entries vs " + n.size();
            }
            boolean ordered = a instanceof LinkedHashMap || !(a instanceof HashMap);
            if (ordered) {
                Iterator<? extends Map.Entry<?, ?>> i = m.entrySet().iterator();
                Iterator<? extends Map.Entry<?, ?>> j = n.entrySet().iterator();
                int k = 0;
                while (i.hasNext()) {
                    Map.Entry<?, ?> x = i.next();
                    Map.Entry<?, ?> y = j.next();
                    String d = diff(path + "[key " + k + "]", x.getKey(), y.getKey());
                    d = d != null ? d : diff(path + "[" + x.getKey() + "]", x.getValue(), y.getValue());
                    if (d != null) {
                        return d;
                    }
                    k++;
                }
                return null;
            }
            for (Map.Entry<?, ?> x : m.entrySet()) {
                if (!n.containsKey(x.getKey())) {
                    return path + ": key " + x.getKey() + " missing";
                }
                String d = diff(path + "[" + x.getKey() + "]", x.getValue(), n.get(x.getKey()));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof Collection<?> c) {
            Collection<?> e = (Collection<?>) b;
            if (c.size() != e.size()) {
                return path + ": " + c.size() + " items vs " + e.size();
            }
            if (a instanceof Set<?> && !(a instanceof LinkedHashSet<?>)) {
                return Objects.equals(a, b) ? null : path + ": sets differ";
            }
            List<?> x = new ArrayList<>(c);
            List<?> y = new ArrayList<>(e);
            for (int i = 0; i < x.size(); i++) {
                String d = diff(path + "[" + i + "]", x.get(i), y.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (!a.getClass().getPackageName().startsWith("org.syncnet.chat")) {
            return a.equals(b) ? null : path + ": " + a + " vs " + b;
        }
        for (Class<?> k = a.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                try {
                    String d = diff(path + "." + f.getName(), f.get(a), f.get(b));
                    if (d != null) {
                        return d;
                    }
                } catch (IllegalAccessException ex) {
                    throw new AssertionError(ex);
                }
            }
        }
        return null;
    }
}
