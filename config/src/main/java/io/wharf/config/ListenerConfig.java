package io.wharf.config;

import java.util.Objects;

/**
 * One control-connection listener: where clients connect, and how data connections are made for its sessions.
 *
 * @param name    a unique label used in logs and thread names ({@code wharf-accept-<name>})
 * @param address the literal IP address or host name to bind; it is not resolved here, so a bad host name surfaces
 *                when the server binds
 * @param port    the TCP port, 0 to 65535; 0 asks the OS for an ephemeral port (useful in tests)
 * @param passive the passive-mode settings for sessions accepted on this listener
 * @param active  the active-mode settings for sessions accepted on this listener; its source ports never overlap
 *                the passive ports
 * @param tls     TLS (FTPS) for this listener, or {@code null} for plain FTP only
 */
public record ListenerConfig(String name, String address, int port, PassiveConfig passive, ActiveConfig active,
                             TlsConfig tls) {

    /**
     * @throws IllegalArgumentException if {@code name} or {@code address} is empty, {@code port} is out of range,
     *                                  or an active source port range overlaps a passive port range
     */
    public ListenerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(passive, "passive");
        Objects.requireNonNull(active, "active");
        if (name.isEmpty() || address.isEmpty()) {
            throw new IllegalArgumentException("listener name and address must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listener " + name + ": port " + port + " is out of range 0-65535");
        }
        for (PortRange source : active.sourcePorts()) {
            for (PortRange data : passive.ports()) {
                if (source.overlaps(data)) {
                    throw new IllegalArgumentException("listener " + name + ": active source ports " + source
                            + " overlap passive ports " + data);
                }
            }
        }
    }

    /**
     * A plain-FTP listener, without TLS.
     *
     * @throws IllegalArgumentException if {@code name} or {@code address} is empty, {@code port} is out of range,
     *                                  or an active source port range overlaps a passive port range
     */
    public ListenerConfig(String name, String address, int port, PassiveConfig passive, ActiveConfig active) {
        this(name, address, port, passive, active, null);
    }

    /**
     * A plain-FTP listener with {@link ActiveConfig#defaults()}.
     *
     * @throws IllegalArgumentException if {@code name} or {@code address} is empty or {@code port} is out of range
     */
    public ListenerConfig(String name, String address, int port, PassiveConfig passive) {
        this(name, address, port, passive, ActiveConfig.defaults());
    }
}
