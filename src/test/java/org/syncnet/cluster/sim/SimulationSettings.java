package org.syncnet.cluster.sim;

/**
 * One simulated cluster's shape and timing. {@code quorum} 0 means majority. Delays are per datagram, uniformly
 * random in [minDelay, maxDelay], so datagrams reorder.
 */
record SimulationSettings(int size, long heartbeatMillis, long failureTimeoutMillis, int quorum, long minDelay,
                          long maxDelay, int maxFaults) {

    static final long DEFAULT_HEARTBEAT = 2000;
    static final long DEFAULT_TIMEOUT = 5000;
    static final long FAST_HEARTBEAT = 200;
    static final long FAST_TIMEOUT = 600;

    static SimulationSettings defaultTiming(int size) {
        return new SimulationSettings(size, DEFAULT_HEARTBEAT, DEFAULT_TIMEOUT, 0, 0, 20, 6);
    }

    static SimulationSettings fastTiming(int size) {
        return new SimulationSettings(size, FAST_HEARTBEAT, FAST_TIMEOUT, 0, 0, 20, 6);
    }

    SimulationSettings withQuorum(int q) {
        return new SimulationSettings(size, heartbeatMillis, failureTimeoutMillis, q, minDelay, maxDelay, maxFaults);
    }

    boolean majorityQuorum() {
        return quorum == 0 || quorum > size / 2;
    }

    @Override
    public String toString() {
        return size + " servers, heartbeat " + heartbeatMillis + " ms, timeout " + failureTimeoutMillis
                + " ms, quorum " + (quorum == 0 ? "majority" : quorum) + ", delay " + minDelay + "-" + maxDelay
                + " ms";
    }
}
