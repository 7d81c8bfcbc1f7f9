package org.syncnet.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A load generator's {@code --name=value} arguments, read by name with a default; {@link #requireAllUsed} then
 * names any argument nobody asked for (a typo must not silently run the default). Shared by the options of
 * {@link ChatBench} and {@link IrcBench}.
 */
final class BenchArgs {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> unused = new HashMap<>();

    BenchArgs(String[] args) {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("not --name=value: " + arg);
            }
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        unused.putAll(values);
    }

    boolean has(String name) {
        unused.remove(name);
        return values.containsKey(name);
    }

    String text(String name, String dflt) {
        unused.remove(name);
        return values.getOrDefault(name, dflt);
    }

    int integer(String name, int dflt) {
        String v = text(name, null);
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer: " + v);
        }
    }

    double number(String name, double dflt) {
        String v = text(name, null);
        try {
            return v == null ? dflt : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number: " + v);
        }
    }

    /** @throws IllegalArgumentException naming the arguments no one read */
    void requireAllUsed() {
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + new TreeSet<>(unused.keySet()));
        }
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
