package org.syncnet.testclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class IrcLineTest {
    @Test
    void tagsPrefixCommandAndTrailing() {
        IrcLine l = IrcLine.parse("@time=2026-11-27T10:00:00.000Z;x :alice!~alice@127.0.0.1 PRIVMSG #lobby :hi there");
        assertEquals("2026-11-27T10:00:00.000Z", l.tag("time"));
        assertEquals("", l.tag("x"));
        assertNull(l.tag("y"));
        assertEquals("alice", l.nick());
        assertEquals("PRIVMSG", l.command());
        assertEquals(List.of("#lobby", "hi there"), l.params());
        assertEquals("#lobby", l.param(0));
        assertNull(l.param(2));
        assertEquals("hi there", l.last());
    }

    @Test
    void noPrefixNoTrailing() {
        IrcLine l = IrcLine.parse("PING tok");
        assertNull(l.prefix());
        assertNull(l.nick());
        assertEquals("PING", l.command());
        assertEquals(List.of("tok"), l.params());
        assertEquals(List.of("*", "LS", "a b"), IrcLine.parse(":srv CAP * LS :a b").params());
    }
}
