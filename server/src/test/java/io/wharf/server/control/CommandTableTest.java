package io.wharf.server.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.server.command.StandardCommands;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CommandTableTest {

    private static final List<String> ALL_VERBS = List.of(
            "USER", "PASS", "QUIT", "SYST", "FEAT", "NOOP", "OPTS", "PWD", "XPWD", "CWD", "XCWD", "CDUP", "XCUP",
            "TYPE", "MODE", "STRU", "PASV", "EPSV", "LIST", "NLST", "RETR", "STOR", "ABOR", "DELE", "MKD", "XMKD",
            "RMD", "XRMD", "SIZE", "MLSD", "APPE", "STOU", "REST", "PORT", "EPRT", "RNFR", "RNTO", "MDTM", "MFMT",
            "MLST", "HASH", "XCRC", "XMD5", "XSHA1", "XSHA256", "HOST", "ALLO", "HELP", "SITE", "STAT",
            "AUTH", "PBSZ", "PROT", "CCC");
    private static final Set<String> BEFORE_LOGIN = Set.of("USER", "PASS", "QUIT", "SYST", "FEAT", "NOOP", "OPTS",
            "HELP", "HOST", "AUTH", "PBSZ", "PROT");
    private static final Set<String> NOT_LOGGED_IN = Set.of("HOST");      // RFC 7151: only before USER
    private static final Set<String> DURING_TRANSFER = Set.of("QUIT", "ABOR", "STAT");
    private static final CommandHandler NOTHING = (session, command) -> { };

    @Test
    void packFoldsCase() {
        long upper = Verb.pack(ascii("USER"), 0, 4);
        assertEquals(upper, Verb.pack(ascii("user"), 0, 4));
        assertEquals(upper, Verb.pack(ascii("uSeR"), 0, 4));
        assertEquals(upper, Verb.pack("User"));
        assertNotEquals(Verb.INVALID, upper);
    }

    @Test
    void packHonoursOffsetAndLength() {
        assertEquals(Verb.pack("STOR"), Verb.pack(ascii("..STOR file"), 2, 4));
    }

    @Test
    void packDistinguishesVerbs() {
        Set<Long> seen = new HashSet<>();
        for (String verb : List.of("A", "AA", "AAA", "Z", "Z9", "0", "9", "XSHA256", "XSHA1", "ABCDEFGHIJ", "ABOR",
                "ABORT")) {
            assertTrue(seen.add(Verb.pack(verb)), verb);
        }
    }

    @Test
    void invalidVerbsPackToInvalid() {
        assertEquals(Verb.INVALID, Verb.pack(new byte[0], 0, 0));
        assertEquals(Verb.INVALID, Verb.pack(ascii("ABCDEFGHIJK"), 0, 11));
        assertNotEquals(Verb.INVALID, Verb.pack(ascii("ABCDEFGHIJ"), 0, 10));
        for (String bad : List.of("US-R", "US R", "NOOP!", "A.B", "_", "\u0000AB")) {
            byte[] bytes = ascii(bad);
            assertEquals(Verb.INVALID, Verb.pack(bytes, 0, bytes.length), bad);
        }
        byte[] nonAscii = "\u00DCSER".getBytes(StandardCharsets.UTF_8);
        assertEquals(Verb.INVALID, Verb.pack(nonAscii, 0, nonAscii.length));
        assertEquals(Verb.INVALID, Verb.pack(new byte[] {'A', (byte) 0xC1}, 0, 2));   // 0xC1 & 0x7F == 'A'
    }

    @Test
    void packOfTextRejectsNonVerbs() {
        assertThrows(IllegalArgumentException.class, () -> Verb.pack(""));
        assertThrows(IllegalArgumentException.class, () -> Verb.pack("ABCDEFGHIJK"));
        assertThrows(IllegalArgumentException.class, () -> Verb.pack("\u00DCSER"));
        assertThrows(IllegalArgumentException.class, () -> Verb.pack("X-Y"));
    }

    @Test
    void parseSplitsVerbAndArgument() {
        Command command = parse("stor my file.txt");
        assertEquals(Verb.pack("STOR"), command.verb());
        assertEquals("STOR", command.verbText());
        assertEquals("my file.txt", command.argument());
        assertTrue(command.isValid());
        assertTrue(command.hasArgument());
    }

    @Test
    void argumentKeepsLeadingInnerAndTrailingSpaces() {
        assertEquals(" lead", parse("CWD  lead").argument());
        assertEquals("a  b ", parse("STOR a  b ").argument());
        assertEquals("   ", parse("MKD    ").argument());
    }

    @Test
    void noArgument() {
        for (String line : List.of("NOOP", "NOOP ")) {
            Command command = parse(line);
            assertEquals(Verb.pack("NOOP"), command.verb());
            assertEquals("", command.argument());
            assertFalse(command.hasArgument(), line);
        }
    }

    @Test
    void parseUsesOnlyTheGivenLength() {
        byte[] line = ascii("PWD junk after the line");
        Command command = Command.parse(line, 3);
        assertEquals(Verb.pack("PWD"), command.verb());
        assertEquals("", command.argument());
    }

    @Test
    void invalidVerbsParseAsInvalid() {
        assertFalse(parse("").isValid());
        assertFalse(parse(" USER a").isValid());
        assertFalse(parse("ABCDEFGHIJK arg").isValid());
        assertFalse(parse("US?R a").isValid());
        Command nonAscii = Command.parse("\u00DCSER a".getBytes(StandardCharsets.UTF_8), 7);
        assertFalse(nonAscii.isValid());
        assertEquals("a", nonAscii.argument());
    }

    @Test
    void verbTextOfAHugeVerbIsCapped() {
        Command command = parse("X".repeat(500) + " y");
        assertFalse(command.isValid());
        assertTrue(command.verbText().length() <= 32);
    }

    @Test
    void utf8ArgumentIsDecoded() {
        byte[] line = "RETR caf\u00E9 \u65E5\u672C.txt".getBytes(StandardCharsets.UTF_8);
        assertEquals("caf\u00E9 \u65E5\u672C.txt", Command.parse(line, line.length).argument());
    }

    @Test
    void invalidUtf8ArgumentFallsBackToIso88591() {
        byte[] line = {'R', 'E', 'T', 'R', ' ', 'c', 'a', 'f', (byte) 0xE9, (byte) 0xFF};
        assertEquals("caf\u00E9\u00FF", Command.parse(line, line.length).argument());
    }

    @Test
    void standardTableHasExactlyTheImplementedVerbs() {
        CommandTable table = StandardCommands.table();
        assertEquals(new TreeSet<>(ALL_VERBS), new TreeSet<>(Arrays.asList(table.verbs())));
        assertEquals(ALL_VERBS.size(), table.verbs().length);
        for (String verb : ALL_VERBS) {
            CommandSpec spec = table.lookup(Verb.pack(verb));
            assertNotNull(spec, verb);
            assertEquals(verb, spec.verb());
            assertNotNull(spec.handler(), verb);
        }
        assertNull(table.lookup(Verb.pack("SMNT")));
        assertNull(table.lookup(Verb.INVALID));
    }

    @Test
    void phasesOfStandardVerbs() {
        CommandTable table = StandardCommands.table();
        for (String verb : ALL_VERBS) {
            CommandSpec spec = table.lookup(Verb.pack(verb));
            assertEquals(BEFORE_LOGIN.contains(verb), spec.isAllowedIn(Phase.BEFORE_LOGIN), verb + " before login");
            assertEquals(DURING_TRANSFER.contains(verb), spec.isAllowedIn(Phase.DURING_TRANSFER),
                    verb + " during transfer");
            assertEquals(!NOT_LOGGED_IN.contains(verb), spec.isAllowedIn(Phase.LOGGED_IN), verb + " logged in");
        }
    }

    @Test
    void lookupIsCaseInsensitiveThroughPacking() {
        CommandTable table = StandardCommands.table();
        Command command = parse("epsv");
        assertSame(table.lookup(Verb.pack("EPSV")), table.lookup(command.verb()));
    }

    @Test
    void registeringAVerbTwiceThrows() {
        CommandTable.Builder builder = CommandTable.builder().add("NOOP", EnumSet.allOf(Phase.class), NOTHING);
        assertThrows(IllegalStateException.class, () -> builder.add("NOOP", EnumSet.of(Phase.LOGGED_IN), NOTHING));
        assertThrows(IllegalStateException.class, () -> builder.add("noop", EnumSet.of(Phase.LOGGED_IN), NOTHING));
    }

    @Test
    void builtTableDoesNotSeeLaterPhaseChanges() {
        EnumSet<Phase> phases = EnumSet.of(Phase.LOGGED_IN);
        CommandTable table = CommandTable.builder().add("PWD", phases, NOTHING).build();
        phases.add(Phase.BEFORE_LOGIN);
        assertFalse(table.lookup(Verb.pack("PWD")).isAllowedIn(Phase.BEFORE_LOGIN));
    }

    private static Command parse(String line) {
        byte[] bytes = ascii(line);
        return Command.parse(bytes, bytes.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
