package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;

/** A cluster protocol message; each one encodes its own body, next to its fields. */
public sealed interface Message permits Heartbeat, Ack, Prepare, Promise, Reject, Abdicate, Leave,
        Forward, Append, LogAck, Fetch {
    MessageType type();

    void writeBody(ByteBuffer out);
}
