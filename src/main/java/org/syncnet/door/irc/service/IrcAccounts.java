package org.syncnet.door.irc.service;

import org.syncnet.chat.app.AccountDesk;
import org.syncnet.door.irc.IrcSecurityConfig;
import org.syncnet.door.irc.ScramSettings;
import org.syncnet.door.irc.SessionOptions;

/**
 * What the IRC door's connections need for accounts: the chat's {@link AccountDesk} (passwords, logins), the door's
 * security settings, its TLS port (0: none), the grace period of registered nicks and SCRAM's settings.
 */
record IrcAccounts(AccountDesk desk, IrcSecurityConfig config, int tlsPort, long nickGraceMillis,
                   ScramSettings scram) {
    SessionOptions options(boolean secure) {
        return config.sessionOptions(secure, tlsPort, nickGraceMillis, scram);
    }
}
