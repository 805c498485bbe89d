package io.wharf.server.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualFileSystemTest {

    @TempDir
    Path tmp;

    private Path root;
    private Path secret;
    private VirtualFileSystem vfs;

    @BeforeEach
    void setUp() throws IOException {
        Path base = tmp.toRealPath();
        root = Files.createDirectories(base.resolve("root/home")).toRealPath();
        secret = Files.createDirectories(base.resolve("root/secret")).toRealPath();
        Files.writeString(secret.resolve("secret.txt"), "top secret");
        Files.createDirectories(root.resolve("sub/deeper"));
        Files.writeString(root.resolve("sub/file.txt"), "hello");
        vfs = new VirtualFileSystem(root);
    }

    @Test
    void absoluteNormalisesAndClampsAtRoot() {
        assertEquals("/", vfs.absolute(".."));
        assertEquals("/", vfs.absolute("../../.."));
        assertEquals("/b", vfs.absolute("a/../../b"));
        assertEquals("/x/y", vfs.absolute("//x///y/"));
        assertEquals("/", vfs.absolute("."));
        assertEquals("/", vfs.absolute(""));
        assertEquals("/", vfs.absolute("/"));
        assertEquals("/a/c", vfs.absolute("/a/./b/../c"));
        assertEquals("/etc/passwd", vfs.absolute("/../../etc/passwd"));
    }

    @Test
    void absoluteIsRelativeToTheWorkingDirectory() {
        assertTrue(vfs.changeDirectory("sub/deeper").isExistingDirectory());
        assertEquals("/sub/deeper", vfs.cwd());
        assertEquals("/sub/deeper/f", vfs.absolute("f"));
        assertEquals("/sub/g", vfs.absolute("../g"));
        assertEquals("/", vfs.absolute("../../../.."));
        assertEquals("/h", vfs.absolute("/h"));
    }

    @Test
    void rootResolvesToTheHomeDirectory() {
        Resolved resolved = vfs.resolve("/");
        assertTrue(resolved.isExistingDirectory());
        assertEquals(root, resolved.path());
        assertEquals(root, vfs.resolve("../..").path());
    }

    @Test
    void existingFileAndDirectory() {
        Resolved file = vfs.resolve("sub/file.txt");
        assertEquals(Resolved.Status.EXISTS, file.status());
        assertTrue(file.isExistingFile());
        assertEquals(root.resolve("sub/file.txt"), file.path());
        assertEquals("/sub/file.txt", file.virtualPath());

        Resolved dir = vfs.resolve("/sub/deeper/");
        assertTrue(dir.isExistingDirectory());
        assertEquals(root.resolve("sub/deeper"), dir.path());
    }

    @Test
    void missingFileResolvesInsideTheRoot() {
        Resolved resolved = vfs.resolve("new.txt");
        assertEquals(Resolved.Status.MISSING, resolved.status());
        assertEquals("/new.txt", resolved.virtualPath());
        assertEquals(root.resolve("new.txt"), resolved.path());
        assertTrue(resolved.path().startsWith(root));
        assertEquals(root.resolve("sub/x"), vfs.resolve("sub/x").path());
    }

    @Test
    void missingParent() {
        Resolved resolved = vfs.resolve("nodir/new.txt");
        assertEquals(Resolved.Status.NO_PARENT, resolved.status());
        assertNull(resolved.path());
        assertEquals(Resolved.Status.NO_PARENT, vfs.resolve("sub/file.txt/x").status());
    }

    @Test
    void dotDotCannotEscape() {
        for (String escape : List.of("/../../etc/passwd", "../secret/secret.txt", "../../root/secret",
                "sub/../../secret/secret.txt", "..", "../..")) {
            Resolved resolved = vfs.resolve(escape);
            assertTrue(resolved.path() == null || resolved.path().startsWith(root), escape + " -> " + resolved);
            if (!resolved.virtualPath().equals("/")) {
                assertNotEquals(Resolved.Status.EXISTS, resolved.status(), escape);
            }
        }
        assertFalse(vfs.resolve("../secret/secret.txt").isExistingFile());
    }

    @Test
    void symlinkToOutsideDirectoryIsDenied() throws IOException {
        Files.createSymbolicLink(root.resolve("out"), secret);
        assertDenied("out");
        assertDenied("out/secret.txt");
        assertDenied("out/new.txt");                     // nothing can be created through it either
        assertDenied("/sub/../out/");
    }

    @Test
    void symlinkToOutsideFileIsDenied() throws IOException {
        Files.createSymbolicLink(root.resolve("outfile"), secret.resolve("secret.txt"));
        assertDenied("outfile");
    }

    @Test
    void relativeSymlinkClimbingOutIsDenied() throws IOException {
        Files.createSymbolicLink(root.resolve("sub/up"), Path.of("../../secret"));
        assertDenied("sub/up/secret.txt");
    }

    @Test
    void symlinkStayingInsideIsFollowed() throws IOException {
        Files.createSymbolicLink(root.resolve("in"), root.resolve("sub/file.txt"));
        Files.createSymbolicLink(root.resolve("indir"), Path.of("sub/deeper"));
        Resolved file = vfs.resolve("in");
        assertTrue(file.isExistingFile());
        assertEquals(root.resolve("sub/file.txt"), file.path());
        Resolved dir = vfs.changeDirectory("indir");
        assertTrue(dir.isExistingDirectory());
        assertEquals(root.resolve("sub/deeper"), dir.path());
        assertEquals("/indir", vfs.cwd());
    }

    @Test
    void danglingSymlinkIsDenied() throws IOException {
        Files.createSymbolicLink(root.resolve("dangling-in"), root.resolve("nowhere"));
        Files.createSymbolicLink(root.resolve("dangling-out"), secret.resolve("nowhere"));
        assertDenied("dangling-in");
        assertDenied("dangling-out");
    }

    @Test
    void nulInANameIsInvalid() {
        assertEquals(Resolved.Status.INVALID, vfs.resolve("a\0b").status());
        assertEquals(Resolved.Status.INVALID, vfs.resolve("sub/\0").status());
        assertNull(vfs.resolve("a\0b").path());
    }

    @Test
    void uploadTemporariesAreDenied() throws IOException {
        Files.writeString(root.resolve(".wharf-upload-1234"), "partial");
        assertDenied(".wharf-upload-1234");
        assertDenied("/sub/.wharf-upload-new");
        assertEquals(Resolved.Status.MISSING, vfs.resolve(".wharf-uploaded").status());
    }

    @Test
    void changeDirectoryMovesOnlyIntoExistingDirectories() throws IOException {
        Files.createSymbolicLink(root.resolve("out"), secret);
        assertEquals(Resolved.Status.MISSING, vfs.changeDirectory("nodir").status());
        assertEquals("/", vfs.cwd());
        assertTrue(vfs.changeDirectory("sub/file.txt").isExistingFile());
        assertEquals("/", vfs.cwd());
        assertEquals(Resolved.Status.DENIED, vfs.changeDirectory("out").status());
        assertEquals("/", vfs.cwd());
        assertEquals(Resolved.Status.INVALID, vfs.changeDirectory("sub\0").status());
        assertEquals("/", vfs.cwd());

        assertTrue(vfs.changeDirectory("sub").isExistingDirectory());
        assertEquals("/sub", vfs.cwd());
        assertTrue(vfs.changeDirectory("deeper").isExistingDirectory());
        assertEquals("/sub/deeper", vfs.cwd());
        assertTrue(vfs.changeDirectory("../../../..").isExistingDirectory());
        assertEquals("/", vfs.cwd());
    }

    @Test
    void percentEncodedDotsAreALiteralName() throws IOException {
        Resolved resolved = vfs.resolve("%2e%2e");
        assertEquals(Resolved.Status.MISSING, resolved.status());
        assertEquals("/%2e%2e", resolved.virtualPath());
        assertEquals(root.resolve("%2e%2e"), resolved.path());
        assertEquals(Resolved.Status.NO_PARENT, vfs.resolve("%2e%2e/%2e%2e/secret/secret.txt").status());

        Files.createDirectory(root.resolve("%2e%2e"));
        assertTrue(vfs.changeDirectory("%2e%2e").isExistingDirectory());
        assertEquals("/%2e%2e", vfs.cwd());
    }

    private void assertDenied(String argument) {
        Resolved resolved = vfs.resolve(argument);
        assertEquals(Resolved.Status.DENIED, resolved.status(), argument);
        assertNull(resolved.path(), argument);
    }
}
