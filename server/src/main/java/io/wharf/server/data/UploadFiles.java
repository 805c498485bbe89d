package io.wharf.server.data;

import io.wharf.server.vfs.VirtualFileSystem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where an upload's bytes live before they become the named file.
 *
 * <p>Every upload writes a hidden temporary file beside its target and renames it into place on success. When an
 * upload fails or is aborted, its bytes are kept as the target's hidden <em>partial</em> so the client can resume:
 * {@code SIZE} reports the partial's length, and {@code APPE} or {@code REST n} + {@code STOR} continue it. Until
 * then the target itself is untouched, so a downstream job never sees half a file. A partial older than its target
 * is stale (the target was replaced since) and is ignored.
 *
 * <p>These are blocking file-system calls, made on the loop: each is a metadata operation, except the copy that
 * resuming on top of an existing complete file needs, which the kernel does ({@code copy_file_range}).
 */
public final class UploadFiles {

    private static final String PARTIAL = VirtualFileSystem.UPLOAD_PREFIX + "partial-";

    /**
     * The file an upload writes, ready at {@code offset}.
     *
     * @param file      open for writing; the transfer owns it
     * @param temporary its path
     * @param offset    where the client's bytes go
     */
    public record Working(FileChannel file, Path temporary, long offset) {
    }

    /** The resume offset asked for lies beyond what exists (RFC 3659 5.5: reply 554). */
    public static final class RestartBeyondEnd extends Exception {
        private static final long serialVersionUID = 1L;

        RestartBeyondEnd(long offset, long available) {
            super("restart offset " + offset + " is beyond the " + available + " bytes stored");
        }
    }

    private UploadFiles() {
    }

    /** The hidden partial that belongs to {@code target}; hashed, so any name fits and none is revealed. */
    public static Path partialOf(Path target) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(target.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            return target.resolveSibling(PARTIAL + HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The size a client resuming an upload to {@code target} continues from: the live partial's, else the target's. */
    public static long resumableSize(Path target) throws IOException {
        Path partial = livePartial(target);
        return Files.size(partial != null ? partial : target);
    }

    /** True when {@code target} has a live partial (an interrupted upload that may be resumed). */
    public static boolean hasLivePartial(Path target) throws IOException {
        return livePartial(target) != null;
    }

    /**
     * Opens the working file for an upload to {@code target} whose client bytes start at {@code offset}; {@code -1}
     * means "append": at the end of whatever a resume would continue (APPE).
     *
     * @throws RestartBeyondEnd when {@code offset} is past the stored bytes
     */
    public static Working open(Path target, long sessionId, long offset) throws IOException, RestartBeyondEnd {
        Path temporary = target.resolveSibling(VirtualFileSystem.UPLOAD_PREFIX + sessionId + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        if (offset == 0) {
            return new Working(create(temporary), temporary, 0);
        }
        Path partial = livePartial(target);
        if (partial != null && claim(partial, temporary)) {
            FileChannel file = FileChannel.open(temporary, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            return positioned(file, temporary, offset);
        }
        FileChannel file = create(temporary);
        if (Files.isRegularFile(target)) {
            try (FileChannel source = FileChannel.open(target, StandardOpenOption.READ)) {
                long size = source.size();
                long copy = offset < 0 ? size : Math.min(offset, size);
                for (long done = 0; done < copy; ) {
                    done += source.transferTo(done, copy - done, file);
                }
            } catch (IOException e) {
                discard(file, temporary);
                throw e;
            }
        }
        return positioned(file, temporary, offset);
    }

    /** Keeps a failed upload's bytes as {@code target}'s partial, replacing an older one. */
    static void keepAsPartial(Path temporary, Path target) throws IOException {
        Files.move(temporary, partialOf(target), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** After a successful upload, a partial left by an earlier attempt is obsolete. */
    static void dropPartial(Path target) throws IOException {
        Files.deleteIfExists(partialOf(target));
    }

    private static Working positioned(FileChannel file, Path temporary, long offset) throws IOException,
            RestartBeyondEnd {
        long size = file.size();
        if (offset > size) {
            discard(file, temporary);
            throw new RestartBeyondEnd(offset, size);
        }
        long start = offset < 0 ? size : offset;
        file.truncate(start);          // REST n: whatever followed byte n is replaced by what the client sends
        return new Working(file, temporary, start);
    }

    /** The partial of {@code target} if it exists and is not older than the target; a stale one is removed. */
    private static Path livePartial(Path target) throws IOException {
        Path partial = partialOf(target);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(partial, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!attributes.isRegularFile()) {
            return null;
        }
        try {
            BasicFileAttributes targetAttributes = Files.readAttributes(target, BasicFileAttributes.class);
            if (targetAttributes.lastModifiedTime().compareTo(attributes.lastModifiedTime()) > 0) {
                Files.deleteIfExists(partial);
                return null;
            }
        } catch (NoSuchFileException noTarget) {
            // A partial for a file that does not exist yet: the usual case of an interrupted first upload.
        }
        return partial;
    }

    /** Takes the partial for this upload by renaming it: of two sessions resuming at once, one wins. */
    private static boolean claim(Path partial, Path temporary) throws IOException {
        try {
            Files.move(partial, temporary, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (NoSuchFileException lost) {
            return false;
        }
    }

    private static FileChannel create(Path temporary) throws IOException {
        return FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
    }

    private static void discard(FileChannel file, Path temporary) {
        try {
            file.close();
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // Best effort on an error path; the name is hidden and recognisable for an operator's sweep.
        }
    }
}
