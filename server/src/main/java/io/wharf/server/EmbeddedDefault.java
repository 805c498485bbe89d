package io.wharf.server;

import io.wharf.config.LimitsConfig;
import io.wharf.config.ListenerConfig;
import io.wharf.config.PassiveConfig;
import io.wharf.config.PortRange;
import io.wharf.config.UserEntry;
import io.wharf.config.UsersFile;
import io.wharf.config.WharfConfig;
import io.wharf.server.auth.Argon2idHasher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * The configuration {@code wharf serve} runs without a file: 127.0.0.1:2121, files under {@code <data>/files}, a
 * small passive range, and one user {@code demo} whose random password is generated once, shown once, and stored
 * only as a hash. A second start reuses everything the first created.
 */
public final class EmbeddedDefault {

    /** The default listener's port. */
    public static final int PORT = 2121;
    /** The default passive range: small, above the usual service ports, below the Linux ephemeral range. */
    public static final PortRange PASSIVE_PORTS = new PortRange(30000, 30099);
    /** The demo user's name. */
    public static final String USER = "demo";

    private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int PASSWORD_LENGTH = 16;

    /**
     * What preparing the default produced.
     *
     * @param config      the configuration to serve
     * @param newPassword the demo user's password if it was just created, else null (it was shown at first start)
     */
    public record Prepared(WharfConfig config, String newPassword) {
    }

    private EmbeddedDefault() {
    }

    /** Creates (or reuses) {@code dataDir}'s files directory and users file, and returns the config to run. */
    public static Prepared prepare(Path dataDir, int port) throws IOException {
        Path root = dataDir.resolve("files").toAbsolutePath().normalize();
        Path users = dataDir.resolve("users.yaml").toAbsolutePath().normalize();
        Files.createDirectories(root);
        String password = null;
        if (!Files.exists(users)) {
            password = randomPassword();
            String hash = new Argon2idHasher(Argon2idHasher.Cost.DEFAULT)
                    .hash(password.getBytes(StandardCharsets.UTF_8));
            UsersFile.write(users, List.of(new UserEntry(USER, hash, ".")));
        }
        ListenerConfig listener = new ListenerConfig("ftp", "127.0.0.1", port,
                new PassiveConfig(List.of(PASSIVE_PORTS), null));
        WharfConfig config = new WharfConfig(null, 0, root, users, LimitsConfig.defaults(), List.of(listener));
        return new Prepared(config, password);
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
