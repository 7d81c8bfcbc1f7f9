package org.syncnet.door.irc;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most users this server's IRC door has seen at once, for the "max" of LUSERS' 265 and 266: local (clients of
 * this server, either door) and global (the whole cluster). The chat state keeps no such history, so the door keeps
 * it: one instance per door, shared by its sessions (through {@link IrcServerInfo}), updated whenever a session
 * counts users (its welcome burst and every LUSERS). So it is "the highest count seen when counted since this server
 * started", not a replicated fact: servers may disagree and it restarts with the server, as on any IRC server.
 * Thread-safe: sessions of different connections count concurrently.
 */
public final class UserPeaks {
    private final AtomicInteger local = new AtomicInteger();
    private final AtomicInteger global = new AtomicInteger();

    /** The peaks after counting {@code localNow} and {@code globalNow} users. */
    Peaks observe(int localNow, int globalNow) {
        return new Peaks(local.accumulateAndGet(localNow, Math::max), global.accumulateAndGet(globalNow, Math::max));
    }

    record Peaks(int local, int global) {
    }
}
