package io.wharf.server.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing and digest helpers behind MFMT and HASH, without sockets. */
class MetadataCommandsTest {

    @Test
    void timeValWithoutAndWithFraction() {
        assertEquals(time("2020-01-02T03:04:05Z"), MetadataCommands.parseTimeVal("20200102030405"));
        assertEquals(time("2020-01-02T03:04:05.500Z"), MetadataCommands.parseTimeVal("20200102030405.5"));
        assertEquals(time("2020-01-02T03:04:05.050Z"), MetadataCommands.parseTimeVal("20200102030405.05"));
        assertEquals(time("2020-01-02T03:04:05.123Z"), MetadataCommands.parseTimeVal("20200102030405.123456789"));
        assertEquals(time("1970-01-01T00:00:00Z"), MetadataCommands.parseTimeVal("19700101000000"));
        assertEquals(time("2024-02-29T23:59:59Z"), MetadataCommands.parseTimeVal("20240229235959"));
        assertEquals(time("9999-12-31T23:59:59Z"), MetadataCommands.parseTimeVal("99991231235959"));
    }

    @Test
    void malformedTimeValsAreNull() {
        for (String bad : List.of("", "2020", "202001020304056", "2020010203040", "2020010203040x", "20200102030405.",
                "20200102030405.x", "20200102030405.1.2", "-2020010203040", "+2020010203040", "20201301000000",
                "20200230000000", "20230229000000", "20200101240000", "20200101006000", "20200101000060",
                "19691231235959", "00000101000000", "20200102 030405", "２０２００１０２０３０４０５")) {
            assertNull(MetadataCommands.parseTimeVal(bad), bad);
        }
    }

    @Test
    void hashAlgorithmsByIanaName() {
        assertSame(HashCommands.Algorithm.SHA_256, HashCommands.Algorithm.named("sha-256"));
        assertSame(HashCommands.Algorithm.SHA_1, HashCommands.Algorithm.named("SHA-1"));
        assertSame(HashCommands.Algorithm.MD5, HashCommands.Algorithm.named("md5"));
        assertSame(HashCommands.Algorithm.CRC32, HashCommands.Algorithm.named("Crc32"));
        assertNull(HashCommands.Algorithm.named("SHA256"));
        assertNull(HashCommands.Algorithm.named("SHA-512"));
        assertNull(HashCommands.Algorithm.named(""));
        assertNull(HashCommands.Algorithm.named(null));
    }

    @Test
    void digestsOfKnownInputs(@TempDir Path dir) throws Exception {
        Path abc = Files.write(dir.resolve("abc"), "abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(new HashCommands.Digest("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", 3),
                HashCommands.Algorithm.SHA_256.digest(abc));
        assertEquals(new HashCommands.Digest("a9993e364706816aba3e25717850c26c9cd0d89d", 3),
                HashCommands.Algorithm.SHA_1.digest(abc));
        assertEquals(new HashCommands.Digest("900150983cd24fb0d6963f7d28e17f72", 3),
                HashCommands.Algorithm.MD5.digest(abc));
        assertEquals(new HashCommands.Digest("352441c2", 3), HashCommands.Algorithm.CRC32.digest(abc));
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        assertEquals(new HashCommands.Digest("00000000", 0), HashCommands.Algorithm.CRC32.digest(empty));
    }

    private static FileTime time(String instant) {
        return FileTime.from(Instant.parse(instant));
    }
}
