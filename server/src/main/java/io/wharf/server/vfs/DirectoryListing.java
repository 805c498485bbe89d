package io.wharf.server.vfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Iterator;

/**
 * The entries of one directory, read lazily so a listing of any size streams out without being held in memory.
 * Wharf's temporary upload files are skipped, and so is any symbolic link that leads outside the root (or nowhere):
 * the client never learns such a thing exists. Links that stay inside are shown as what they point to.
 */
public final class DirectoryListing implements AutoCloseable {

    private final Path root;
    private final DirectoryStream<Path> stream;
    private final Iterator<Path> entries;
    private Path single;
    private String name;
    private PosixFileAttributes attributes;

    private DirectoryListing(Path root, DirectoryStream<Path> stream, Path single) {
        this.root = root;
        this.stream = stream;
        this.entries = stream == null ? null : stream.iterator();
        this.single = single;
    }

    /** Lists the directory {@code dir}, which lies under the canonical {@code root}. */
    public static DirectoryListing of(Path dir, Path root) throws IOException {
        return new DirectoryListing(root, Files.newDirectoryStream(dir), null);
    }

    /** A one-entry listing of a file, as {@code LIST file} shows it. */
    public static DirectoryListing ofFile(Path file, Path root) {
        return new DirectoryListing(root, null, file);
    }

    /** Moves to the next visible entry; false at the end. Blocking stat calls, a few per entry. */
    public boolean next() {
        while (true) {
            Path entry = nextPath();
            if (entry == null) {
                return false;
            }
            String entryName = entry.getFileName().toString();
            if (VirtualFileSystem.isHiddenName(entryName)) {
                continue;
            }
            PosixFileAttributes found = visibleAttributes(entry);
            if (found != null) {
                name = entryName;
                attributes = found;
                return true;
            }
        }
    }

    /** The current entry's name. */
    public String name() {
        return name;
    }

    /** The current entry's attributes (of the link target, for links inside the root). */
    public PosixFileAttributes attributes() {
        return attributes;
    }

    @Override
    public void close() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // A directory handle opened read-only: nothing to lose by a failed close.
            }
        }
    }

    private Path nextPath() {
        if (entries == null) {
            Path only = single;
            single = null;
            return only;
        }
        return entries.hasNext() ? entries.next() : null;
    }

    private PosixFileAttributes visibleAttributes(Path entry) {
        try {
            PosixFileAttributes own = Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!own.isSymbolicLink()) {
                return own;
            }
            Path target = entry.toRealPath();
            return target.startsWith(root) ? Files.readAttributes(target, PosixFileAttributes.class) : null;
        } catch (IOException | RuntimeException e) {
            return null;       // vanished while listing, or unreadable: leave it out rather than fail the listing
        }
    }
}
