package org.syncnet.door.irc.service;

import org.syncnet.chat.app.AccountDesk;
import org.syncnet.door.irc.IrcAccountConfig;
import org.syncnet.door.irc.ScramSettings;
import org.syncnet.door.irc.SessionOptions;

/**
 * What the IRC door's connections need for accounts: the chat's {@link AccountDesk} (passwords, logins), the door's
 * account settings, the grace period of registered nicks and SCRAM's settings.
 */
record IrcAccounts(AccountDesk desk, IrcAccountConfig config, long nickGraceMillis, ScramSettings scram) {
    SessionOptions options(boolean secure) {
        return config.sessionOptions(secure, nickGraceMillis, scram);
    }
}
