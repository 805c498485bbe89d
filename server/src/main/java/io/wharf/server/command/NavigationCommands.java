package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import io.wharf.server.vfs.Resolved;
import java.util.EnumSet;

/** Moving around the user's tree: PWD, CWD, CDUP and their X-aliases (RFC 775). */
public final class NavigationCommands {

    private NavigationCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        EnumSet<Phase> loggedIn = EnumSet.of(Phase.LOGGED_IN);
        for (String verb : new String[] {"PWD", "XPWD"}) {
            table.add(verb, loggedIn, NavigationCommands::pwd);
        }
        for (String verb : new String[] {"CWD", "XCWD"}) {
            table.add(verb, loggedIn, NavigationCommands::cwd);
        }
        for (String verb : new String[] {"CDUP", "XCUP"}) {
            table.add(verb, loggedIn, (session, command) -> changeTo(session, ".."));
        }
    }

    static void pwd(ControlSession session, Command command) {
        session.reply(257, quote(session.vfs().cwd()) + " is the current directory");
    }

    static void cwd(ControlSession session, Command command) {
        if (!command.hasArgument()) {
            session.reply(501, "Syntax: CWD directory");
            return;
        }
        changeTo(session, command.argument());
    }

    private static void changeTo(ControlSession session, String argument) {
        Resolved target = session.vfs().changeDirectory(argument);
        if (target.isExistingDirectory()) {
            session.reply(250, "Directory changed to " + target.virtualPath());
        } else if (target.status() == Resolved.Status.EXISTS) {
            session.reply(550, argument + ": Not a directory");
        } else {
            session.reply(550, FileCommands.why(target, argument));
        }
    }

    /** RFC 959 Appendix II: a path in a 257 reply is quoted, with embedded quotes doubled. */
    static String quote(String path) {
        return "\"" + path.replace("\"", "\"\"") + "\"";
    }
}
