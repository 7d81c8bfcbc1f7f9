package org.syncnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IrcBenchOptionsTest {
    @Test
    void readsTargetsPidsLoadAndEcho() {
        IrcBenchOptions o = IrcBenchOptions.parse(new String[] {"--targets=127.0.0.1:8230,127.0.0.1:8231", "--server=syncnet",
                "--scenario=saturation", "--window=20", "--clients=12", "--senders=4", "--pids=server1=100,server2=200",
                "--echo=off", "--loops=2"});
        assertEquals(List.of(8230, 8231), o.targets().stream().map(a -> a.getPort()).toList());
        assertEquals(Map.of("server1", 100L, "server2", 200L), o.pids());
        assertEquals(List.of("server1", "server2"), List.copyOf(o.pids().keySet()), "in the given order");
        assertEquals(new LoadOptions(12, 4, 1000, 20, 10, 2, 30), o.load());
        assertEquals("window20", o.load().offered());
        assertEquals("saturation", o.scenario());
        assertEquals("syncnet", o.server());
        assertFalse(o.wantEcho());
        assertEquals(2, o.loops());
        assertTrue(IrcBenchOptions.parse(new String[] {"--targets=localhost:6667"}).wantEcho());
    }

    @Test
    void badArgumentsAreNamed() {
        assertMessage("--targets", "--targets=127.0.0.1");
        assertMessage("--targets", "--targets=127.0.0.1:70000");
        assertMessage("--targets", "--targets=:8230");
        assertMessage("--pids", "--targets=h:1", "--pids=server1");
        assertMessage("--echo", "--targets=h:1", "--echo=on");
        assertMessage("--loops", "--targets=h:1", "--loops=0");
        assertMessage("--senders", "--targets=h:1", "--clients=3", "--senders=4");
        assertMessage("unknown option(s): [rat]", "--targets=h:1", "--rat=5");
        assertMessage("not --name=value", "--targets=h:1", "rate=5");
    }

    private static void assertMessage(String part, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IrcBenchOptions.parse(args));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
