package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BanMaskTest {
    @ParameterizedTest
    @CsvSource({
            "nick, nick!*@*",
            "~user@host, *!~user@host",
            "nick!user, nick!user@*",
            "nick!user@host, nick!user@host",
            "*!*@*.example, *!*@*.example",
            "*, *!*@*",
            "!@, *!*@*",
            "nick!@host, nick!*@host",
            "@host, *!*@host",
            "user@ho!st, *!user@ho!st",
            "a!b!c@d, a!b!c@d"})
    void masksGetTheirFullForm(String mask, String full) {
        assertEquals(full, BanMask.normalize(mask));
    }

    @Test
    void anEmptyOrOverlongMaskHasNoFullForm() {
        assertNull(BanMask.normalize(""));
        assertNull(BanMask.normalize(null));
        assertEquals(100, BanMask.normalize("n!u@" + "h".repeat(96)).length());
        assertNull(BanMask.normalize("n!u@" + "h".repeat(97)));
        assertNull(BanMask.normalize("n".repeat(97)), "n…!*@* is 101 characters");
    }

    @ParameterizedTest
    @CsvSource({
            "*!*@*, alice!u@h",
            "alice!*@*, alice!~al@10.0.0.7",
            "ALICE!*@*, alice!u@h",
            "a[b]!*@*, A{B}!u@h",
            "a\\b!*@*, a|b!u@h",
            "*!*@10.0.0.?, alice!~al@10.0.0.7",
            "*!~al@*, alice!~al@10.0.0.7",
            "a*e!*@*, alice!u@h",
            "*e*!*@*, alice!u@h",
            "?????!u@h, alice!u@h",
            "**!**@**, x!y@z"})
    void matches(String mask, String client) {
        assertTrue(BanMask.matches(mask, client), mask + " " + client);
    }

    @ParameterizedTest
    @CsvSource({
            "bob!*@*, alice!u@h",
            "alic!*@*, alice!u@h",
            "*!*@10.0.0.?, alice!~al@10.0.0.70",
            "????!u@h, alice!u@h",
            "alice!u@h2, alice!u@h",
            "*!x@*, alice!u@h"})
    void doesNotMatch(String mask, String client) {
        assertFalse(BanMask.matches(mask, client), mask + " " + client);
    }

    @Test
    void manyStarsStayCheap() {
        String mask = "*a".repeat(49) + "b";
        String client = "a".repeat(93);
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            for (int i = 0; i < 1000; i++) {
                assertFalse(BanMask.matches(mask, client));
            }
        });
    }
}
