package org.syncnet.door.ws;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.TokenBucket;
import org.syncnet.chat.app.ChatApplication;
import org.syncnet.chat.service.ChatConfig;
import org.syncnet.chat.service.ChatService;

/**
 * The browser door's wiring, shared by every WebSocket connection ({@link ChatEndpoint} instances are one per
 * connection): obtains the {@link ChatApplication} and the accounts' desk from the chat's bean once, and makes each new
 * socket a {@link ClientConnection} with its {@link BrowserSession}, attached to the chat. The container's executor
 * closes sockets and checks passwords.
 */
@ApplicationScoped
public class BrowserDoor {
    @Inject
    ChatService chatService;
    @Resource
    ManagedExecutorService executor;

    private ChatApplication chat;
    private ChatConfig config;
    private OutcomeFrames frames;
    private AccountClerk clerk;
    private final ServerFrameEncoder encoder = new ServerFrameEncoder();
    private final ClientFrameDecoder decoder = new ClientFrameDecoder();

    @PostConstruct
    void start() {
        chat = chatService.application();
        config = chatService.config();
        // Half the outbound queue: a resume's history goes out as one frame, and the queue takes it even with
        // events queued behind (2 Mi characters by default, over 10 s of a busy room's messages).
        frames = new OutcomeFrames(chat.server(), config.outboundQueueKib() * 1024L / 2);
        clerk = new AccountClerk(chatService.accountDesk(), chat);
    }

    /** See {@link ChatApplication#catchingUp()}: the endpoint turns the browser away then. */
    public boolean catchingUp() {
        return chat.catchingUp();
    }

    /** A new WebSocket connection, attached to the chat; null if this server is full (the caller closes it). */
    public ClientConnection open(Session ws) {
        ClientId id = chat.allocate();
        if (id == null) {
            return null;
        }
        BrowserSession protocol = new BrowserSession(id, PeerAddress.of(ws, chat.server()),
                new TokenBucket(config.rateBurst(), config.ratePerSecond(), System.nanoTime()), decoder);
        ClientConnection c = new ClientConnection(ws, protocol, encoder, frames, executor, chat, clerk,
                (long) config.outboundQueueKib() * 1024);
        chat.attach(c);
        return c;
    }
}
