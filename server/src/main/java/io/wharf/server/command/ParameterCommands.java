package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import io.wharf.server.data.TransferType;
import java.util.EnumSet;
import java.util.Locale;

/** Transfer parameters (RFC 959 4.1.2): TYPE, MODE, STRU. Only what modern clients use is accepted. */
public final class ParameterCommands {

    private ParameterCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        EnumSet<Phase> loggedIn = EnumSet.of(Phase.LOGGED_IN);
        table.add("TYPE", loggedIn, ParameterCommands::type);
        table.add("MODE", loggedIn, (session, command) -> single(session, command, "S", "Mode"));
        table.add("STRU", loggedIn, (session, command) -> single(session, command, "F", "Structure"));
    }

    static void type(ControlSession session, Command command) {
        String argument = command.argument().trim().toUpperCase(Locale.ROOT);
        switch (argument) {
            case "A", "A N" -> {
                session.type(TransferType.ASCII);
                session.reply(200, "Type set to A");
            }
            case "I", "L 8" -> {
                session.type(TransferType.IMAGE);
                session.reply(200, "Type set to I");
            }
            case "" -> session.reply(501, "Syntax: TYPE A or TYPE I");
            default -> session.reply(504, "Type " + command.argument() + " not supported; use A or I");
        }
    }

    private static void single(ControlSession session, Command command, String supported, String what) {
        String argument = command.argument().trim().toUpperCase(Locale.ROOT);
        if (argument.equals(supported)) {
            session.reply(200, what + " set to " + supported);
        } else if (argument.length() == 1) {
            session.reply(504, what + " " + argument + " not supported; only " + supported);
        } else {
            session.reply(501, "Syntax: " + command.verbText() + " " + supported);
        }
    }
}
