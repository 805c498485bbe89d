package io.wharf.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The whole server configuration, as loaded by {@link ConfigLoader} or built in code by tests.
 *
 * @param source        the file it was loaded from, as given, or {@code null} when built in code
 * @param eventLoops    the number of I/O event loops; 0 means one per available processor
 * @param rootDirectory the directory served over FTP; user homes are relative to it. Absolute when loaded
 * @param usersFile     the users file read by {@link UsersFile}. Absolute when loaded
 * @param limits        resource limits and timeouts
 * @param listeners     the listeners, with unique names and unique address and port, in the order configured
 */
public record WharfConfig(Path source, int eventLoops, Path rootDirectory, Path usersFile,
                          LimitsConfig limits, List<ListenerConfig> listeners) {

    /**
     * @throws IllegalArgumentException if {@code eventLoops} is negative, two listeners share a name, or two share
     *                                  an address and a port other than 0. Addresses are compared as written,
     *                                  ignoring case: {@code 0.0.0.0} and {@code 127.0.0.1} on one port are left
     *                                  for the server to reject when it binds
     */
    public WharfConfig {
        Objects.requireNonNull(rootDirectory, "rootDirectory");
        Objects.requireNonNull(usersFile, "usersFile");
        Objects.requireNonNull(limits, "limits");
        listeners = List.copyOf(Objects.requireNonNull(listeners, "listeners"));
        if (eventLoops < 0) {
            throw new IllegalArgumentException("eventLoops " + eventLoops + " is negative");
        }
        Set<String> names = new HashSet<>();
        Set<String> endpoints = new HashSet<>();
        for (ListenerConfig listener : listeners) {
            if (!names.add(listener.name())) {
                throw new IllegalArgumentException("duplicate listener name " + listener.name());
            }
            if (listener.port() != 0 && !endpoints.add(endpoint(listener))) {
                throw new IllegalArgumentException("listener " + listener.name() + ": port " + listener.port()
                        + " on " + listener.address() + " is used by another listener");
            }
        }
    }

    /**
     * @return the listener's address and port as a key for finding listeners that would bind the same socket
     */
    static String endpoint(ListenerConfig listener) {
        return listener.address().toLowerCase(Locale.ROOT) + " " + listener.port();
    }
}
