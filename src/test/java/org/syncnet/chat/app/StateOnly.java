package org.syncnet.chat.app;

import java.util.function.Function;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;

/**
 * A chat application that only answers questions from a test's state: what the account desk and the doors' account
 * checks ask of it.
 */
public record StateOnly(String server, ChatState state) implements ChatApplication {

    @Override
    public boolean catchingUp() {
        return false;
    }

    @Override
    public ClientId allocate() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void attach(ChatConnection c) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long submit(ChatConnection c, ChatEvent e) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void closed(ChatConnection c, String reason) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> T read(Function<ChatState, T> query) {
        return query.apply(state);
    }
}
