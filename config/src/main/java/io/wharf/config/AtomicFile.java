package io.wharf.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers see either the old content or the new, never a mix: the bytes go to a temporary
 * file in the same directory, are forced to disk, and the temporary file is renamed over the target. Used for the
 * users file and for generated certificates and keys. Blocking; never call it on an event loop.
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    /**
     * Replaces {@code target} with {@code content}, creating missing parent directories.
     *
     * @param posixMode permissions such as {@code rw-------}, applied from the start where the file system is POSIX,
     *                  so a secret is never readable by others even for a moment
     */
    public static void write(Path target, byte[] content, String posixMode) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = createTemporary(directory, absolute.getFileName().toString(), posixMode);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        syncDirectory(directory);
    }

    private static Path createTemporary(Path directory, String fileName, String posixMode) throws IOException {
        String prefix = "." + fileName + ".";
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<?> mode = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(posixMode));
            return Files.createTempFile(directory, prefix, ".tmp", mode);
        }
        return Files.createTempFile(directory, prefix, ".tmp");
    }

    private static void syncDirectory(Path directory) {
        // Makes the rename itself durable on POSIX. Opening a directory for reading is not possible everywhere
        // (Windows) and the new file is already complete on disk, so a failure here loses nothing but durability
        // of the rename across a power cut, and is ignored.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // See above: best effort only.
        }
    }
}
