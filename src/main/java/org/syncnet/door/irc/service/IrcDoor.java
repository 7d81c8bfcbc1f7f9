package org.syncnet.door.irc.service;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.Logger;
import org.syncnet.chat.PasswordCredential;
import org.syncnet.chat.app.AccountDesk;
import org.syncnet.chat.app.ChatApplication;
import org.syncnet.chat.service.ChatService;
import org.syncnet.cluster.Member;
import org.syncnet.cluster.service.ClusterService;
import org.syncnet.door.irc.IrcConfig;
import org.syncnet.door.irc.IrcServerInfo;
import org.syncnet.door.irc.ScramSettings;
import org.syncnet.door.irc.net.TcpListener;
import org.syncnet.door.irc.net.TcpServer;
import org.syncnet.door.irc.net.TcpServerOptions;
import org.syncnet.tls.TlsConfig;

/**
 * The IRC door: listens on this server's client port (the {@code syncnet.irc.*} settings; by default the member's
 * cluster UDP port − 20, so 8000–8002) and, with a key store ({@code syncnet.tls.*}), on its IRC-over-TLS port (by
 * default 6697 + the port offset) from start-up to shutdown; {@link IrcConnections} gives each connection an
 * {@link IrcConnection} attached to the chat. One selector thread from the container's thread factory serves every
 * connection of both ports, within one connection limit.
 */
@Singleton
@Startup
@DependsOn("ChatService")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class IrcDoor {
    private static final Logger LOG = Logger.getLogger("org.syncnet.irc");
    private static final byte[] STOPPING = IrcConnections.ascii("ERROR :Closing Link: server shutting down\r\n");

    @Inject
    ChatService chatService;
    @Inject
    ClusterService cluster;
    @Inject
    IrcSettings settings;
    @Resource
    ManagedThreadFactory threads;
    @Resource
    ManagedExecutorService executor;

    private TcpServer<IrcConnection> server;

    @PostConstruct
    void start() {
        IrcConfig config = settings.load();
        TlsConfig tls = settings.loadTls();
        Member self = cluster.config().self();
        // Every configured server, up or not: LUSERS counts them, TIME and WHOIS accept their names.
        List<String> servers = cluster.config().membership().ring().stream().map(Member::id).toList();
        IrcServerInfo info = IrcServerInfo.forCluster(self.id(), servers, "syncnet-0.1",
                ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME), config.motd());
        ChatApplication chat = chatService.application();
        List<TcpListener> listeners = IrcListeners.of(config, tls, self);
        // Where WildFly's HTTP listens (-b, e.g. 0.0.0.0 in a container whose member address is on the servers' own
        // network), else the member's address.
        String host = System.getProperty("jboss.bind.address", self.host());
        TcpServerOptions options = new TcpServerOptions(self.id() + ": IRC connector", host, listeners,
                config.maxConnections(), IrcConnections.FULL, config.sendQBytes(), TcpServerOptions.DEFAULT_TICK,
                TcpServerOptions.DEFAULT_CLOSE_DEADLINE);
        // SCRAM's decoys must look alike on every server: derived from the secret they share.
        ScramSettings scram = new ScramSettings(PasswordCredential.hmac(cluster.config().secret(), "SCRAM decoys"),
                chatService.accounts().hashIterations(), AccountDesk.SALT_BYTES, new SecureRandom());
        int tlsPort = listeners.stream().anyMatch(TcpListener::secure) ? config.tlsPort() : 0;
        IrcAccounts accounts = new IrcAccounts(chatService.accountDesk(), settings.loadSecurity(), tlsPort,
                chatService.accounts().nickGraceMillis(), scram);
        server = new TcpServer<>(options, threads, new IrcConnections(chat, info, config, executor, accounts));
        server.start();
        String where = IrcListeners.describe(listeners, server.boundPorts(), host);
        LOG.info(() -> self.id() + ": IRC door open on " + where + " (at most " + config.maxConnections()
                + " connections" + (listeners.size() > 1 ? " over both ports" : "") + ", PING after "
                + config.pingIdleMillis() / 1000 + " s idle, " + config.joinHistoryLines()
                + " lines of history on JOIN)");
    }

    @PreDestroy
    void stop() {
        server.stop(STOPPING);
    }
}
