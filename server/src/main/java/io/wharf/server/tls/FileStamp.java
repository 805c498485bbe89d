package io.wharf.server.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What a file looked like when it was read: modification time and size (-1 when it could not be read). A certificate
 * replaced by a rename, or rewritten in place, changes its stamp.
 *
 * @param file          the path
 * @param modifiedNanos the last-modified time in nanoseconds since the epoch, or -1
 * @param size          the size in bytes, or -1
 */
record FileStamp(Path file, long modifiedNanos, long size) {

    /** The file's stamp now; one that is missing or unreadable gets -1 for both. */
    static FileStamp of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            long nanos = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            return new FileStamp(file, nanos, attributes.size());
        } catch (IOException e) {
            return new FileStamp(file, -1, -1);
        }
    }
}
