package io.wharf.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.server.data.UploadFiles;
import io.wharf.server.it.Digests;
import io.wharf.server.it.ExternalProcess;
import io.wharf.server.it.RawFtp;
import io.wharf.server.it.WharfServerExtension;
import io.wharf.server.vfs.VirtualFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What every client test of the interop matrix shares: test data, interrupted uploads, transcripts, checks. */
final class Interop {

    /** Size of the file every client uploads and downloads: many socket buffers, still quick. */
    static final long SIZE = 4L << 20;
    /** Bytes an interrupted transfer got through before it was cut; deliberately not a buffer multiple. */
    static final int KEEP = (1 << 20) + 12_345;
    /** Files in the tree lftp mirrors both ways. */
    static final int TREE_FILES = 200;

    private static final Pattern DATA_VERB = Pattern.compile("PASV|EPSV|PORT|EPRT");
    private static final Pattern TRANSFER_VERB = Pattern.compile("STOR|APPE|RETR");

    private Interop() {
    }

    /**
     * Leaves an interrupted upload of the first {@code keep} bytes of {@code source} to {@code remote} (relative to
     * the home), cut by a reset data connection exactly as a crashed client leaves it: the server replies 426, keeps
     * the bytes as the target's hidden partial, and {@code SIZE remote} reports them; the target does not exist.
     */
    static void interruptedUpload(WharfServerExtension wharf, String remote, Path source, int keep)
            throws IOException {
        Path target = wharf.home().resolve(remote);
        Files.createDirectories(target.getParent());
        byte[] head = new byte[keep];
        try (InputStream in = Files.newInputStream(source)) {
            assertEquals(keep, in.readNBytes(head, 0, keep));
        }
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("TYPE I", 200);
            Socket data = ftp.epsv();
            ftp.expect("STOR " + remote, 150);
            data.getOutputStream().write(head);
            // Cut only once the server has stored every byte sent, so the partial's length is known exactly.
            WharfServerExtension.await(() -> hiddenSizes(target.getParent()).contains((long) keep),
                    "server never stored the " + keep + " bytes sent: " + hiddenSizes(target.getParent()));
            data.setSoLinger(true, 0);
            data.close();
            String reply = ftp.reply();
            assertEquals(426, RawFtp.code(reply), reply);
            Path partial = UploadFiles.partialOf(target);
            WharfServerExtension.await(() -> sizeOrMinusOne(partial) == keep, "no partial of " + keep + " bytes kept");
            assertTrue(Files.notExists(target), "an interrupted upload must not appear under its name");
            assertEquals("213 " + keep, ftp.command("SIZE " + remote));
            ftp.expect("QUIT", 221);
        }
    }

    /** Writes the first {@code keep} bytes of {@code source} to {@code file}: what an interrupted download left. */
    static Path prefix(Path source, long keep, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            Files.write(file, in.readNBytes(Math.toIntExact(keep)));
        }
        assertEquals(keep, Files.size(file));
        return file;
    }

    /** Asserts that no upload's hidden working file or partial is left anywhere under {@code root}. */
    static void assertNoHiddenUploads(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> hidden = files.filter(p -> p.getFileName().toString()
                    .startsWith(VirtualFileSystem.UPLOAD_PREFIX)).toList();
            assertTrue(hidden.isEmpty(), "hidden upload files left: " + hidden);
        }
    }

    /** Asserts that a client's listing names neither {@code name} nor any hidden upload file. */
    static void assertNotListed(String listing, String name) {
        assertFalse(listing.contains(name), name + " is listed before its upload completed:\n" + listing);
        assertFalse(listing.contains(VirtualFileSystem.UPLOAD_PREFIX), "a hidden upload file is listed:\n" + listing);
    }

    /**
     * Writes {@link #TREE_FILES} files of 0 to 48 KiB (a few empty) into folders nested up to three deep under
     * {@code root}, seeded so a failure reproduces.
     */
    static Path tree(Path root, long seed) throws IOException {
        Random random = new Random(seed);
        for (int i = 0; i < TREE_FILES; i++) {
            Path dir = root.resolve("d" + i % 4);
            if (i % 3 > 0) {
                dir = dir.resolve("sub" + i % 5);
            }
            if (i % 7 == 0) {
                dir = dir.resolve("deep " + i % 2);          // a space, which LIST parsing must survive
            }
            Files.createDirectories(dir);
            byte[] bytes = new byte[i % 50 == 0 ? 0 : random.nextInt(48 << 10)];
            random.nextBytes(bytes);
            Files.write(dir.resolve("file-" + i + ".bin"), bytes);
        }
        return root;
    }

    /** Relative path of every regular file under {@code root} to its SHA-256, sorted. */
    static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                digests.put(root.relativize(file).toString(), Digests.sha256(file));
            }
        }
        return digests;
    }

    /** Every match of {@code line}'s first group, one per line of {@code transcript}. */
    static List<String> sent(String transcript, Pattern line) {
        List<String> commands = new ArrayList<>();
        for (String text : transcript.split("\r?\n")) {
            Matcher m = line.matcher(text);
            if (m.matches()) {
                commands.add(m.group(1).trim());
            }
        }
        return commands;
    }

    /**
     * Asserts that the client opened data connections with {@code mode}'s verb and with no other, so it neither
     * fell back to another mode nor transferred nothing at all.
     */
    static void assertDataMode(DataMode mode, List<String> commands, String transcript) {
        List<String> verbs = commands.stream().map(c -> c.split(" ", 2)[0].toUpperCase())
                .filter(v -> DATA_VERB.matcher(v).matches()).distinct().toList();
        assertEquals(List.of(mode.verb()), verbs, "data connections must use " + mode.verb() + " only\n" + transcript);
    }

    /**
     * Asserts the client really resumed at {@code offset}: the only REST it sent was {@code REST offset}, and it
     * made one transfer. A client that falls back to starting over (lftp answers a refused REST with REST 0 and a
     * second STOR) ends with the right bytes too, so the SHA-256 alone would not show that the resume worked.
     */
    static void assertResumedAt(long offset, List<String> commands, String transcript) {
        List<String> rests = commands.stream().filter(c -> c.startsWith("REST ")).toList();
        assertEquals(List.of("REST " + offset), rests, "the client must resume once, at " + offset + "\n" + transcript);
        assertEquals(1, transfers(commands).size(), "the client must transfer once\n" + transcript);
    }

    /** The STOR, APPE and RETR commands among {@code commands}. */
    static List<String> transfers(List<String> commands) {
        return commands.stream().filter(c -> TRANSFER_VERB.matcher(c.split(" ", 2)[0].toUpperCase()).matches())
                .toList();
    }

    /** Runs a client process in {@code dir}; fails clearly when the tool is not installed. */
    static ExternalProcess.Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        ExternalProcess.Result result = ExternalProcess.run(dir, 30, command);
        assertTrue(result.exitCode() != 127, command.get(0) + " is not installed (run .ci/run, which installs it)");
        return result;
    }

    /** Asserts exit code 0, showing the client's output otherwise. */
    static ExternalProcess.Result succeeded(ExternalProcess.Result result) {
        assertEquals(0, result.exitCode(), "client failed:\n" + result.output());
        return result;
    }

    /** A UTF-8 text with LF line ends, empty lines, long lines and no final newline: ASCII-mode test data. */
    static String text() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            text.append("line ").append(i).append(": quay, cran, Kräne, ").append("x".repeat(i % 97)).append('\n');
            if (i % 10 == 0) {
                text.append('\n');
            }
        }
        return text.append("last line without a newline").toString();
    }

    /** {@code text} with every LF as CRLF: what TYPE A puts on the wire. */
    static byte[] network(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Sizes of the hidden upload partials in {@code dir} (-1 for one that vanished while looked at). */
    static List<Long> hiddenSizes(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(VirtualFileSystem.UPLOAD_PREFIX))
                    .map(Interop::sizeOrMinusOne).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long sizeOrMinusOne(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return -1;
        }
    }
}
