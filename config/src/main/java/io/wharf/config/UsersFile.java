package io.wharf.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads and writes the users file:
 * <pre>
 * # Wharf users. Passwords are Argon2id hashes; edit with care.
 * users:
 *   demo:
 *     password: $argon2id$v=19$m=19456,t=2,p=1$...   # required, non-empty
 *     home: .                                        # optional, default "."
 *     tls: control                                   # optional: none | control | data | both, added to the
 *                                                    # listener's policy
 *     client-certificate: sha256:AB:CD:...           # optional: mutual TLS, sha256:<fingerprint> or subject:<DN>
 * </pre>
 *
 * <p>Loading has the same error discipline as {@link ConfigLoader}: the first problem is thrown as a
 * {@link ConfigException} naming the file, line and key. A missing or empty {@code users} section is an empty list.
 * {@link #write} is atomic and {@code load(write(users))} returns an equal list in the same order.
 */
public final class UsersFile {

    /** The first line of every file {@link #write} produces. */
    public static final String HEADER = "# Wharf users. Passwords are Argon2id hashes; edit with care.";

    private static final List<String> TOP_KEYS = List.of("users");
    private static final List<String> USER_KEYS = List.of("password", "home", "tls", "client-certificate");
    private static final String DEFAULT_HOME = ".";

    private UsersFile() {
    }

    /**
     * Reads {@code file} as UTF-8.
     *
     * @param file the users file; messages name it exactly as given
     * @return the users in file order, unmodifiable
     * @throws ConfigException if the file cannot be read or an entry is invalid
     */
    public static List<UserEntry> load(Path file) throws ConfigException {
        String name = file.toString();
        Node root = YamlDocument.compose(YamlDocument.read(file), name);
        YamlMapping users = YamlMapping.of(name, "", root, TOP_KEYS).mapping("users", null);
        List<UserEntry> entries = new ArrayList<>();
        for (String user : users.keys()) {
            entries.add(entry(users, user));
        }
        return List.copyOf(entries);
    }

    /**
     * Replaces {@code file} atomically: the text goes to a temporary file in the same directory, is flushed to
     * disk, and is then renamed over {@code file}, so a reader sees the old or the new file, never a mix. On POSIX
     * file systems the file is created with mode 0600, because the hashes are worth protecting. Missing parent
     * directories are created.
     *
     * @param file  the users file
     * @param users the users, with unique names, in the order to write them
     * @throws IOException              if the file cannot be written; {@code file} is then left unchanged
     * @throws IllegalArgumentException if two users share a name
     */
    public static void write(Path file, List<UserEntry> users) throws IOException {
        byte[] bytes = (HEADER + "\n" + dump(users)).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, bytes, "rw-------");
    }

    private static UserEntry entry(YamlMapping users, String user) throws ConfigException {
        if (!UserEntry.isValidName(user)) {
            String problem = YamlDocument.quote(user)
                    + " is not a valid user name (use 1 to 64 of A-Z a-z 0-9 . _ @ -)";
            throw new ConfigException(users.file(), users.keyLine(user), "users", problem);
        }
        YamlMapping fields = users.mapping(user, USER_KEYS);
        String password = fields.nonEmptyString("password", null);
        if (password == null) {
            throw new ConfigException(users.file(), users.keyLine(user), users.path(user),
                    "missing required key \"password\"");
        }
        String home = fields.string("home", DEFAULT_HOME);
        if (!UserEntry.isValidHome(home)) {
            throw fields.error("home", YamlDocument.quote(home)
                    + " is not inside the root directory (use a relative path without ..)");
        }
        TlsRequirement tls = fields.choice("tls", TlsRequirement.class, null);
        String certificate = fields.nonEmptyString("client-certificate", null);
        if (certificate != null && !UserEntry.isValidClientCertificate(certificate)) {
            throw fields.error("client-certificate", YamlDocument.quote(certificate)
                    + " is not sha256:<64 hex digits> or subject:<distinguished name>");
        }
        return new UserEntry(user, password, home, tls, certificate);
    }

    private static String dump(List<UserEntry> users) {
        Map<String, Object> byName = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (UserEntry user : users) {
            if (!names.add(user.name())) {
                throw new IllegalArgumentException("duplicate user name " + user.name());
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("password", user.passwordHash());
            fields.put("home", user.home());
            if (user.tls() != null) {
                fields.put("tls", user.tls().name().toLowerCase(Locale.ROOT));
            }
            if (user.clientCertificate() != null) {
                fields.put("client-certificate", user.clientCertificate());
            }
            byName.put(user.name(), fields);
        }
        // The core schema matches the loader, so a hash or home that looks like null, a number or a boolean is
        // quoted and reads back as the same string. Line splitting would fold long hashes.
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setSchema(new CoreSchema())
                .setSplitLines(false)
                .build();
        return new Dump(settings).dumpToString(Map.of("users", byName));
    }
}
