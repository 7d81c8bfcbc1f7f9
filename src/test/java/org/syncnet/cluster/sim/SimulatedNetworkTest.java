package org.syncnet.cluster.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The harness itself: the network must really reorder, drop, duplicate and cut, or the simulations prove little. */
class SimulatedNetworkTest {
    private final EventQueue clock = new EventQueue();
    private final List<String> delivered = new ArrayList<>();
    private final SimulatedNetwork net = new SimulatedNetwork(clock, new Random(42), 0, 20,
            (from, to, d) -> delivered.add(from + ">" + to + ":" + d[0]));

    private void sendNumbered(String from, String to, int count) {
        for (int i = 0; i < count; i++) {
            net.send(from, to, new byte[] {(byte) i});
        }
        long until = clock.now() + 100;
        while (clock.runNext(until)) {
            // deliver everything in flight (delays are at most 20 ms)
        }
    }

    @Test
    void randomDelaysReorderDatagrams() {
        sendNumbered("a", "b", 50);
        assertEquals(50, delivered.size());
        List<String> inOrder = new ArrayList<>(delivered);
        inOrder.sort((x, y) -> Integer.compare(Integer.parseInt(x.substring(4)), Integer.parseInt(y.substring(4))));
        assertTrue(!inOrder.equals(delivered), "some datagrams overtake others");
    }

    @Test
    void lossAndDuplicationHappenAtRoughlyTheirRates() {
        net.setLoss(0.3, 0.2);
        sendNumbered("a", "b", 2000);
        // expected about 2000 * 0.7 * 1.2 = 1680
        assertTrue(delivered.size() > 1500 && delivered.size() < 1850, "delivered " + delivered.size());
        net.makeReliable();
        delivered.clear();
        sendNumbered("a", "b", 100);
        assertEquals(100, delivered.size());
    }

    @Test
    void aOneWayCutBlocksOnlyOneDirectionAndHealRestoresIt() {
        net.cut(Set.of("a"), Set.of("b", "c"), true);
        sendNumbered("a", "b", 1);
        sendNumbered("b", "a", 1);
        sendNumbered("c", "a", 1);
        assertEquals(List.of("b>a:0", "c>a:0"), delivered);
        net.healAll();
        delivered.clear();
        sendNumbered("a", "b", 1);
        assertEquals(List.of("a>b:0"), delivered);
    }

    @Test
    void aTwoWayPartitionBlocksBothDirectionsButNotWithinASide() {
        net.cut(Set.of("a", "b"), Set.of("c"), false);
        sendNumbered("a", "c", 1);
        sendNumbered("c", "b", 1);
        sendNumbered("a", "b", 1);
        assertEquals(List.of("a>b:0"), delivered);
    }

    @Test
    void eventsAtTheSameInstantRunInTheOrderScheduled() {
        List<Integer> order = new ArrayList<>();
        clock.at(5, () -> order.add(1));
        clock.at(3, () -> order.add(0));
        clock.at(5, () -> order.add(2));
        while (clock.runNext(10)) {
            // run all
        }
        assertEquals(List.of(0, 1, 2), order);
        assertEquals(10, clock.now(), "with nothing left before the horizon the clock moves to it");
    }
}
