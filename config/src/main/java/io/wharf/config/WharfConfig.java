package io.wharf.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
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
 * @param listeners     the listeners, with unique names, in the order configured
 */
public record WharfConfig(Path source, int eventLoops, Path rootDirectory, Path usersFile,
                          LimitsConfig limits, List<ListenerConfig> listeners) {

    /**
     * @throws IllegalArgumentException if {@code eventLoops} is negative or two listeners share a name
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
        for (ListenerConfig listener : listeners) {
            if (!names.add(listener.name())) {
                throw new IllegalArgumentException("duplicate listener name " + listener.name());
            }
        }
    }
}
