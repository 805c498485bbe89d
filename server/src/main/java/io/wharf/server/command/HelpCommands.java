package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** HELP (RFC 959 4.1.3) and SITE, whose only subcommand so far is HELP. */
public final class HelpCommands {

    private static final int VERBS_PER_LINE = 8;

    /** Argument syntax per verb, for {@code HELP verb}; a verb missing here is shown bare. */
    private static final Map<String, String> SYNTAX = Map.ofEntries(
            Map.entry("ABOR", ""), Map.entry("ALLO", " size [R record-size]"), Map.entry("APPE", " path"),
            Map.entry("CDUP", ""), Map.entry("CWD", " directory"), Map.entry("DELE", " path"),
            Map.entry("EPRT", " |af|address|port|"), Map.entry("EPSV", " [1|2|ALL]"), Map.entry("FEAT", ""),
            Map.entry("HASH", " path"), Map.entry("HELP", " [command]"), Map.entry("HOST", " host-name"),
            Map.entry("LIST", " [path]"), Map.entry("MDTM", " path"), Map.entry("MFMT", " YYYYMMDDHHMMSS path"),
            Map.entry("MKD", " directory"), Map.entry("MLSD", " [directory]"), Map.entry("MLST", " [path]"),
            Map.entry("MODE", " S"), Map.entry("NLST", " [path]"), Map.entry("NOOP", ""),
            Map.entry("OPTS", " command [options]"), Map.entry("PASS", " password"), Map.entry("PASV", ""),
            Map.entry("PORT", " h1,h2,h3,h4,p1,p2"), Map.entry("PWD", ""), Map.entry("QUIT", ""),
            Map.entry("REST", " byte-offset"), Map.entry("RETR", " path"), Map.entry("RMD", " directory"),
            Map.entry("RNFR", " path"), Map.entry("RNTO", " path"), Map.entry("SITE", " HELP"),
            Map.entry("SIZE", " path"), Map.entry("STAT", " [path]"), Map.entry("STOR", " path"),
            Map.entry("STOU", " [name]"), Map.entry("STRU", " F"), Map.entry("SYST", ""), Map.entry("TYPE", " A|I"),
            Map.entry("USER", " name"), Map.entry("XCRC", " path"), Map.entry("XCUP", ""),
            Map.entry("XCWD", " directory"), Map.entry("XMD5", " path"), Map.entry("XMKD", " directory"),
            Map.entry("XPWD", ""), Map.entry("XRMD", " directory"), Map.entry("XSHA1", " path"),
            Map.entry("XSHA256", " path"));

    /** SITE subcommands. */
    private static final List<String> SITE_COMMANDS = List.of("HELP");

    private HelpCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        table.add("HELP", EnumSet.of(Phase.BEFORE_LOGIN, Phase.LOGGED_IN), HelpCommands::help);
        table.add("SITE", EnumSet.of(Phase.LOGGED_IN), HelpCommands::site);
    }

    /** RFC 959: 214 with every implemented verb, or one verb's syntax; an unknown verb is 502, as it would be. */
    static void help(ControlSession session, Command command) {
        String argument = command.argument().trim();
        int space = argument.indexOf(' ');
        String verb = (space < 0 ? argument : argument.substring(0, space)).toUpperCase(Locale.ROOT);
        List<String> verbs = StandardCommands.verbs();
        if (verb.isEmpty()) {
            session.replies().multiline(214, "The following commands are recognized:", rows(verbs), "Help OK");
        } else if (verbs.contains(verb)) {
            session.reply(214, "Syntax: " + verb + SYNTAX.getOrDefault(verb, ""));
        } else {
            session.reply(502, "Unknown command " + verb);
        }
    }

    /** SITE HELP lists the subcommands; anything else is a parameter this command does not implement (504). */
    static void site(ControlSession session, Command command) {
        String argument = command.argument().trim();
        int space = argument.indexOf(' ');
        String subcommand = (space < 0 ? argument : argument.substring(0, space)).toUpperCase(Locale.ROOT);
        if (subcommand.isEmpty()) {
            session.reply(501, "Syntax: SITE subcommand; SITE HELP lists them");
        } else if (subcommand.equals("HELP")) {
            session.replies().multiline(214, "The following SITE commands are recognized:", rows(SITE_COMMANDS),
                    "Help OK");
        } else {
            session.reply(504, "SITE " + subcommand + " not understood");
        }
    }

    private static List<String> rows(List<String> verbs) {
        List<String> rows = new ArrayList<>();
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < verbs.size(); i++) {
            if (i > 0 && i % VERBS_PER_LINE == 0) {
                rows.add(row.toString());
                row.setLength(0);
            }
            if (row.length() > 0) {
                row.append(' ');
            }
            row.append(verbs.get(i));
        }
        if (row.length() > 0) {
            rows.add(row.toString());
        }
        return rows;
    }
}
