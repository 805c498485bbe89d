package io.wharf.server.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string format that other tools read:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, base64 without padding.
 *
 * <p>Deliberately slow: never call it on an event loop. The cost travels inside each hash, so stored hashes keep
 * verifying after the default changes.
 */
public final class Argon2idHasher {

    /**
     * Argon2id cost parameters.
     *
     * @param memoryKiB   memory per hash, in KiB
     * @param iterations  passes over that memory
     * @param parallelism lanes
     */
    public record Cost(int memoryKiB, int iterations, int parallelism) {
        /** OWASP's recommended minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
        public static final Cost DEFAULT = new Cost(19 * 1024, 2, 1);
    }

    private static final String PREFIX = "$argon2id$v=19$";
    private static final int MAX_MEMORY_KIB = 256 * 1024;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

    private final Cost cost;
    private final SecureRandom random = new SecureRandom();

    /** A hasher producing new hashes at {@code cost}. */
    public Argon2idHasher(Cost cost) {
        this.cost = cost;
    }

    /** Hashes {@code password} with a fresh random salt. */
    public String hash(byte[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, cost, HASH_BYTES);
        return PREFIX + "m=" + cost.memoryKiB() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** True when {@code password} matches {@code encoded}; false for a mismatch or a malformed hash. */
    public static boolean verify(String encoded, byte[] password) {
        if (encoded == null || !encoded.startsWith(PREFIX)) {
            return false;
        }
        String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3) {
            return false;
        }
        try {
            Cost cost = parseCost(parts[0]);
            byte[] salt = B64_DECODE.decode(parts[1]);
            byte[] expected = B64_DECODE.decode(parts[2]);
            if (cost == null || salt.length < 8 || expected.length < 16) {
                return false;
            }
            return MessageDigest.isEqual(expected, derive(password, salt, cost, expected.length));
        } catch (IllegalArgumentException e) {
            return false;              // not base64, or absurd parameters: a broken hash never matches
        }
    }

    private static Cost parseCost(String text) {
        int m = -1;
        int t = -1;
        int p = -1;
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                return null;
            }
            int value = Integer.parseInt(pair.substring(eq + 1));
            switch (pair.substring(0, eq)) {
                case "m" -> m = value;
                case "t" -> t = value;
                case "p" -> p = value;
                default -> {
                    return null;
                }
            }
        }
        // Bounds keep a hostile or mistyped users file from making one login cost gigabytes or minutes: 256 MiB is
        // four times RFC 9106's second recommended option, and a hash above it simply never matches.
        if (m < 8 || m > MAX_MEMORY_KIB || t < 1 || t > 100 || p < 1 || p > 64) {
            return null;
        }
        return new Cost(m, t, p);
    }

    private static byte[] derive(byte[] password, byte[] salt, Cost cost, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKiB())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }
}
