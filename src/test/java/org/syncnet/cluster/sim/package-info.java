/**
 * A deterministic, seeded simulation of a SyncNet cluster, in the spirit of etcd-raft's test network and JGroups'
 * in-memory transport: real {@link org.syncnet.cluster.ClusterNode}s exchange real, authenticated datagrams over a
 * {@link org.syncnet.cluster.sim.SimulatedNetwork} driven by a discrete {@link org.syncnet.cluster.sim.EventQueue}.
 *
 * <ul>
 * <li>{@link org.syncnet.cluster.sim.SimulatedCluster}: servers that tick, crash, restart (new incarnation, state
 * lost), pause (long GC) and leave.</li>
 * <li>{@link org.syncnet.cluster.sim.Schedule} / {@link org.syncnet.cluster.sim.Fault}: random overlapping faults
 * drawn from a seed.</li>
 * <li>{@link org.syncnet.cluster.sim.Invariants}: safety, checked after every event.</li>
 * <li>{@link org.syncnet.cluster.sim.Simulation}: one run, its trace, and the report printed on failure.</li>
 * <li>{@link org.syncnet.cluster.sim.RandomRun}: schedule, then the convergence bound after the last fault.</li>
 * <li>{@link org.syncnet.cluster.sim.DeliveryLedger}: the replicated log's ground truth, one global sequence built
 * from every server process's deliveries; checked with the invariants after every event.</li>
 * <li>{@link org.syncnet.cluster.sim.LogRun}: a schedule with clients submitting and retrying at random servers,
 * then everything delivered everywhere and nothing submitted to a server that stayed up lost.</li>
 * </ul>
 *
 * <p>Every failure prints its seed and a replay command, e.g.
 * {@code mvn -B -o -q test -Dtest='RandomScheduleSimTest#threeServersFastTiming' -Dsim.seed=1470}.
 * {@code -Dsim.schedules=N} sets how many schedules the suite runs (2000 by default, split across the tests);
 * {@code -Dsim.firstSeed=N} explores a different stretch of seeds. A restarted server keeps what the real one keeps
 * on disk: its bound epoch, its committed log entries and the events it delivered (stored as soon as delivered).
 */
package org.syncnet.cluster.sim;
