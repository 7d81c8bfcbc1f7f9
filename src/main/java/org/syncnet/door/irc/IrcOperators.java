package org.syncnet.door.irc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.syncnet.settings.InvalidSettingException;

/**
 * The server operators this server accepts (IRC OPER), from the setting {@value #SETTING}:
 * {@code name=<hash>[,name=<hash>...]}, each hash made by {@code scripts/oper_password_hash.sh}
 * ({@link OperPassword}). Every server of a cluster should carry the same list: operator status, once granted, is
 * chat state that every server honours. Immutable; {@link #check} is safe from any thread.
 */
public final class IrcOperators {
    public static final String SETTING = "syncnet.irc.opers";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    public static final IrcOperators NONE = new IrcOperators(Map.of());

    private final Map<String, OperPassword> byName;

    private IrcOperators(Map<String, OperPassword> byName) {
        this.byName = Map.copyOf(byName);
    }

    /**
     * Reads the setting's value (null or blank: no operators).
     *
     * @throws InvalidSettingException naming the setting and the entry at fault, never a hash
     */
    public static IrcOperators parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        Map<String, OperPassword> byName = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;  // "a=..,", "a=..,,b=..": a stray comma is harmless
            }
            int eq = entry.indexOf('=');
            String name = eq < 0 ? entry.strip() : entry.substring(0, eq).strip();
            if (eq < 0 || !NAME.matcher(name).matches()) {
                throw new InvalidSettingException(SETTING, "entry '" + (eq < 0 ? "…" : name)
                        + "' is not name=<hash> with a name of 1 to 32 letters, digits, '_', '.' or '-'");
            }
            try {
                if (byName.put(name, OperPassword.parse(entry.substring(eq + 1))) != null) {
                    throw new InvalidSettingException(SETTING, "operator " + name + " is listed twice");
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(SETTING, "the hash of operator " + name + " is " + e.getMessage());
            }
        }
        return new IrcOperators(byName);
    }

    /** How an OPER attempt fares. */
    public enum Check { ACCEPTED, NO_SUCH_OPERATOR, WRONG_PASSWORD }

    /** Checks a name and password; slow by design for a known name (see {@link OperPassword}). */
    public Check check(String name, String password) {
        OperPassword stored = byName.get(name);
        if (stored == null) {
            return Check.NO_SUCH_OPERATOR;
        }
        return stored.matches(password) ? Check.ACCEPTED : Check.WRONG_PASSWORD;
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }
}
