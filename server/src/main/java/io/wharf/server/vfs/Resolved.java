package io.wharf.server.vfs;

import java.nio.file.Path;

/**
 * Where a client path leads, as a value: handlers turn the status into a reply code.
 *
 * @param status      what was found
 * @param virtualPath the normalised path as the client sees it, always absolute ({@code /a/b})
 * @param path        the real path: canonical for {@link Status#EXISTS}; the canonical parent plus the new name for
 *                    {@link Status#MISSING}; null otherwise
 * @param isDirectory for {@link Status#EXISTS}, whether it is a directory
 */
public record Resolved(Status status, String virtualPath, Path path, boolean isDirectory) {

    /** Outcomes of resolving a client path. */
    public enum Status {
        /** Exists inside the root. */
        EXISTS,
        /** Does not exist, but its parent is a directory inside the root: it can be created. */
        MISSING,
        /** Neither it nor its parent directory exists. */
        NO_PARENT,
        /** It leads outside the root (through a symbolic link), or names Wharf's own temporary files. */
        DENIED,
        /** Not a usable name (a NUL byte, say). */
        INVALID
    }

    /** True when the path exists and is a directory. */
    public boolean isExistingDirectory() {
        return status == Status.EXISTS && isDirectory;
    }

    /** True when the path exists and is not a directory. */
    public boolean isExistingFile() {
        return status == Status.EXISTS && !isDirectory;
    }

    static Resolved of(Status status, String virtualPath) {
        return new Resolved(status, virtualPath, null, false);
    }
}
