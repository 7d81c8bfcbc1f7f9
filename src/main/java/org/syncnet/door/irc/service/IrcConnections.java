package org.syncnet.door.irc.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.app.ChatApplication;
import org.syncnet.door.irc.IrcConfig;
import org.syncnet.door.irc.IrcServerInfo;
import org.syncnet.door.irc.net.TcpConnection;
import org.syncnet.door.irc.net.TcpHandler;
import org.syncnet.door.irc.wire.IrcLineFramer;

/**
 * What the IRC connector does with its sockets, on its loop thread: a new socket becomes an {@link IrcConnection}
 * attached to the chat (or is turned away while this server catches up or is full), its bytes and ticks go to that
 * connection, and its close is the client's end in the chat.
 */
final class IrcConnections implements TcpHandler<IrcConnection> {
    static final byte[] FULL = ascii("ERROR :Closing Link: too many connections\r\n");
    private static final byte[] CATCHING_UP =
            ascii("ERROR :Closing Link: this server is catching up with the cluster, try another one\r\n");

    private final ChatApplication chat;
    private final IrcServerInfo info;
    private final IrcConfig config;
    private final Executor checker;
    private final IrcAccounts accounts;
    /** The line framers' work buffer, shared: every connection's input is framed on the loop thread. */
    private final byte[] lineWork = new byte[IrcLineFramer.MAX_HELD];

    /** @param checker runs the (slow) checks of passwords, off the connector's loop */
    IrcConnections(ChatApplication chat, IrcServerInfo info, IrcConfig config, Executor checker,
                   IrcAccounts accounts) {
        this.chat = chat;
        this.info = info;
        this.config = config;
        this.checker = checker;
        this.accounts = accounts;
    }

    @Override
    public void opened(TcpConnection<IrcConnection> c) {
        if (chat.catchingUp()) {
            c.closeAfterSending(CATCHING_UP, "server catching up");
            return;
        }
        ClientId id = chat.allocate();
        if (id == null) {
            c.closeAfterSending(FULL, "server full");
            return;
        }
        IrcConnection irc = new IrcConnection(c, id, info, config, chat, checker, accounts, lineWork,
                System.nanoTime());
        c.attach(irc);
        chat.attach(irc);
    }

    @Override
    public void received(TcpConnection<IrcConnection> c, ByteBuffer bytes) {
        IrcConnection irc = c.attachment();
        if (irc != null) {
            irc.received(bytes, System.nanoTime());
        }
    }

    @Override
    public void tick(TcpConnection<IrcConnection> c, long nowNanos) {
        IrcConnection irc = c.attachment();
        if (irc != null) {
            irc.tick(nowNanos);
        }
    }

    @Override
    public void woken(TcpConnection<IrcConnection> c) {
        IrcConnection irc = c.attachment();
        if (irc != null) {
            irc.woken();
        }
    }

    @Override
    public void closed(TcpConnection<IrcConnection> c, String reason) {
        IrcConnection irc = c.attachment();
        if (irc != null) {
            chat.closed(irc, reason);
        }
    }

    static byte[] ascii(String line) {
        return line.getBytes(StandardCharsets.US_ASCII);
    }
}
