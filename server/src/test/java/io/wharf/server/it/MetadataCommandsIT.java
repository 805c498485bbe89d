package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MDTM, MFMT and MLST (RFC 3659, draft-somers-ftp-mfxx) with exact replies, times in UTC. */
@Timeout(60)
class MetadataCommandsIT {

    private static final Instant WHEN = Instant.parse("2021-03-04T05:06:07Z");
    private static final String MLST_FILE =
            "250-Listing /docs/a\\.txt\n type=file;size=5;modify=20210304050607;perm=[a-z]+;unique=[0-9a-f]+; "
                    + "/docs/a\\.txt\n250 End";

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4);

    @Test
    void mdtmAnswersTheUtcModificationTime() throws Exception {
        Path file = fileWithTime("docs/a.txt", WHEN);
        Files.createDirectories(wharf.home().resolve("docs/sub"));
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            assertEquals("213 20210304050607", ftp.expect("MDTM docs/a.txt", 213));
            ftp.expect("CWD docs", 250);
            assertEquals("213 20210304050607", ftp.expect("MDTM a.txt", 213));
            assertEquals("213 20210304050607", ftp.expect("MDTM /docs/a.txt", 213));
            ftp.expect("MDTM sub", 550);                   // directories have no MDTM here
            ftp.expect("MDTM missing.txt", 550);
            ftp.expect("MDTM", 501);
            ftp.expect("MDTM ../../../etc/passwd", 550);  // clamped at the home: /etc/passwd does not exist there
        }
        assertTrue(Files.exists(file));
        wharf.assertNoLeaks();
    }

    @Test
    void mfmtSetsTheModificationTime() throws Exception {
        Path file = fileWithTime("docs/a.txt", WHEN);
        Path dir = Files.createDirectories(wharf.home().resolve("docs/sub"));
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            assertEquals("213 Modify=20200102030405; docs/a.txt", ftp.expect("MFMT 20200102030405 docs/a.txt", 213));
            assertEquals(Instant.parse("2020-01-02T03:04:05Z"), Files.getLastModifiedTime(file).toInstant());
            assertEquals("213 20200102030405", ftp.expect("MDTM docs/a.txt", 213));

            ftp.expect("MFMT 20200102030405.250 docs/a.txt", 213);
            assertEquals(Instant.parse("2020-01-02T03:04:05.250Z"), Files.getLastModifiedTime(file).toInstant());

            assertEquals("213 Modify=19991231235959; docs/sub", ftp.expect("MFMT 19991231235959 docs/sub", 213));
            assertEquals(Instant.parse("1999-12-31T23:59:59Z"), Files.getLastModifiedTime(dir).toInstant());

            ftp.expect("MFMT 20200102030405 missing.txt", 550);
            ftp.expect("MFMT 20200102030405", 501);         // no path
            ftp.expect("MFMT", 501);
            ftp.expect("MFMT 2020 docs/a.txt", 501);        // too short
            ftp.expect("MFMT 20201302030405 docs/a.txt", 501);  // month 13
            ftp.expect("MFMT 20200230000000 docs/a.txt", 501);  // 30 February
            ftp.expect("MFMT 2020010203040x docs/a.txt", 501);
            ftp.expect("MFMT 20200102030405. docs/a.txt", 501);
            ftp.expect("MFMT 19600101000000 docs/a.txt", 501);  // before 1970
        }
        assertEquals(Instant.parse("2020-01-02T03:04:05.250Z"), Files.getLastModifiedTime(file).toInstant());
        wharf.assertNoLeaks();
    }

    @Test
    void mlstDescribesOneObjectOnTheControlConnection() throws Exception {
        fileWithTime("docs/a.txt", WHEN);
        Path dir = wharf.home().resolve("docs");
        Files.setLastModifiedTime(dir, FileTime.from(Instant.parse("2022-02-02T02:02:02Z")));
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            String file = ftp.expect("MLST docs/a.txt", 250);
            assertTrue(file.matches(MLST_FILE), file);
            String directory = ftp.expect("MLST docs", 250);
            assertTrue(directory.matches("250-Listing /docs\n type=dir;modify=20220202020202;perm=[a-z]+;"
                    + "unique=[0-9a-f]+; /docs\n250 End"), directory);
            ftp.expect("CWD docs", 250);
            String cwd = ftp.expect("MLST", 250);           // no argument: the working directory
            assertTrue(cwd.startsWith("250-Listing /docs\n type=dir;"), cwd);
            assertTrue(ftp.expect("MLST a.txt", 250).matches(MLST_FILE));
            assertTrue(ftp.expect("MLST /", 250).contains(" type=dir;"));
            ftp.expect("MLST missing.txt", 550);
            ftp.expect("MLST ../../outside", 550);
            assertEquals("200 MLST OPTS type;size;modify;perm;unique;", ftp.expect("OPTS MLST type;size;", 200));
            assertEquals("200 MLST OPTS type;size;modify;perm;unique;", ftp.expect("OPTS MLST", 200));
            ftp.expect("OPTS MLST type; size;", 501);
        }
        wharf.assertNoLeaks();
    }

    @Test
    void featAdvertisesTheMetadataCommands() throws Exception {
        try (RawFtp ftp = new RawFtp(wharf.port())) {
            String feat = ftp.expect("FEAT", 211);
            assertTrue(feat.contains("\n MDTM\n"), feat);
            assertTrue(feat.contains("\n MFMT\n"), feat);
            assertTrue(feat.contains("\n MLST type*;size*;modify*;perm*;unique*;\n"), feat);
        }
        wharf.assertNoLeaks();
    }

    @Test
    void commonsNetReadsAndSetsMetadata() throws Exception {
        fileWithTime("docs/a.txt", WHEN);
        Files.createDirectories(wharf.home().resolve("docs/sub"));
        FTPClient ftp = wharf.loggedInClient();
        try {
            assertEquals("20210304050607", ftp.getModificationTime("docs/a.txt"));
            assertEquals(WHEN, ftp.mdtmInstant("docs/a.txt"));

            FTPFile file = ftp.mlistFile("docs/a.txt");
            assertNotNull(file, ftp.getReplyString());
            assertTrue(file.isFile());
            assertEquals(5, file.getSize());
            assertEquals(WHEN, file.getTimestamp().toInstant());
            assertEquals(TimeZone.getTimeZone("GMT").getRawOffset(), file.getTimestamp().get(Calendar.ZONE_OFFSET));

            FTPFile[] entries = ftp.mlistDir("docs");
            Set<String> names = Arrays.stream(entries).map(FTPFile::getName).collect(Collectors.toSet());
            assertEquals(Set.of("a.txt", "sub"), names);
            FTPFile sub = Arrays.stream(entries).filter(e -> e.getName().equals("sub")).findFirst().orElseThrow();
            assertTrue(sub.isDirectory());

            assertTrue(ftp.setModificationTime("docs/a.txt", "20240102030405"), ftp.getReplyString());
            assertEquals("20240102030405", ftp.getModificationTime("docs/a.txt"));
            assertFalse(ftp.setModificationTime("docs/missing.txt", "20240102030405"));
            assertTrue(ftp.hasFeature("MLST"));
            assertTrue(ftp.hasFeature("MDTM"));
            assertTrue(ftp.hasFeature("MFMT"));
        } finally {
            ftp.logout();
            ftp.disconnect();
        }
        wharf.assertNoLeaks();
    }

    private Path fileWithTime(String name, Instant time) throws Exception {
        Path file = wharf.home().resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "hello");
        Files.setLastModifiedTime(file, FileTime.from(time));
        return file;
    }
}
