package org.syncnet.door.irc.service;

import org.syncnet.chat.PasswordCredential;
import org.syncnet.chat.app.AccountDesk;
import org.syncnet.chat.app.ChatApplication;
import org.syncnet.door.irc.IrcSecurityConfig;
import org.syncnet.door.irc.SessionOptions;

/** The IRC door's accounts for the glue tests: default settings, the cheapest hash. */
final class TestAccounts {
    private TestAccounts() {
    }

    static IrcAccounts of(ChatApplication chat) {
        return new IrcAccounts(new AccountDesk("server1", chat, PasswordCredential.MIN_ITERATIONS),
                IrcSecurityConfig.fromSettings(name -> null), 0, 30_000,
                SessionOptions.PLAIN.scram());
    }
}
