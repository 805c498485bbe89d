package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import io.wharf.server.vfs.Resolved;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.zip.CRC32;

/**
 * File checksums without a download: HASH (draft-bryan-ftpext-hash-02) and the older single-algorithm verbs XCRC,
 * XMD5, XSHA1 and XSHA256 that Serv-U, proftpd's mod_digest and many clients use.
 *
 * <p>Reading a whole file takes long, so the digest runs on the server's file workers ({@link
 * ControlSession#offLoop}), which pause the session's later commands until the answer is queued. When the workers
 * are saturated the client is told to retry (450, the draft's "busy").
 *
 * <p>HASH uses the session's algorithm, SHA-256 unless {@code OPTS HASH} chose another; FEAT marks the choice with
 * an asterisk. The X-verbs name their algorithm themselves.
 */
public final class HashCommands {

    /** What the digest loop reads at a time. */
    private static final int READ_BYTES = 64 * 1024;
    /** One buffer per worker thread, reused by every job that thread runs. */
    private static final ThreadLocal<ByteBuffer> BUFFERS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(READ_BYTES));

    /**
     * Algorithms, named as the IANA "Hash Function Textual Names" registry names them (draft 3.1). CRC32 is not in
     * the registry; its name is the one proftpd's mod_digest and FileZilla use.
     */
    enum Algorithm {
        SHA_256("SHA-256", "SHA-256"),
        SHA_1("SHA-1", "SHA-1"),
        MD5("MD5", "MD5"),
        CRC32("CRC32", null);

        private final String ianaName;
        private final String jcaName;

        Algorithm(String ianaName, String jcaName) {
            this.ianaName = ianaName;
            this.jcaName = jcaName;
        }

        /** The algorithm's IANA name, as FEAT, OPTS HASH and the HASH reply show it. */
        String ianaName() {
            return ianaName;
        }

        /** The algorithm called {@code name} (case-insensitive), or null. */
        static Algorithm named(String name) {
            for (Algorithm algorithm : values()) {
                if (algorithm.ianaName.equalsIgnoreCase(name)) {
                    return algorithm;
                }
            }
            return null;
        }

        /** Worker thread. The lowercase hex digest of {@code file}'s bytes, read to its end, and their count. */
        Digest digest(Path file) throws IOException {
            ByteBuffer buffer = BUFFERS.get();
            long bytes = 0;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                if (jcaName == null) {
                    CRC32 crc = new CRC32();
                    while (read(channel, buffer)) {
                        bytes += buffer.remaining();
                        crc.update(buffer);
                    }
                    return new Digest(String.format(Locale.ROOT, "%08x", crc.getValue()), bytes);
                }
                MessageDigest digest = messageDigest();
                while (read(channel, buffer)) {
                    bytes += buffer.remaining();
                    digest.update(buffer);
                }
                return new Digest(HexFormat.of().formatHex(digest.digest()), bytes);
            }
        }

        private MessageDigest messageDigest() {
            try {
                return MessageDigest.getInstance(jcaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(jcaName + " is required by every Java platform", e);
            }
        }

        /** Refills {@code buffer} and flips it for reading; false at the end of the file. */
        private static boolean read(FileChannel channel, ByteBuffer buffer) throws IOException {
            buffer.clear();
            int n = channel.read(buffer);
            buffer.flip();
            return n >= 0;
        }
    }

    /** The algorithm HASH uses until OPTS HASH picks another; the draft forbids a default weaker than SHA-1. */
    static final Algorithm DEFAULT = Algorithm.SHA_256;

    private HashCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        EnumSet<Phase> loggedIn = EnumSet.of(Phase.LOGGED_IN);
        table.add("HASH", loggedIn, HashCommands::hash);
        table.add("XCRC", loggedIn, (session, command) -> legacy(session, command, Algorithm.CRC32));
        table.add("XMD5", loggedIn, (session, command) -> legacy(session, command, Algorithm.MD5));
        table.add("XSHA1", loggedIn, (session, command) -> legacy(session, command, Algorithm.SHA_1));
        table.add("XSHA256", loggedIn, (session, command) -> legacy(session, command, Algorithm.SHA_256));
    }

    /** draft-bryan-ftpext-hash-02 3: {@code 213 SHA-256 0-<size> <hex> <path>}; a directory is 553 (3.5). */
    static void hash(ControlSession session, Command command) {
        Resolved target = FileCommands.argumentTarget(session, command);
        if (target == null) {
            return;
        }
        if (!target.isExistingFile()) {
            if (target.isExistingDirectory()) {
                session.reply(553, command.argument() + ": Is a directory; only files have a hash");
            } else {
                session.reply(550, FileCommands.why(target, command.argument()));
            }
            return;
        }
        String path = command.argument();
        Path file = target.path();
        Algorithm algorithm = selected(session);
        submit(session, () -> algorithm.digest(file), (digest, failure) -> {
            if (failure != null) {
                session.reply(550, path + ": Cannot read file");
            } else {
                // The range is the whole file, as mod_digest reports it: RANG (partial hashes) is not implemented.
                session.reply(213, algorithm.ianaName() + " 0-" + digest.size() + " " + digest.hex() + " " + path);
            }
        });
    }

    /** XCRC, XMD5, XSHA1, XSHA256 as mod_digest answers them: {@code 250 <HEX>}, upper case. */
    static void legacy(ControlSession session, Command command, Algorithm algorithm) {
        Resolved target = FileCommands.existingFile(session, command);
        if (target == null) {
            return;
        }
        String path = command.argument();
        Path file = target.path();
        submit(session, () -> algorithm.digest(file), (digest, failure) -> {
            if (failure != null) {
                session.reply(550, path + ": Cannot read file");
            } else {
                session.reply(250, digest.hex().toUpperCase(Locale.ROOT));
            }
        });
    }

    /** {@code OPTS HASH [name]} (draft 3.2): with a name, selects it for later HASH commands; answers the selection. */
    static void opts(ControlSession session, String name) {
        if (name.isEmpty()) {
            session.reply(200, selected(session).ianaName());
            return;
        }
        Algorithm algorithm = Algorithm.named(name);
        if (algorithm == null) {
            session.reply(501, "Unknown algorithm, current selection not changed");
        } else {
            session.hashAlgorithm(algorithm.ianaName());
            session.reply(200, algorithm.ianaName());
        }
    }

    /**
     * The FEAT line (draft 3.1): every algorithm, the session's selection marked with {@code *}, separated as in the
     * draft's examples ({@code HASH SHA-256*;SHA-1;MD5;CRC32}), which is what clients split on.
     */
    static String feature(ControlSession session) {
        Algorithm current = selected(session);
        StringBuilder line = new StringBuilder("HASH ");
        for (Algorithm algorithm : Algorithm.values()) {
            if (algorithm.ordinal() > 0) {
                line.append(';');
            }
            line.append(algorithm.ianaName()).append(algorithm == current ? "*" : "");
        }
        return line.toString();
    }

    private static Algorithm selected(ControlSession session) {
        Algorithm algorithm = Algorithm.named(session.hashAlgorithm());
        return algorithm != null ? algorithm : DEFAULT;
    }

    private static void submit(ControlSession session, Callable<Digest> work, BiConsumer<Digest, Exception> onDone) {
        if (!session.offLoop(work, onDone)) {
            session.reply(450, "Busy, try again");
        }
    }

    /** A finished digest, lowercase hex, and the number of bytes it covers. */
    record Digest(String hex, long size) {
    }
}
