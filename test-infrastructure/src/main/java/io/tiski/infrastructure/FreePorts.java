package io.tiski.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks loopback ports that are free right now, for servers started with port 0 requested. A port is handed out
 * once per JVM: the system may offer a port again as soon as the probe closes it, and two servers of one stack
 * (a broker's client and controller listeners, say) must not be told the same one.
 */
public final class FreePorts {
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    public static int pick() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No loopback port free that was not handed out already");
    }

    public static int orPick(int port) {
        return port > 0 ? port : pick();
    }

    private FreePorts() {
    }
}
