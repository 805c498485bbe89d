package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import java.util.EnumSet;

/** Logging in and out: USER, PASS, QUIT. */
public final class AccessCommands {

    private AccessCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        table.add("USER", EnumSet.of(Phase.BEFORE_LOGIN, Phase.LOGGED_IN), AccessCommands::user);
        table.add("PASS", EnumSet.of(Phase.BEFORE_LOGIN, Phase.LOGGED_IN), AccessCommands::pass);
        table.add("QUIT", EnumSet.allOf(Phase.class), (session, command) -> session.quit());
    }

    static void user(ControlSession session, Command command) {
        if (session.loginState() == ControlSession.LoginState.LOGGED_IN) {
            session.reply(530, "Already logged in; reconnect to change user");
        } else if (!command.hasArgument()) {
            session.reply(501, "Syntax: USER name");
        } else if (!session.isTls() && session.listener().tls() != null && session.listener().tls().requiresControl()) {
            // Refused before PASS, so the password never crosses the network in clear text.
            session.reply(530, "TLS required on this server: send AUTH TLS before USER");
        } else {
            session.userGiven(command.argument());
            session.reply(331, "Password required for " + command.argument());
        }
    }

    static void pass(ControlSession session, Command command) {
        switch (session.loginState()) {
            case LOGGED_IN -> session.reply(230, "Already logged in");
            case AWAITING_PASS -> session.passwordGiven(command.argument());
            default -> session.reply(503, "Login with USER first");
        }
    }
}
