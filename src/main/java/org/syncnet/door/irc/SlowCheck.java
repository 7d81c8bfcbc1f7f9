package org.syncnet.door.irc;

/**
 * Work a session hands its glue because it is slow by design (password hashing): the glue does it off its connection
 * loop, holds the connection's later input meanwhile, and gives the result back to the matching {@link IrcSession}
 * method. {@code toString} never shows a password, should anything log it.
 */
public sealed interface SlowCheck {
    /** OPER: check against the configured operators ({@link IrcOperators#check}); then {@link IrcSession#onOperChecked}. */
    record OperAttempt(String name, String password) implements SlowCheck {
        @Override
        public String toString() {
            return "OPER " + name;
        }
    }

    /**
     * A password for {@code account} (IDENTIFY, SASL PLAIN, DROP): check with the account desk's login; then
     * {@link IrcSession#onLoginChecked}.
     */
    record AccountPassword(String account, String password, AccountRequest request) implements SlowCheck {
        @Override
        public String toString() {
            return request + " " + account;
        }
    }

    /**
     * A new password (REGISTER, SET PASSWORD): make its credential with the account desk; then
     * {@link IrcSession#onCredential}. {@code email}: for a registration (empty: none).
     */
    record NewPassword(String password, String email, AccountRequest request) implements SlowCheck {
        @Override
        public String toString() {
            return request.toString();
        }
    }

    /** PASS, where the server has a password: check it; then {@link IrcSession#onServerPasswordChecked}. */
    record ServerPassword(String password) implements SlowCheck {
        @Override
        public String toString() {
            return "PASS";
        }
    }
}
