package io.wharf.bench.vfs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** A benchmark's temporary directory tree: created canonical, as a user's home is, and removed with all it holds. */
final class TempTree {

    private TempTree() {
    }

    /** A new, empty, canonical ({@code toRealPath}) directory under {@code java.io.tmpdir}. */
    static Path create(String prefix) throws IOException {
        return Files.createTempDirectory(prefix).toRealPath();
    }

    /** Deletes {@code root} and everything under it; symbolic links are removed, never followed. */
    static void delete(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
