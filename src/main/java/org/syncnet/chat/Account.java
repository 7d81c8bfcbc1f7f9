package org.syncnet.chat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registered account in {@link AccountRegistry}: its name (a nick's spelling), its password credential and how
 * often it changed, the stored e-mail address, when it was registered, and its browser sessions.
 */
final class Account {
    final String name;
    PasswordCredential credential;
    /** Counts password changes: a login checked against an older password is refused. */
    int passwordVersion;
    final String email;
    /** Ms since 1970, by the registering server's clock. */
    final long registered;
    /** Browser sessions: token hash (hex) to expiry, oldest first. */
    final Map<String, Long> sessions = new LinkedHashMap<>();

    Account(String name, PasswordCredential credential, String email, long registered) {
        this.name = name;
        this.credential = credential;
        this.email = email;
        this.registered = registered;
    }

    AccountView view() {
        return new AccountView(name, credential, passwordVersion, email, registered);
    }
}
