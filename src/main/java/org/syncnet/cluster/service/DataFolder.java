package org.syncnet.cluster.service;

import java.nio.file.Path;

/** This server's own folder for what SyncNet keeps on disk: {@code <jboss.server.data.dir>/syncnet}. */
public final class DataFolder {
    private DataFolder() {
    }

    /** Each server started from one installation has its own base directory, so its own folder. */
    public static Path path() {
        String data = System.getProperty("jboss.server.data.dir");
        if (data == null) {
            throw new IllegalStateException("jboss.server.data.dir is not set: not running in WildFly?");
        }
        return Path.of(data, "syncnet");
    }
}
