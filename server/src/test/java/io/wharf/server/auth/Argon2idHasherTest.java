package io.wharf.server.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class Argon2idHasherTest {

    private static final Argon2idHasher.Cost CHEAP = new Argon2idHasher.Cost(64, 1, 1);
    private static final Pattern FORMAT =
            Pattern.compile("^\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$");
    private static final byte[] PASSWORD = utf8("correct horse battery staple");

    private final Argon2idHasher hasher = new Argon2idHasher(CHEAP);

    @Test
    void hashVerifiesWithItsPassword() {
        String hash = hasher.hash(PASSWORD);
        assertTrue(Argon2idHasher.verify(hash, PASSWORD));
    }

    @Test
    void wrongPasswordDoesNotVerify() {
        String hash = hasher.hash(PASSWORD);
        assertFalse(Argon2idHasher.verify(hash, utf8("correct horse battery stapler")));
        assertFalse(Argon2idHasher.verify(hash, new byte[0]));
    }

    @Test
    void hashHasThePhcFormat() {
        String hash = hasher.hash(PASSWORD);
        assertTrue(FORMAT.matcher(hash).matches(), hash);
    }

    @Test
    void saltMakesEveryHashDifferent() {
        String first = hasher.hash(PASSWORD);
        String second = hasher.hash(PASSWORD);
        assertNotEquals(first, second);
        assertNotEquals(first.split("\\$")[4], second.split("\\$")[4]);
        assertTrue(Argon2idHasher.verify(first, PASSWORD));
        assertTrue(Argon2idHasher.verify(second, PASSWORD));
    }

    @Test
    void malformedHashesNeverVerify() {
        String good = hasher.hash(PASSWORD);
        String[] parts = good.split("\\$");           // "", "argon2id", "v=19", "m=64,t=1,p=1", salt, hash
        String salt = parts[4];
        String digest = parts[5];
        List<String> malformed = List.of(
                "",
                "garbage",
                "$argon2id$",
                good.replace("$argon2id$", "$argon2i$"),
                good.replace("$argon2id$", "$argon2d$"),
                good.replace("$v=19$", "$v=16$"),
                good.replace("m=64", "m=999999999"),
                good.replace("m=64", "m=262145"),                          // above the 256 MiB cap
                good + "$",                                                 // trailing separator
                good.replace("m=64", "m=99999999999999999999"),
                good.replace("m=64", "m=abc"),
                good.replace("m=64", "m=-64"),
                good.replace("t=1", "t=0"),
                good.replace("t=1", "t=1000000"),
                good.replace("p=1", "p=0"),
                good.replace(",p=1", ""),
                good.replace("p=1", "x=1"),
                good.replace("m=64,t=1,p=1", "m64,t=1,p=1"),
                "$argon2id$v=19$m=64,t=1,p=1$" + salt,
                "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + digest + "$extra",
                "$argon2id$v=19$m=64,t=1,p=1$!!!notbase64$" + digest,
                "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$***",
                "$argon2id$v=19$m=64,t=1,p=1$c2hvcnQ$" + digest,        // 5-byte salt
                "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$c2hvcnQ",     // 5-byte hash
                "$argon2id$v=19$m=64,t=1,p=1$$" + digest,
                good.substring(0, good.length() - 4));
        for (String hash : malformed) {
            assertFalse(Argon2idHasher.verify(hash, PASSWORD), hash);
        }
        assertFalse(Argon2idHasher.verify(null, PASSWORD));
    }

    @Test
    void verifiesReferenceImplementationVectors() {
        // From phc-winner-argon2 src/test.c (hashtest, Argon2id v=0x13, password "password", salt "somesalt").
        byte[] password = utf8("password");
        List<String> reference = List.of(
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
                "$argon2id$v=19$m=65536,t=1,p=1$c29tZXNhbHQ$9qWtwbpyPd3vm1rB1GThgPzZ3/ydHL92zKL+15XZypg");
        for (String hash : reference) {
            assertTrue(Argon2idHasher.verify(hash, password), hash);
            assertFalse(Argon2idHasher.verify(hash, utf8("passwore")), hash);
        }
        String differentPassword =
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$C4TWUs9rDEvq7w3+J4umqA32aWKB1+DSiRuBfYxFj94";
        assertTrue(Argon2idHasher.verify(differentPassword, utf8("differentpassword")));
        assertFalse(Argon2idHasher.verify(differentPassword, password));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
