package org.syncnet.door.irc.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The bound server sockets of a {@link TcpServer}'s listeners, registered with its selector for accepts; each
 * selection key carries its {@link TcpListener}. Used by the loop thread only, once bound.
 */
final class ListeningSockets {
    private static final int BACKLOG = 1024;

    private final List<ServerSocketChannel> channels;
    private final List<SelectionKey> keys;
    private final List<InetSocketAddress> bound;

    private ListeningSockets(List<ServerSocketChannel> channels, List<SelectionKey> keys,
                             List<InetSocketAddress> bound) {
        this.channels = channels;
        this.keys = keys;
        this.bound = List.copyOf(bound);
    }

    /**
     * Binds every listener's port on {@code host}, in order.
     *
     * @throws UncheckedIOException naming host:port of the first that cannot be bound (the others are closed again)
     */
    static ListeningSockets bind(String logName, String host, List<TcpListener> listeners, Selector selector) {
        List<ServerSocketChannel> channels = new ArrayList<>();
        List<SelectionKey> keys = new ArrayList<>();
        List<InetSocketAddress> bound = new ArrayList<>();
        for (TcpListener listener : listeners) {
            String where = host + ":" + listener.port();
            InetSocketAddress address = new InetSocketAddress(host, listener.port());
            ServerSocketChannel channel = null;
            try {
                if (address.isUnresolved()) {
                    throw new IOException("unknown host");
                }
                channel = ServerSocketChannel.open();
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(address, BACKLOG);
                channel.configureBlocking(false);
                keys.add(channel.register(selector, SelectionKey.OP_ACCEPT, listener));
                channels.add(channel);
                bound.add((InetSocketAddress) channel.socket().getLocalSocketAddress());
            } catch (IOException e) {
                closeQuietly(channel);
                channels.forEach(ListeningSockets::closeQuietly);
                throw new UncheckedIOException(logName + ": cannot listen on " + where + ": " + e.getMessage(), e);
            }
        }
        return new ListeningSockets(channels, keys, bound);
    }

    /** The bound addresses, in the order of the listeners. */
    List<InetSocketAddress> bound() {
        return bound;
    }

    boolean isAcceptKey(SelectionKey key) {
        return key.attachment() instanceof TcpListener;
    }

    /** Stops watching for accepts (out of file descriptors: the sockets would stay acceptable and spin the loop). */
    void pauseAccepts() {
        setInterest(0);
    }

    void resumeAccepts() {
        setInterest(SelectionKey.OP_ACCEPT);
    }

    void close() {
        keys.forEach(SelectionKey::cancel);
        channels.forEach(ListeningSockets::closeQuietly);
    }

    private void setInterest(int ops) {
        for (SelectionKey key : keys) {
            try {
                key.interestOps(ops);
            } catch (CancelledKeyException e) {
                // closed: nothing to watch
            }
        }
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }
}
