package org.syncnet.door.irc.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PLAIN through the exchange: the message read strictly, the slow check left to the caller and reported back. */
class PlainExchangeTest {
    private final SaslExchange exchange =
            SaslClient.exchange(SaslClient.credentials(Map.of()), () -> "unused");

    private SaslStep plain(String message) {
        return plain(message.getBytes(StandardCharsets.UTF_8));
    }

    private SaslStep plain(byte[] message) {
        SaslClient.start(exchange, "PLAIN");
        return SaslClient.send(exchange, message);
    }

    @Test
    void aGoodPasswordSucceedsOnceTheCallerCheckedIt() {
        SaslStep.CheckPassword check = assertInstanceOf(SaslStep.CheckPassword.class, plain("\0alice\0secret"));
        assertEquals("alice", check.account());
        assertEquals("secret", check.password());
        assertTrue(exchange.inProgress(), "until the check is reported");
        assertEquals(new SaslStep.Succeeded("alice"), exchange.passwordChecked(check, true));
        assertFalse(exchange.inProgress());
        assertEquals(new SaslStep.AlreadyAuthenticated(), exchange.authenticate("PLAIN"));
    }

    @Test
    void theCheckRequestNeverShowsThePassword() {
        SaslStep check = plain("\0alice\0hunter2");
        assertFalse(check.toString().contains("hunter2"), check.toString());
    }

    @Test
    void aBadPasswordFailsAsBadCredentials() {
        SaslStep.CheckPassword check = (SaslStep.CheckPassword) plain("\0alice\0wrong");
        SaslStep.Failed failed = assertInstanceOf(SaslStep.Failed.class, exchange.passwordChecked(check, false));
        assertEquals(FailureKind.BAD_CREDENTIALS, failed.kind());
        assertEquals(Optional.of("alice"), failed.account());
        assertEquals(List.of(), failed.finalChunks());
        // Nothing is left of the failed attempt: a new one starts from the beginning.
        SaslStep.CheckPassword again = (SaslStep.CheckPassword) plain("\0alice\0right");
        assertEquals(new SaslStep.Succeeded("alice"), exchange.passwordChecked(again, true));
    }

    @Test
    void anAuthzidMustNameTheSameAccountUnderTheCasemapping() {
        assertEquals(new SaslStep.CheckPassword("alice", "pw"), plain("alice\0alice\0pw"));
        exchange.abort();
        assertEquals(new SaslStep.CheckPassword("nick[1]", "pw"), plain("NICK{1}\0nick[1]\0pw"));
        exchange.abort();
        SaslStep.Failed failed = assertInstanceOf(SaslStep.Failed.class, plain("bob\0alice\0pw"));
        assertEquals(FailureKind.MALFORMED, failed.kind());
        assertEquals(Optional.of("alice"), failed.account());
    }

    @Test
    void malformedMessagesFailWithoutACheck() {
        for (String message : List.of("", "alice", "alice\0pw", "\0alice", "\0\0pw", "\0alice\0", "\0\0",
                "\0alice\0pw\0", "a\0alice\0pw\0more", "\0" + "x".repeat(65) + "\0pw",
                "\0" + "\u00e9".repeat(33) + "\0pw")) {
            SaslStep.Failed failed = assertInstanceOf(SaslStep.Failed.class, plain(message), message);
            assertEquals(FailureKind.MALFORMED, failed.kind(), message);
            assertFalse(exchange.inProgress(), message);
        }
        for (byte[] notUtf8 : List.of(new byte[] {0, 'a', 0, (byte) 0xff}, new byte[] {0, 'a', 0, (byte) 0xc0,
                (byte) 0x80}, new byte[] {0, 'a', 0, (byte) 0xed, (byte) 0xa0, (byte) 0x80})) {
            SaslStep.Failed failed = assertInstanceOf(SaslStep.Failed.class, plain(notUtf8));
            assertEquals(FailureKind.MALFORMED, failed.kind());
        }
    }

    @Test
    void namesUpTo64BytesAndLongPasswordsAcrossChunksAreAccepted() {
        String name = "\u00e9".repeat(32);
        String password = "p\u00e4ss ".repeat(200);
        assertEquals(new SaslStep.CheckPassword(name, password), plain("\0" + name + "\0" + password));
    }

    @Test
    void aLateResultOfAnAbortedAttemptIsIgnored() {
        SaslStep.CheckPassword check = (SaslStep.CheckPassword) plain("\0alice\0secret");
        assertEquals(new SaslStep.Aborted(), exchange.authenticate("*"));
        assertEquals(new SaslStep.NoReply(), exchange.passwordChecked(check, true));
        assertFalse(exchange.inProgress());

        // Nor does it count for a later attempt with the very same account and password.
        plain("\0alice\0secret");
        assertEquals(new SaslStep.NoReply(), exchange.passwordChecked(check, true));
        assertTrue(exchange.inProgress());
    }

    @Test
    void aChunkWhileThePasswordIsCheckedEndsTheAttempt() {
        SaslStep.CheckPassword check = (SaslStep.CheckPassword) plain("\0alice\0secret");
        SaslStep.Failed failed = assertInstanceOf(SaslStep.Failed.class, exchange.authenticate("+"));
        assertEquals(FailureKind.MALFORMED, failed.kind());
        assertEquals(new SaslStep.NoReply(), exchange.passwordChecked(check, true));
        assertFalse(exchange.inProgress());
    }

    @Test
    void aRegistrationEndingDuringTheCheckAbortsIt() {
        SaslStep.CheckPassword check = (SaslStep.CheckPassword) plain("\0alice\0secret");
        assertEquals(new SaslStep.Aborted(), exchange.abort());
        assertEquals(new SaslStep.NoReply(), exchange.passwordChecked(check, true));
    }
}
