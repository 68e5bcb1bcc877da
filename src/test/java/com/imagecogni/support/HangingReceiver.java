package com.imagecogni.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A postback receiver that accepts every connection and never reads from it, with a tiny receive
 * window, so the sender's body piles up on its side. It can tell afterwards which connections
 * the sender closed.
 */
public final class HangingReceiver implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    public HangingReceiver() throws IOException {
        server = new ServerSocket();
        // set before bind: accepted sockets inherit it, so the kernel takes only a few KB of each body
        server.setReceiveBufferSize(4096);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 50);
        Thread acceptor = new Thread(this::acceptAll, "hanging-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hooks/images";
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.size();
    }

    /**
     * The sender's ends of the connections to this receiver, counted by TCP state (01 established,
     * 04 FIN-WAIT-1 — closed but still holding unsent data in the kernel, …), read from this JVM's
     * network namespace (/proc/net/tcp and tcp6); null where /proc is not available. Unlike reading
     * the sockets, this does not let a sender's queued body drain, so a close that waits for that
     * drain is not mistaken for one that happened.
     */
    public Map<String, Integer> senderSocketStates() {
        Map<String, Integer> states = new TreeMap<>();
        String port = String.format(":%04X", server.getLocalPort());
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                return null;
            }
            try {
                for (String line : Files.readAllLines(path)) {
                    // columns: sl, local address:port, remote address:port, state, ...
                    String[] columns = line.trim().split("\\s+");
                    if (columns.length > 3 && columns[2].endsWith(port)) {
                        states.merge(columns[3], 1, Integer::sum);
                    }
                }
            } catch (IOException e) {
                return null;
            }
        }
        return states;
    }

    /**
     * How many accepted connections the sender has not closed. Each is read to its end now: one
     * that ends (EOF or reset) was closed; one still silent after {@code quiet} is open.
     */
    public int stillOpen(Duration quiet) {
        int open = 0;
        byte[] sink = new byte[64 * 1024];
        for (Socket socket : accepted) {
            try {
                socket.setSoTimeout((int) quiet.toMillis());
                InputStream in = socket.getInputStream();
                while (in.read(sink) >= 0) {
                    // drain what the kernel buffered before the close
                }
            } catch (SocketTimeoutException e) {
                open++;
            } catch (IOException e) {
                // "Connection reset": closed too
            }
        }
        return open;
    }

    @Override
    public void close() {
        for (Socket socket : accepted) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                accepted.add(server.accept());
            } catch (IOException e) {
                return;
            }
        }
    }
}
