package io.wharf.server.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListingFormatterTest {

    private static final Instant NOW = Instant.parse("2024-06-15T12:00:00Z");

    @Test
    void fileLine() {
        FakeAttributes file = new FakeAttributes(false, 1234, Instant.parse("2024-03-05T07:08:09Z"), "rw-r--r--");
        assertEquals("-rw-r--r-- 1 ftp ftp         1234 Mar  5 07:08 report.txt\r\n", longLine("report.txt", file));
    }

    @Test
    void directoryLine() {
        FakeAttributes dir = new FakeAttributes(true, 4096, Instant.parse("2019-12-31T23:59:59Z"), "rwxr-x---");
        assertEquals("drwxr-x--- 1 ftp ftp         4096 Dec 31  2019 docs\r\n", longLine("docs", dir));
    }

    @Test
    void permissionsAndSizeColumns() {
        FakeAttributes all = new FakeAttributes(false, 0, NOW, "rwxrwxrwx");
        FakeAttributes none = new FakeAttributes(false, 1_000_000_000_000L, NOW, "---------");
        FakeAttributes mixed = new FakeAttributes(false, 7, NOW, "r-x-w---x");
        assertTrue(longLine("a", all).startsWith("-rwxrwxrwx 1 ftp ftp            0 Jun 15 12:00 a"));
        assertTrue(longLine("b", none).startsWith("---------- 1 ftp ftp 1000000000000 Jun 15 12:00 b"));
        assertTrue(longLine("c", mixed).startsWith("-r-x-w---x 1 ftp ftp            7 "));
    }

    @Test
    void recentShowsTimeAndOldShowsYear() {
        Instant recent = NOW.minus(Duration.ofDays(182));
        Instant old = NOW.minus(Duration.ofDays(184));
        assertEquals("-rw------- 1 ftp ftp           10 Dec 16 12:00 r\r\n",
                longLine("r", new FakeAttributes(false, 10, recent, "rw-------")));
        assertEquals("-rw------- 1 ftp ftp           10 Dec 14  2023 o\r\n",
                longLine("o", new FakeAttributes(false, 10, old, "rw-------")));
        // As ls: a timestamp in the future shows its year, not a misleading time of day.
        Instant future = NOW.plus(Duration.ofDays(3));
        assertEquals("-rw------- 1 ftp ftp           10 Jun 18  2024 f\r\n",
                longLine("f", new FakeAttributes(false, 10, future, "rw-------")));
    }

    @Test
    void timesAreUtcWhateverTheDefaultZone() {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));   // UTC+14: a different day
            FakeAttributes file = new FakeAttributes(false, 1, Instant.parse("2024-06-01T00:30:00Z"), "rw-r--r--");
            assertTrue(longLine("f", file).contains(" Jun  1 00:30 f\r\n"), longLine("f", file));
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void newlineInNameCannotForgeALine() {
        FakeAttributes file = new FakeAttributes(false, 1, NOW, "rw-r--r--");
        String line = longLine("evil\r\n-rw-r--r-- 1 ftp ftp 1 Jun 15 12:00 fake", file);
        assertTrue(line.endsWith(" evil??-rw-r--r-- 1 ftp ftp 1 Jun 15 12:00 fake\r\n"), line);
        assertEquals(1, line.split("\r\n", -1).length - 1);
        assertEquals("a?b\r\n", nameLine("a\nb"));
    }

    @Test
    void nonAsciiNameIsUtf8AndStillSanitised() {
        FakeAttributes file = new FakeAttributes(false, 1, NOW, "rw-r--r--");
        ByteBuffer out = ByteBuffer.allocate(ListingFormatter.MAX_LINE_BYTES);
        new ListingFormatter(NOW.getEpochSecond()).appendLong("caf\u00E9\n\u65E5.txt", file, out);
        String line = new String(Arrays.copyOf(out.array(), out.position()), StandardCharsets.UTF_8);
        assertTrue(line.endsWith(" caf\u00E9?\u65E5.txt\r\n"), line);

        ByteBuffer names = ByteBuffer.allocate(64);
        new ListingFormatter(0).appendName("\u00FC", names);
        assertArrayEquals("\u00FC\r\n".getBytes(StandardCharsets.UTF_8),
                Arrays.copyOf(names.array(), names.position()));
    }

    @Test
    void nlstLinesAreBareNames() {
        ByteBuffer out = ByteBuffer.allocate(256);
        ListingFormatter formatter = new ListingFormatter(NOW.getEpochSecond());
        formatter.appendName("a.txt", out);
        formatter.appendName("dir with space", out);
        assertEquals("a.txt\r\ndir with space\r\n", new String(out.array(), 0, out.position(), StandardCharsets.UTF_8));
    }

    @Test
    void formatterIsReusableAcrossLines() {
        ListingFormatter formatter = new ListingFormatter(NOW.getEpochSecond());
        ByteBuffer out = ByteBuffer.allocate(1024);
        formatter.appendLong("long-name-first", new FakeAttributes(true, 123456, NOW, "rwxr-xr-x"), out);
        formatter.appendLong("b", new FakeAttributes(false, 1, NOW, "r--------"), out);
        assertEquals("drwxr-xr-x 1 ftp ftp       123456 Jun 15 12:00 long-name-first\r\n"
                + "-r-------- 1 ftp ftp            1 Jun 15 12:00 b\r\n",
                new String(out.array(), 0, out.position(), StandardCharsets.UTF_8));
    }

    @Test
    void directoryListingHidesUploadsAndEscapingLinks(@TempDir Path tmp) throws IOException {
        Path base = tmp.toRealPath();
        Path root = Files.createDirectories(base.resolve("home"));
        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(root.resolve("a.txt"), "12345");
        Files.createDirectory(root.resolve("sub"));
        Files.writeString(root.resolve(".wharf-upload-42"), "partial");
        Files.writeString(root.resolve(".hidden"), "dotfiles stay visible");
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("outfile"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), root.resolve("nowhere"));
        Files.createSymbolicLink(root.resolve("in"), root.resolve("a.txt"));

        Map<String, PosixFileAttributes> seen = new TreeMap<>();
        try (DirectoryListing listing = DirectoryListing.of(root, root)) {
            while (listing.next()) {
                seen.put(listing.name(), listing.attributes());
            }
            assertFalse(listing.next());
        }
        assertEquals(Set.of(".hidden", "a.txt", "in", "sub"), seen.keySet());
        assertTrue(seen.get("sub").isDirectory());
        PosixFileAttributes link = seen.get("in");
        assertFalse(link.isSymbolicLink());                 // shown as what it points to
        assertEquals(5, link.size());
    }

    @Test
    void singleFileListing(@TempDir Path tmp) throws IOException {
        Path root = tmp.toRealPath();
        Path file = Files.writeString(root.resolve("only.txt"), "abc");
        try (DirectoryListing listing = DirectoryListing.ofFile(file, root)) {
            assertTrue(listing.next());
            assertEquals("only.txt", listing.name());
            assertEquals(3, listing.attributes().size());
            assertFalse(listing.next());
        }
    }

    private static String longLine(String name, PosixFileAttributes attributes) {
        ByteBuffer out = ByteBuffer.allocate(ListingFormatter.MAX_LINE_BYTES);
        new ListingFormatter(NOW.getEpochSecond()).appendLong(name, attributes, out);
        return new String(out.array(), 0, out.position(), StandardCharsets.UTF_8);
    }

    private static String nameLine(String name) {
        ByteBuffer out = ByteBuffer.allocate(ListingFormatter.MAX_LINE_BYTES);
        new ListingFormatter(NOW.getEpochSecond()).appendName(name, out);
        return new String(out.array(), 0, out.position(), StandardCharsets.UTF_8);
    }

    private record FakeAttributes(boolean isDirectory, long size, Instant modified, String mode)
            implements PosixFileAttributes {

        @Override
        public Set<PosixFilePermission> permissions() {
            return PosixFilePermissions.fromString(mode);
        }

        @Override
        public FileTime lastModifiedTime() {
            return FileTime.from(modified);
        }

        @Override
        public FileTime lastAccessTime() {
            return lastModifiedTime();
        }

        @Override
        public FileTime creationTime() {
            return lastModifiedTime();
        }

        @Override
        public boolean isRegularFile() {
            return !isDirectory;
        }

        @Override
        public boolean isSymbolicLink() {
            return false;
        }

        @Override
        public boolean isOther() {
            return false;
        }

        @Override
        public Object fileKey() {
            return null;
        }

        @Override
        public UserPrincipal owner() {
            throw new UnsupportedOperationException("the listing must not show real owners");
        }

        @Override
        public GroupPrincipal group() {
            throw new UnsupportedOperationException("the listing must not show real groups");
        }
    }
}
