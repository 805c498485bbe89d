package io.wharf.server.vfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A user's view of the file system: a virtual tree whose {@code /} is the user's home directory. Loop-confined,
 * one per session.
 *
 * <p>No client path leaves the root. {@code ..} is resolved lexically and stops at {@code /} (as {@code cd ..} does
 * at a real root); every existing path is canonicalised with {@code toRealPath} and must still lie under the
 * canonical root, which defeats symbolic links pointing outside; and new names are checked through their canonical
 * parent. Bytes are never URL-decoded, so {@code %2e%2e} is just an odd file name.
 */
public final class VirtualFileSystem {

    /** Prefix of in-progress upload files: hidden from listings and refused as client paths. */
    public static final String UPLOAD_PREFIX = ".wharf-upload-";

    private final Path root;
    private String cwd = "/";

    /** @param root the home directory; must already be canonical ({@code toRealPath}) */
    public VirtualFileSystem(Path root) {
        this.root = root;
    }

    /** The canonical home directory. */
    public Path root() {
        return root;
    }

    /** The working directory, as the client sees it. */
    public String cwd() {
        return cwd;
    }

    /** True for names the client must never see or touch. */
    public static boolean isHiddenName(String name) {
        return name.startsWith(UPLOAD_PREFIX);
    }

    /** Normalises {@code argument} against the working directory: absolute, no {@code .}, {@code ..} or {@code //}. */
    public String absolute(String argument) {
        String joined = argument.startsWith("/") ? argument : cwd + "/" + argument;
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : joined.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(segment);
        }
        return path.toString();
    }

    /** Resolves a client path (empty means the working directory). Blocking file-system calls: stat, realpath. */
    public Resolved resolve(String argument) {
        String virtual = absolute(argument);
        if (virtual.indexOf('\0') >= 0) {
            return Resolved.of(Resolved.Status.INVALID, virtual);
        }
        if (virtual.equals("/")) {
            return new Resolved(Resolved.Status.EXISTS, virtual, root, true);
        }
        Path candidate;
        try {
            candidate = root.resolve(virtual.substring(1));
        } catch (InvalidPathException e) {
            return Resolved.of(Resolved.Status.INVALID, virtual);
        }
        if (isHiddenName(candidate.getFileName().toString())) {
            return Resolved.of(Resolved.Status.DENIED, virtual);
        }
        try {
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return existing(candidate, virtual);
            }
            return missing(candidate, virtual);
        } catch (NoSuchFileException e) {
            return Resolved.of(Resolved.Status.NO_PARENT, virtual);
        } catch (IOException | SecurityException e) {
            return Resolved.of(Resolved.Status.DENIED, virtual);
        }
    }

    /**
     * Like {@link #resolve}, but a symbolic link in the last position stands for itself, not for what it points to:
     * DELE and RNFR act on the link, as {@code unlink} and {@code rename} do, so removing or renaming a link never
     * touches its target. Links leading outside the root stay {@link Resolved.Status#DENIED}.
     */
    public Resolved resolveEntry(String argument) {
        Resolved target = resolve(argument);
        if (target.status() != Resolved.Status.EXISTS || target.virtualPath().equals("/")) {
            return target;
        }
        Path entry = root.resolve(target.virtualPath().substring(1));
        if (!Files.isSymbolicLink(entry)) {
            return target;
        }
        try {
            Path parent = entry.getParent().toRealPath();
            Path link = parent.resolve(entry.getFileName());
            return new Resolved(Resolved.Status.EXISTS, target.virtualPath(), link, false);
        } catch (IOException e) {
            return Resolved.of(Resolved.Status.DENIED, target.virtualPath());
        }
    }

    /** Changes the working directory; returns what was found, and moves only when it is a directory. */
    public Resolved changeDirectory(String argument) {
        Resolved target = resolve(argument);
        if (target.isExistingDirectory()) {
            cwd = target.virtualPath();
        }
        return target;
    }

    private Resolved existing(Path candidate, String virtual) throws IOException {
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException dangling) {
            return Resolved.of(Resolved.Status.DENIED, virtual);     // a link to nowhere; never create through it
        }
        if (!real.startsWith(root)) {
            return Resolved.of(Resolved.Status.DENIED, virtual);
        }
        return new Resolved(Resolved.Status.EXISTS, virtual, real, Files.isDirectory(real));
    }

    private Resolved missing(Path candidate, String virtual) throws IOException {
        Path parent = candidate.getParent().toRealPath();
        if (!parent.startsWith(root)) {
            return Resolved.of(Resolved.Status.DENIED, virtual);
        }
        if (!Files.isDirectory(parent)) {
            return Resolved.of(Resolved.Status.NO_PARENT, virtual);
        }
        return new Resolved(Resolved.Status.MISSING, virtual, parent.resolve(candidate.getFileName()), false);
    }
}
