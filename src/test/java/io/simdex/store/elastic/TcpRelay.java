package io.simdex.store.elastic;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of a server, which a test can cut ({@link #cut()}) and restore
 * ({@link #restore()}) on the same port: the cluster "goes away" and comes back without touching the real one.
 */
public final class TcpRelay implements AutoCloseable {

    private final InetSocketAddress target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private final int port;

    /** A relay on a free loopback port to {@code host:port}, relaying at once. */
    public TcpRelay(String host, int targetPort) {
        this.target = new InetSocketAddress(host, targetPort);
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = server.getLocalPort();
        accept(server);
    }

    /** The port clients connect to. */
    public int port() {
        return port;
    }

    /** Closes the listening socket and every relayed connection: connections are refused until restored. */
    public void cut() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
        open.clear();
    }

    /** Listens on the same port again. */
    public void restore() {
        try {
            var again = new ServerSocket();
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = again;
            accept(again);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket listening) {
        var acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket upstream = new Socket(target.getAddress(), target.getPort());
                    open.add(client);
                    open.add(upstream);
                    pump(client.getInputStream(), upstream.getOutputStream(), upstream);
                    pump(upstream.getInputStream(), client.getOutputStream(), client);
                } catch (IOException e) {
                    return;
                }
            }
        }, "tcp-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void pump(InputStream in, OutputStream out, Socket closeWhenDone) {
        var thread = new Thread(() -> {
            byte[] buffer = new byte[16_384];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed
            } finally {
                try {
                    closeWhenDone.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }, "tcp-relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        cut();
    }
}
