package org.syncnet.door.irc.sasl;

import java.nio.charset.StandardCharsets;

/**
 * The one check on an account name this package makes before asking anyone about it: present and short. Everything
 * else (syntax, casemapping) is the account lookup's business; this only keeps absurd names away from it.
 */
final class AccountNames {
    static final int MAX_BYTES = 64;

    private AccountNames() {
    }

    static boolean acceptable(String name) {
        return !name.isEmpty() && name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}
