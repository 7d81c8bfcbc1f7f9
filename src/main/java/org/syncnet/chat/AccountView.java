package org.syncnet.chat;

/**
 * An account as a door reads it to check a password (the credential and its version, which a login event carries)
 * and to answer NickServ INFO.
 */
public record AccountView(String name, PasswordCredential credential, int passwordVersion, String email,
                          long registered) {
}
