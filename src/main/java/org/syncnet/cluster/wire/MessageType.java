package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;

/** The type byte of a datagram and the decoder of its body. */
public enum MessageType {
    HEARTBEAT(1, Heartbeat::read),
    ACK(2, Ack::read),
    PREPARE(3, Prepare::read),
    PROMISE(4, Promise::read),
    REJECT(5, Reject::read),
    ABDICATE(6, Abdicate::read),
    LEAVE(7, in -> Leave.INSTANCE),
    FORWARD(8, Forward::read),
    APPEND(9, Append::read),
    LOG_ACK(10, LogAck::read),
    FETCH(11, Fetch::read);

    private final byte code;
    private final WireIO.BodyReader<? extends Message> reader;

    MessageType(int code, WireIO.BodyReader<? extends Message> reader) {
        this.code = (byte) code;
        this.reader = reader;
    }

    /** values() copies the array on every call: once per datagram received. */
    private static final MessageType[] ALL = values();

    public byte code() {
        return code;
    }

    static MessageType of(byte code) throws MalformedDatagramException {
        for (MessageType t : ALL) {
            if (t.code == code) {
                return t;
            }
        }
        throw new MalformedDatagramException(DropReason.UNKNOWN_TYPE, "type " + code);
    }

    Message readBody(ByteBuffer in) throws MalformedDatagramException {
        return WireIO.decode(in, reader);
    }
}
