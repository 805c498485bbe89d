package io.wharf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG";

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryFieldAndTheOrder() throws Exception {
        Path file = dir.resolve("users.yaml");
        List<UserEntry> users = List.of(
                new UserEntry("zoe", HASH, "."),
                new UserEntry("demo", "plain: #not-a-comment", ""),
                new UserEntry("007", "null", "true"),
                new UserEntry("a.b_c@d-e", "  spaced  ", "homes/caf\u00e9 \"quoted\"/x"),
                new UserEntry("null", "~", "0777"),
                new UserEntry("partner", HASH, "in", TlsRequirement.BOTH, "sha256:" + "AB:".repeat(31) + "AB"),
                new UserEntry("bank", HASH, "in", TlsRequirement.DATA, "subject:CN=bank.example,O=Bank"));

        UsersFile.write(file, users);

        assertEquals(users, UsersFile.load(file));
        assertTrue(Files.readString(file).startsWith(UsersFile.HEADER + "\nusers:\n"));
    }

    @Test
    void writesTheDocumentedShape() throws Exception {
        Path file = dir.resolve("users.yaml");

        UsersFile.write(file, List.of(new UserEntry("demo", HASH, ".")));

        assertEquals("""
                # Wharf users. Passwords are Argon2id hashes; edit with care.
                users:
                  demo:
                    password: %s
                    home: .
                """.formatted(HASH), Files.readString(file));
    }

    @Test
    void emptyListRoundTrips() throws Exception {
        Path file = dir.resolve("users.yaml");

        UsersFile.write(file, List.of());

        assertEquals(List.of(), UsersFile.load(file));
    }

    @Test
    void writeReplacesAtomicallyWithOwnerOnlyMode() throws Exception {
        Path file = dir.resolve("sub/users.yaml");
        UsersFile.write(file, List.of(new UserEntry("a", HASH, ".")));

        UsersFile.write(file, List.of(new UserEntry("b", HASH, "b")));

        assertEquals(List.of(new UserEntry("b", HASH, "b")), UsersFile.load(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void writeRejectsDuplicateNames() {
        Path file = dir.resolve("users.yaml");
        List<UserEntry> users = List.of(new UserEntry("a", HASH, "."), new UserEntry("a", HASH, "x"));

        assertThrows(IllegalArgumentException.class, () -> UsersFile.write(file, users));
        assertFalse(Files.exists(file));
    }

    @Test
    void homeDefaultsToRootAndEmptyFileHasNoUsers() throws Exception {
        assertEquals(List.of(new UserEntry("demo", HASH, ".")),
                UsersFile.load(write("users:\n  demo:\n    password: '" + HASH + "'\n")));
        assertEquals(List.of(), UsersFile.load(write("")));
        assertEquals(List.of(), UsersFile.load(write("users:\n")));
    }

    @Test
    void badUserName() throws IOException {
        Path file = write("users:\n  demo:\n    password: x\n  bad name:\n    password: y\n");

        ConfigException e = assertLoadError(file,
                ":4: users: \"bad name\" is not a valid user name (use 1 to 64 of A-Z a-z 0-9 . _ @ -)");
        assertEquals(4, e.line());
        assertEquals("users", e.key());
        assertLoadError(write("users:\n  " + "a".repeat(65) + ":\n    password: x\n"),
                ":2: users: \"" + "a".repeat(60)
                        + "...\" is not a valid user name (use 1 to 64 of A-Z a-z 0-9 . _ @ -)");
    }

    @Test
    void missingPassword() throws IOException {
        assertLoadError(write("users:\n  demo:\n    home: demo\n"),
                ":2: users.demo: missing required key \"password\"");
        assertLoadError(write("users:\n  demo:\n"), ":2: users.demo: missing required key \"password\"");
        assertLoadError(write("users:\n  demo:\n    password: ''\n"), ":3: users.demo.password: must not be empty");
    }

    @Test
    void otherErrors() throws IOException {
        assertLoadError(write("users:\n  demo:\n    password: x\n    shell: /bin/sh\n"),
                ":4: users.demo.shell: unknown key (expected one of: password, home, tls, client-certificate)");
        assertLoadError(write("user:\n  demo: {}\n"), ":1: user: unknown key (expected one of: users)");
        assertLoadError(write("users:\n  - demo\n"), ":2: users: expected a mapping");
        assertLoadError(write("users:\n  demo: x\n"), ":2: users.demo: expected a mapping");
        assertLoadError(write("users:\n  demo:\n    password: x\n  demo:\n    password: y\n"),
                ":4: users.demo: duplicate key");
        assertLoadError(write("users:\n  demo:\n    password: x\n    home: ../etc\n"),
                ":4: users.demo.home: \"../etc\" is not inside the root directory (use a relative path without ..)");
        assertLoadError(write("users:\n  demo:\n    password: x\n    home: /srv\n"),
                ":4: users.demo.home: \"/srv\" is not inside the root directory (use a relative path without ..)");
        assertLoadError(write("users: {demo: {password: x}\n"),
                ":2: invalid YAML: expected ',' or '}', but got <stream end>");
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.yaml");

        ConfigException e = assertThrows(ConfigException.class, () -> UsersFile.load(missing));

        assertEquals(missing + ": file not found", e.getMessage());
    }

    @Test
    void userEntryValidatesItself() {
        assertThrows(IllegalArgumentException.class, () -> new UserEntry("", HASH, "."));
        assertThrows(IllegalArgumentException.class, () -> new UserEntry("demo", "", "."));
        assertThrows(IllegalArgumentException.class, () -> new UserEntry("demo", HASH, "a/../../b"));
        assertThrows(IllegalArgumentException.class, () -> new UserEntry("demo", HASH, "a\\..\\b"));
        assertThrows(IllegalArgumentException.class, () -> new UserEntry("demo", HASH, "C:\\data"));
        assertTrue(UserEntry.isValidHome("a/..b/c.."));
    }

    @Test
    void tlsRulesAreCheckedWithTheirLine() throws Exception {
        Path file = write("users:\n  partner:\n    password: '" + HASH + "'\n    tls: always\n");
        assertLoadError(file, ":4: users.partner.tls: \"always\" is not one of none, control, data, both");
        Path certificate = write("users:\n  partner:\n    password: '" + HASH + "'\n"
                + "    client-certificate: sha256:1234\n");
        assertLoadError(certificate, ":4: users.partner.client-certificate: \"sha256:1234\" is not "
                + "sha256:<64 hex digits> or subject:<distinguished name>");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("users.yaml"), yaml);
    }

    private static ConfigException assertLoadError(Path file, String expectedAfterFileName) {
        ConfigException e = assertThrows(ConfigException.class, () -> UsersFile.load(file));
        assertEquals(file + expectedAfterFileName, e.getMessage());
        assertEquals(file.toString(), e.file());
        return e;
    }
}
