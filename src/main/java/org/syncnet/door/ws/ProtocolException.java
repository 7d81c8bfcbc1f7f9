package org.syncnet.door.ws;

import org.syncnet.chat.ErrorCode;

/** A client frame that cannot be accepted; the endpoint answers with an {@code error} frame carrying the code. */
public final class ProtocolException extends Exception {
    private final ErrorCode code;
    private final String id;
    private final String room;
    private final String nick;

    public ProtocolException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    /** {@code id}: the refused message's client event id, when it was readable, so the client stops resending. */
    public ProtocolException(ErrorCode code, String detail, String id) {
        this(code, detail, id, null);
    }

    /** {@code room}: the room the refused frame names, when it was readable, so the client can say which. */
    public ProtocolException(ErrorCode code, String detail, String id, String room) {
        this(code, detail, id, room, null);
    }

    /** {@code nick}: the nick the refused frame asked for, so the client can say which. */
    public ProtocolException(ErrorCode code, String detail, String id, String room, String nick) {
        super(detail, null, false, false);
        this.code = code;
        this.id = id;
        this.room = room;
        this.nick = nick;
    }

    public String id() {
        return id;
    }

    public ErrorCode code() {
        return code;
    }

    public String room() {
        return room;
    }

    /** The same refusal, naming the room. */
    ProtocolException inRoom(String room) {
        return new ProtocolException(code, getMessage(), id, room, nick);
    }

    /** The error frame to send back. */
    public ServerFrame.Error toFrame() {
        return new ServerFrame.Error(code, getMessage(), id, room, nick);
    }
}
