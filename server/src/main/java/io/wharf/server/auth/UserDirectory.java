package io.wharf.server.auth;

import io.wharf.config.ConfigException;
import io.wharf.config.UserEntry;
import io.wharf.config.UsersFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The users a server knows, immutable: a reload builds a new directory. */
public final class UserDirectory {

    private final Map<String, UserEntry> users;
    private final Path rootDirectory;

    /** @param rootDirectory the server root; homes are resolved against it */
    public UserDirectory(List<UserEntry> entries, Path rootDirectory) {
        Map<String, UserEntry> byName = new LinkedHashMap<>();
        for (UserEntry entry : entries) {
            byName.put(entry.name(), entry);
        }
        this.users = Map.copyOf(byName);
        this.rootDirectory = rootDirectory;
    }

    /** Loads the users file. */
    public static UserDirectory load(Path usersFile, Path rootDirectory) throws ConfigException {
        return new UserDirectory(UsersFile.load(usersFile), rootDirectory);
    }

    /** The user called {@code name}, or null. */
    public UserEntry find(String name) {
        return users.get(name);
    }

    /** True when some user must log in with a client certificate, so TLS listeners must ask for one. */
    public boolean anyClientCertificates() {
        for (UserEntry user : users.values()) {
            if (user.clientCertificate() != null) {
                return true;
            }
        }
        return false;
    }

    /** The number of users. */
    public int size() {
        return users.size();
    }

    /** Where {@code user}'s home lives (not yet created or canonicalised). */
    public Path homeOf(UserEntry user) {
        return rootDirectory.resolve(user.home()).normalize();
    }
}
