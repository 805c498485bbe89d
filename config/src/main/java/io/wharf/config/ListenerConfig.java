package io.wharf.config;

import java.util.Objects;

/**
 * One control-connection listener: where clients connect, and which ports it offers for passive data connections.
 *
 * @param name    a unique label used in logs and thread names ({@code wharf-accept-<name>})
 * @param address the literal IP address or host name to bind; it is not resolved here, so a bad host name surfaces
 *                when the server binds
 * @param port    the TCP port, 0 to 65535; 0 asks the OS for an ephemeral port (useful in tests)
 * @param passive the passive-mode settings for sessions accepted on this listener
 */
public record ListenerConfig(String name, String address, int port, PassiveConfig passive) {

    /**
     * @throws IllegalArgumentException if {@code name} or {@code address} is empty or {@code port} is out of range
     */
    public ListenerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(passive, "passive");
        if (name.isEmpty() || address.isEmpty()) {
            throw new IllegalArgumentException("listener name and address must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listener " + name + ": port " + port + " is out of range 0-65535");
        }
    }
}
