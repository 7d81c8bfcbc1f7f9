package org.syncnet.door.irc;

/**
 * What a connection asked of its account, and through which command, so the answer (now, or when the log applied the
 * event) comes in that command's words: {@code REGISTER SUCCESS}/{@code FAIL REGISTER} for draft/account-registration,
 * a NickServ NOTICE for NickServ, 90x numerics for SASL.
 */
public enum AccountRequest {
    REGISTER_COMMAND,
    NICKSERV_REGISTER,
    NICKSERV_IDENTIFY,
    NICKSERV_LOGOUT,
    NICKSERV_SET_PASSWORD,
    NICKSERV_DROP,
    NICKSERV_RECOVER,
    SASL;

    boolean viaNickServ() {
        return name().startsWith("NICKSERV");
    }
}
