package org.syncnet.door.ws;

/**
 * What a browser's frame asks of the accounts before its session may log anything: a password or a token to check,
 * a nick to look up. {@link AccountClerk} answers with an {@link AccountVerdict}; {@code address} is where the
 * browser connects from, for the login throttle and the registration limit.
 */
sealed interface AccountCheck {
    /** Whether it checks a password: slow by design, so it runs off the WebSocket's thread. */
    default boolean slow() {
        return true;
    }

    /** May the hello's nick be claimed: is it registered, and does the hello log in to its account? */
    record Hello(ClientFrame.Hello hello, String address) implements AccountCheck {
        @Override
        public boolean slow() {
            return !hello.password().isEmpty();
        }
    }

    record Login(String account, Secret password, String address) implements AccountCheck {
    }

    /** {@code nick}: the nick the client holds, to become the account's name. */
    record Register(String nick, Secret password, String email, String address) implements AccountCheck {
    }

    record ChangePassword(String account, Secret password, Secret newPassword, String address)
            implements AccountCheck {
    }

    record Drop(String account, Secret password, String address) implements AccountCheck {
    }
}
