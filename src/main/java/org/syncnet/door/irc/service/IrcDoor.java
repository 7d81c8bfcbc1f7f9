package org.syncnet.door.irc.service;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.Logger;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.app.ChatApplication;
import org.syncnet.chat.service.ChatService;
import org.syncnet.cluster.Member;
import org.syncnet.cluster.service.ClusterService;
import org.syncnet.door.irc.IrcConfig;
import org.syncnet.door.irc.IrcServerInfo;
import org.syncnet.door.irc.net.TcpConnection;
import org.syncnet.door.irc.net.TcpHandler;
import org.syncnet.door.irc.net.TcpServer;
import org.syncnet.door.irc.net.TcpServerOptions;

/**
 * The IRC door: listens on this server's client port (the {@code syncnet.irc.*} settings; by default the member's
 * cluster UDP port − 20, so 8000–8002) from start-up to shutdown, and gives each connection an {@link IrcConnection}
 * attached to the chat. One selector thread from the container's thread factory serves every connection.
 */
@Singleton
@Startup
@DependsOn("ChatService")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class IrcDoor {
    private static final Logger LOG = Logger.getLogger("org.syncnet.irc");
    private static final byte[] FULL = ascii("ERROR :Closing Link: too many connections\r\n");
    private static final byte[] CATCHING_UP =
            ascii("ERROR :Closing Link: this server is catching up with the cluster, try another one\r\n");
    private static final byte[] STOPPING = ascii("ERROR :Closing Link: server shutting down\r\n");

    @Inject
    ChatService chatService;
    @Inject
    ClusterService cluster;
    @Inject
    IrcSettings settings;
    @Resource
    ManagedThreadFactory threads;

    private TcpServer<IrcConnection> server;

    @PostConstruct
    void start() {
        IrcConfig config = settings.load();
        Member self = cluster.config().self();
        IrcServerInfo info = IrcServerInfo.forServer(self.id(), "syncnet-0.1",
                ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME), config.motd());
        ChatApplication chat = chatService.application();
        TcpServerOptions options = new TcpServerOptions(self.id() + ": IRC connector", self.host(),
                config.clientPort(self.port()), config.maxConnections(), FULL, config.sendQBytes());
        server = new TcpServer<>(options, threads, new TcpHandler<>() {
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
                IrcConnection irc = new IrcConnection(c, id, info, config, chat, System.nanoTime());
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
            public void closed(TcpConnection<IrcConnection> c, String reason) {
                IrcConnection irc = c.attachment();
                if (irc != null) {
                    chat.closed(irc, reason);
                }
            }
        });
        server.start();
        LOG.info(() -> self.id() + ": IRC door open on " + self.host() + ":" + server.port() + " (at most "
                + config.maxConnections() + " connections, PING after " + config.pingIdleMillis() / 1000
                + " s idle, " + config.joinHistoryLines() + " lines of history on JOIN)");
    }

    @PreDestroy
    void stop() {
        server.stop(STOPPING);
    }

    private static byte[] ascii(String line) {
        return line.getBytes(StandardCharsets.US_ASCII);
    }
}
