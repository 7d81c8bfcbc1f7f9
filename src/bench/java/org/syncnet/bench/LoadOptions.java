package org.syncnet.bench;

/**
 * The shape of the load, common to the chat and the IRC load generator.
 *
 * @param clients  connected clients, all in the one bench room
 * @param senders  how many of them send (the first ones)
 * @param rate     aggregate offered messages per second, open-loop (ignored when {@code window > 0})
 * @param window   closed loop: each sender keeps this many messages unconfirmed (saturation); 0 = fixed rate
 * @param seconds  length of the send phase
 * @param warmup   seconds at its start left out of the deliveries per second
 * @param drain    seconds to wait after the send phase for every client to have every message
 */
record LoadOptions(int clients, int senders, int rate, int window, double seconds, double warmup, double drain) {
    static final String USAGE = "[--clients=30] [--senders=10] [--rate=1000 | --window=N] [--seconds=10] [--warmup=2] [--drain=30]";

    static LoadOptions parse(BenchArgs a) {
        LoadOptions o = new LoadOptions(a.integer("clients", 30), a.integer("senders", 10), a.integer("rate", 1000),
                a.integer("window", 0), a.number("seconds", 10), a.number("warmup", 2), a.number("drain", 30));
        o.validate();
        return o;
    }

    boolean closedLoop() {
        return window > 0;
    }

    /** What the RESULT line says was offered: the rate, or "window20". */
    String offered() {
        return closedLoop() ? "window" + window : Integer.toString(rate);
    }

    private void validate() {
        BenchArgs.require(clients >= 1 && clients <= 10_000, "--clients must be 1..10000");
        BenchArgs.require(senders >= 1 && senders <= clients, "--senders must be 1..clients");
        BenchArgs.require(rate >= 1 && rate <= 1_000_000, "--rate must be 1..1000000");
        BenchArgs.require(window >= 0 && window <= 10_000, "--window must be 0..10000");
        BenchArgs.require(seconds > 0 && seconds <= 3600, "--seconds must be in (0, 3600]");
        BenchArgs.require(warmup >= 0 && warmup < seconds, "--warmup must be in [0, seconds)");
        BenchArgs.require(drain >= 0, "--drain must be >= 0");
        BenchArgs.require(window > 0 || (long) Math.ceil(rate * seconds) < Integer.MAX_VALUE / 2, "rate * seconds too large");
    }
}
