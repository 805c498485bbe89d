package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import io.wharf.server.vfs.ListingFormatter;
import io.wharf.server.vfs.Resolved;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

/**
 * One object's metadata over the control connection: MDTM and MLST (RFC 3659 3 and 7), and MFMT
 * (draft-somers-ftp-mfxx), which sets a modification time. All times are UTC.
 */
public final class MetadataCommands {

    /** The MLST facts Wharf reports, all of them always: RFC 3659 7.9 lets a server keep its selection. */
    static final String FACTS = "type;size;modify;perm;unique;";

    private MetadataCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        EnumSet<Phase> loggedIn = EnumSet.of(Phase.LOGGED_IN);
        table.add("MDTM", loggedIn, MetadataCommands::mdtm);
        table.add("MFMT", loggedIn, MetadataCommands::mfmt);
        table.add("MLST", loggedIn, MetadataCommands::mlst);
    }

    /** RFC 3659 3: a file's modification time as a time-val; a directory has none here (as in vsftpd). */
    static void mdtm(ControlSession session, Command command) {
        Resolved target = FileCommands.existingFile(session, command);
        if (target == null) {
            return;
        }
        try {
            StringBuilder time = new StringBuilder(14);
            ListingFormatter.appendTimestamp(Files.getLastModifiedTime(target.path()).toMillis() / 1000, time);
            session.reply(213, time);
        } catch (IOException e) {
            session.reply(550, command.argument() + ": Cannot read modification time");
        }
    }

    /** draft-somers-ftp-mfxx 3: {@code MFMT time-val path} answers {@code 213 Modify=time-val; path}. */
    static void mfmt(ControlSession session, Command command) {
        String argument = command.argument();
        int space = argument.indexOf(' ');
        if (space < 0 || space == argument.length() - 1) {
            session.reply(501, "Syntax: MFMT YYYYMMDDHHMMSS path");
            return;
        }
        String timeVal = argument.substring(0, space);
        String path = argument.substring(space + 1);
        FileTime time = parseTimeVal(timeVal);
        if (time == null) {
            session.reply(501, "Invalid time " + timeVal + ": expected YYYYMMDDHHMMSS[.sss] in UTC, from 1970");
            return;
        }
        Resolved target = session.vfs().resolve(path);
        if (target.status() != Resolved.Status.EXISTS) {
            session.reply(550, FileCommands.why(target, path));
            return;
        }
        try {
            Files.setLastModifiedTime(target.path(), time);
            session.reply(213, "Modify=" + timeVal + "; " + path);
        } catch (IOException e) {
            session.reply(550, path + ": Cannot set modification time");
        }
    }

    /**
     * RFC 3659 7.2: one entry on the control connection, as {@code 250-}, the facts line (indented by exactly one
     * space, which the reply buffer adds), {@code 250 End}. No argument means the working directory.
     */
    static void mlst(ControlSession session, Command command) {
        String argument = command.argument();
        Resolved target = session.vfs().resolve(argument);
        if (target.status() != Resolved.Status.EXISTS) {
            session.reply(550, FileCommands.why(target, argument.isEmpty() ? target.virtualPath() : argument));
            return;
        }
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(target.path(), PosixFileAttributes.class);
        } catch (IOException | UnsupportedOperationException e) {
            session.reply(550, target.virtualPath() + ": Cannot read attributes");
            return;
        }
        StringBuilder entry = ListingFormatter.facts(attributes, new StringBuilder(128));
        entry.append(' ').append(target.virtualPath());
        session.replies().multiline(250, "Listing " + target.virtualPath(), List.of(entry), "End");
    }

    /** RFC 3659 7.9: {@code OPTS MLST facts}. Every fact stays on, and the reply says so. */
    static void optsMlst(ControlSession session, String facts) {
        for (int i = 0; i < facts.length(); i++) {
            char c = facts.charAt(i);
            if (c == ' ' || c < 0x21 || c > 0x7E) {
                session.reply(501, "Syntax: OPTS MLST fact;fact;...");
                return;
            }
        }
        session.reply(200, "MLST OPTS " + FACTS);
    }

    /**
     * RFC 3659 2.3 time-val, {@code YYYYMMDDHHMMSS[.sss]} in UTC; null unless well formed, a real date, and not
     * before 1970 (earlier times have no portable representation in MDTM's and MLST's answers).
     */
    static FileTime parseTimeVal(String text) {
        int dot = text.indexOf('.');
        String whole = dot < 0 ? text : text.substring(0, dot);
        String fraction = dot < 0 ? "" : text.substring(dot + 1);
        if (whole.length() != 14 || !digits(whole) || (dot >= 0 && (fraction.isEmpty() || !digits(fraction)))) {
            return null;
        }
        try {
            LocalDateTime time = LocalDateTime.of(number(whole, 0, 4), number(whole, 4, 6), number(whole, 6, 8),
                    number(whole, 8, 10), number(whole, 10, 12), number(whole, 12, 14));
            if (time.getYear() < 1970) {
                return null;
            }
            long millis = time.toEpochSecond(ZoneOffset.UTC) * 1000;
            String ms = (fraction + "000").substring(0, 3);
            return FileTime.fromMillis(millis + Integer.parseInt(ms));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        return Integer.parseInt(text, from, to, 10);
    }
}
