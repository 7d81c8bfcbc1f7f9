package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.syncnet.settings.InvalidSettingException;

class IrcOperatorsTest {
    private static final String ALICE = OperPassword.hash("open sesame".toCharArray(), OperPassword.MIN_ITERATIONS);
    private static final String BOB = OperPassword.hash("hunter2".toCharArray(), OperPassword.MIN_ITERATIONS);

    @Test
    void aHashMatchesItsPasswordOnly() {
        OperPassword p = OperPassword.parse(ALICE);
        assertTrue(p.matches("open sesame"));
        assertFalse(p.matches("open sesame "));
        assertFalse(p.matches(""));
        assertTrue(ALICE.startsWith("pbkdf2-sha256:10000:"), ALICE);
        assertFalse(ALICE.contains("sesame"));
        assertFalse(ALICE.equals(OperPassword.hash("open sesame".toCharArray(), OperPassword.MIN_ITERATIONS)),
                "salted: the same password hashes differently");
    }

    @Test
    void operatorsAreCheckedByNameAndPassword() {
        IrcOperators ops = IrcOperators.parse(" alice=" + ALICE + " , bob.ops=" + BOB);
        assertEquals(IrcOperators.Check.ACCEPTED, ops.check("alice", "open sesame"));
        assertEquals(IrcOperators.Check.ACCEPTED, ops.check("bob.ops", "hunter2"));
        assertEquals(IrcOperators.Check.WRONG_PASSWORD, ops.check("alice", "hunter2"));
        assertEquals(IrcOperators.Check.NO_SUCH_OPERATOR, ops.check("Alice", "open sesame"));
        assertEquals(IrcOperators.Check.NO_SUCH_OPERATOR, IrcOperators.NONE.check("alice", "open sesame"));
        assertTrue(IrcOperators.parse(null).isEmpty());
        assertTrue(IrcOperators.parse("  ").isEmpty());
        assertEquals(IrcOperators.Check.ACCEPTED, IrcOperators.parse("alice=" + ALICE + ",,").check("alice",
                "open sesame"), "stray commas are harmless");
    }

    @Test
    void aBadEntryFailsWithTheSettingsNameAndNeverShowsAHash() {
        String[] bad = {"alice", "=" + ALICE, "al ice=" + ALICE, "alice=" + ALICE + ",alice=" + BOB,
                "alice=md5:1:ab:cd", "alice=pbkdf2-sha256:9999:00112233445566778899:" + "00".repeat(32),
                "alice=pbkdf2-sha256:lots:00112233445566778899:" + "00".repeat(32),
                "alice=pbkdf2-sha256:10000:0011:" + "00".repeat(32),
                "alice=pbkdf2-sha256:10000:00112233445566778899:00", "alice=pbkdf2-sha256:10000:zz:" + "00".repeat(32),
                "x".repeat(33) + "=" + ALICE};
        for (String value : bad) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> IrcOperators.parse(value),
                    value);
            assertEquals(IrcOperators.SETTING, e.setting());
            assertFalse(e.getMessage().contains(ALICE.substring(30)), e.getMessage());
        }
    }
}
