package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Informational and housekeeping verbs: SYST, FEAT, NOOP, OPTS, HOST, ALLO. */
public final class InfoCommands {

    /**
     * FEAT lines (RFC 2389): exactly the extensions implemented, in alphabetical order; a TLS listener adds its own
     * ({@link SecurityCommands#features}). {@code HASH} stands for the
     * session's own line, which lists the algorithms and marks the one OPTS HASH selected.
     */
    static final List<String> FEATURES = List.of(
            "EPRT",
            "EPSV",
            "HASH",
            "HOST",
            "MDTM",
            "MFMT",
            "MLSD",
            "MLST " + MetadataCommands.FACTS.replace(";", "*;"),
            "PASV",
            "REST STREAM",
            "SIZE",
            "TVFS",
            "UTF8");

    /** RFC 959 4.1.3: {@code ALLO <decimal-integer> [R <decimal-integer>]}. */
    private static final Pattern ALLO = Pattern.compile("\\d{1,18}( [Rr] \\d{1,18})?");
    /** RFC 7151 3: a host name, an IPv4 literal, or an IPv6 literal in brackets; no spaces. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

    private InfoCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        EnumSet<Phase> always = EnumSet.of(Phase.BEFORE_LOGIN, Phase.LOGGED_IN);
        table.add("SYST", always, (session, command) -> session.reply(215, "UNIX Type: L8"));
        table.add("NOOP", always, (session, command) -> session.reply(200, "NOOP ok"));
        table.add("FEAT", always, InfoCommands::feat);
        table.add("OPTS", always, InfoCommands::opts);
        table.add("HOST", EnumSet.of(Phase.BEFORE_LOGIN), InfoCommands::host);
        table.add("ALLO", EnumSet.of(Phase.LOGGED_IN), InfoCommands::allo);
    }

    static void feat(ControlSession session, Command command) {
        List<String> lines = new ArrayList<>(FEATURES.size() + 3);
        for (String feature : FEATURES) {
            lines.add(feature.equals("HASH") ? HashCommands.feature(session) : feature);
        }
        Collections.addAll(lines, SecurityCommands.features(session));
        Collections.sort(lines);
        session.replies().multiline(211, "Features:", lines, "End");
    }

    /** RFC 2389 4: {@code OPTS command-name [options]}, for the commands that have options. */
    static void opts(ControlSession session, Command command) {
        String argument = command.argument().trim();
        int space = argument.indexOf(' ');
        String name = (space < 0 ? argument : argument.substring(0, space)).toUpperCase(Locale.ROOT);
        String options = space < 0 ? "" : argument.substring(space + 1).trim();
        switch (name) {
            case "UTF8" -> utf8(session, options);
            case "MLST" -> MetadataCommands.optsMlst(session, options);
            case "HASH" -> HashCommands.opts(session, options);
            default -> session.reply(501, "Option not understood: " + command.argument());
        }
    }

    /** RFC 2640: paths are always UTF-8 here, so {@code UTF8 ON} is a no-op that Windows Explorer insists on. */
    private static void utf8(ControlSession session, String options) {
        String option = options.toUpperCase(Locale.ROOT);
        if (option.equals("ON") || option.isEmpty()) {
            session.reply(200, "Always in UTF8 mode");
        } else if (option.equals("OFF")) {
            session.reply(504, "UTF8 cannot be turned off");
        } else {
            session.reply(501, "Syntax: OPTS UTF8 ON");
        }
    }

    /**
     * RFC 7151 3: HOST names the virtual host before USER; one host is served, so any well-formed name is accepted.
     * After USER it is a bad sequence (503); after login the dispatcher answers 503 because HOST is not allowed then.
     */
    static void host(ControlSession session, Command command) {
        if (session.loginState() != ControlSession.LoginState.AWAITING_USER) {
            session.reply(503, "HOST must come before USER");
        } else if (!HOST.matcher(command.argument()).matches()) {
            session.reply(501, "Syntax: HOST host-name");
        } else {
            session.reply(220, "Host accepted");
        }
    }

    /** RFC 959 4.1.3: files need no space reserved in advance here, so ALLO is superfluous (202). */
    static void allo(ControlSession session, Command command) {
        if (ALLO.matcher(command.argument().trim()).matches()) {
            session.reply(202, "ALLO not needed");
        } else {
            session.reply(501, "Syntax: ALLO size [R record-size]");
        }
    }
}
