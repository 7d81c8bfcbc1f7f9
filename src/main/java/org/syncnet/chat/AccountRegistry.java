package org.syncnet.chat;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The accounts of {@link ChatState}, by folded name; their browser sessions, by token hash; and the cluster-wide
 * counts that slow down password guessing ({@link LoginThrottle}, per account and per address) and mass
 * registration ({@link RegistrationLimit}). {@link AccountActions} changes them as events say.
 */
final class AccountRegistry {
    /** Addresses (and accounts) whose failures are remembered at once. */
    static final int THROTTLE_CAPACITY = 10_000;

    final Map<String, Account> byName = new LinkedHashMap<>();
    final Map<String, Account> bySession = new HashMap<>();
    final LoginThrottle failuresByAccount = new LoginThrottle(THROTTLE_CAPACITY);
    final LoginThrottle failuresByAddress = new LoginThrottle(THROTTLE_CAPACITY);
    final RegistrationLimit registrations = new RegistrationLimit(THROTTLE_CAPACITY);
    /** Every failed login the log holds (the REST view's counter). */
    long failedLogins;

    Account get(String name) {
        return byName.get(Casemapping.fold(name));
    }

    int count() {
        return byName.size();
    }

    Account add(String name, PasswordCredential credential, String email, long time) {
        Account a = new Account(name, credential, email, time);
        byName.put(Casemapping.fold(name), a);
        return a;
    }

    void remove(Account a) {
        endSessions(a);
        byName.remove(Casemapping.fold(a.name));
    }

    /** The account a browser token (its hash) logs in to at {@code now}, or null if unknown, ended or expired. */
    Account bySession(byte[] session, long now) {
        String key = HexFormat.of().formatHex(session);
        Account a = bySession.get(key);
        if (a == null) {
            return null;
        }
        Long expires = a.sessions.get(key);
        return expires != null && expires > now ? a : null;
    }

    /** Adds a session; over the account's limit, its oldest ends. */
    void addSession(Account a, byte[] session, long expires) {
        String key = HexFormat.of().formatHex(session);
        a.sessions.put(key, expires);
        bySession.put(key, a);
        Iterator<String> oldest = a.sessions.keySet().iterator();
        while (a.sessions.size() > ChatLimits.MAX_SESSIONS_PER_ACCOUNT) {
            bySession.remove(oldest.next());
            oldest.remove();
        }
    }

    void endSession(byte[] session) {
        String key = HexFormat.of().formatHex(session);
        Account a = bySession.remove(key);
        if (a != null) {
            a.sessions.remove(key);
        }
    }

    void endSessions(Account a) {
        for (String k : a.sessions.keySet()) {
            bySession.remove(k);
        }
        a.sessions.clear();
    }
}
