package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** Informational and housekeeping verbs: SYST, FEAT, NOOP, OPTS. */
public final class InfoCommands {

    /** FEAT lines (RFC 2389): exactly the extensions implemented. */
    static final List<String> FEATURES = List.of("EPSV", "MLSD", "PASV", "REST STREAM", "SIZE", "TVFS", "UTF8");

    private InfoCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        EnumSet<Phase> always = EnumSet.of(Phase.BEFORE_LOGIN, Phase.LOGGED_IN);
        table.add("SYST", always, (session, command) -> session.reply(215, "UNIX Type: L8"));
        table.add("NOOP", always, (session, command) -> session.reply(200, "NOOP ok"));
        table.add("FEAT", always, InfoCommands::feat);
        table.add("OPTS", always, InfoCommands::opts);
    }

    static void feat(ControlSession session, Command command) {
        session.replies().multiline(211, "Features:", FEATURES, "End");
    }

    /** RFC 2640: paths are always UTF-8 here, so {@code UTF8 ON} is a no-op that Windows Explorer insists on. */
    static void opts(ControlSession session, Command command) {
        String option = command.argument().trim().toUpperCase(Locale.ROOT);
        if (option.equals("UTF8 ON") || option.equals("UTF8")) {
            session.reply(200, "Always in UTF8 mode");
        } else if (option.equals("UTF8 OFF")) {
            session.reply(504, "UTF8 cannot be turned off");
        } else {
            session.reply(501, "Option not understood: " + command.argument());
        }
    }
}
