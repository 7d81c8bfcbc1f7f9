package org.syncnet.door.ws;

import org.syncnet.chat.AccountView;
import org.syncnet.chat.PasswordCredential;

/** What {@link AccountClerk} found for an {@link AccountCheck}; the session turns it into events and replies. */
sealed interface AccountVerdict {
    /** Refused before anything is logged: the error to send. */
    record Refused(ServerFrame.Error error) implements AccountVerdict {
    }

    /** A wrong password for {@code account}: the session logs the failure, so it counts on every server. */
    record WrongPassword(String account) implements AccountVerdict {
    }

    /** A hello's nick is not registered, and the hello logs in to nothing: a guest may claim it. */
    record Guest() implements AccountVerdict {
    }

    /**
     * A right password, or a valid token, for {@code account} (as it is now: its name and password version);
     * {@code token}: a new browser token to issue ({@link Secret#NONE}: none, e.g. the hello presented one).
     */
    record LoggedIn(AccountView account, Secret token) implements AccountVerdict {
    }

    /** The credential of a new password (a registration's, a change's), and the browser token to issue with it. */
    record NewPassword(PasswordCredential credential, Secret token) implements AccountVerdict {
    }
}
