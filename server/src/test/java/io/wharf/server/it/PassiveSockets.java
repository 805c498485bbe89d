package io.wharf.server.it;

import io.wharf.config.PortRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Listening TCP sockets as the kernel lists them (Linux {@code /proc/net/tcp}), whoever owns them. */
final class PassiveSockets {

    private static final String LISTEN = "0A";

    private PassiveSockets() {
    }

    /** Local ports in {@code range} with a socket in LISTEN state, IPv4 or IPv6, in this network namespace. */
    static List<Integer> listening(PortRange range) throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                // "  sl  local_address rem_address   st ..."; local_address is HEXADDR:HEXPORT.
                String[] fields = line.trim().split("\\s+");
                String local = fields[1];
                int port = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
                if (fields[3].equals(LISTEN) && port >= range.first() && port <= range.last()) {
                    ports.add(port);
                }
            }
        }
        return ports;
    }
}
