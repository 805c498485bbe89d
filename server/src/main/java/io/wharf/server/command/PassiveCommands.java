package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import io.wharf.server.data.PassivePortPool;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Locale;

/** Passive data connection setup: PASV (RFC 959) and EPSV (RFC 2428). */
public final class PassiveCommands {

    private static final System.Logger LOG = System.getLogger(PassiveCommands.class.getName());

    private PassiveCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        EnumSet<Phase> loggedIn = EnumSet.of(Phase.LOGGED_IN);
        table.add("PASV", loggedIn, PassiveCommands::pasv);
        table.add("EPSV", loggedIn, PassiveCommands::epsv);
    }

    static void pasv(ControlSession session, Command command) {
        if (session.isEpsvAll()) {
            session.reply(501, "PASV not allowed after EPSV ALL");
            return;
        }
        InetAddress advertised = session.listener().passiveAddressFor(session.remoteAddress().getAddress(),
                session.localAddress().getAddress());
        if (!(advertised instanceof Inet4Address)) {
            // A 227 reply can only carry IPv4 (RFC 959); RFC 2428 clients use EPSV instead.
            session.reply(522, "PASV needs IPv4; use EPSV");
            return;
        }
        int port = open(session);
        if (port > 0) {
            byte[] a = advertised.getAddress();
            session.reply(227, "Entering Passive Mode (" + (a[0] & 0xFF) + "," + (a[1] & 0xFF) + ","
                    + (a[2] & 0xFF) + "," + (a[3] & 0xFF) + "," + (port >> 8) + "," + (port & 0xFF) + ")");
        }
    }

    static void epsv(ControlSession session, Command command) {
        String argument = command.argument().trim().toUpperCase(Locale.ROOT);
        if (argument.equals("ALL")) {
            session.epsvAll();
            session.reply(200, "EPSV ALL ok");
            return;
        }
        String family = session.localAddress().getAddress() instanceof Inet6Address ? "2" : "1";
        if (!argument.isEmpty() && !argument.equals(family)) {
            session.reply(522, "Network protocol not supported, use (" + family + ")");
            return;
        }
        int port = open(session);
        if (port > 0) {
            session.reply(229, "Entering Extended Passive Mode (|||" + port + "|)");
        }
    }

    /** Opens a listener on the control connection's own interface; replies 425 itself on failure. */
    private static int open(ControlSession session) {
        try {
            PassivePortPool pool = session.listener().pool();
            int port = session.data().openPassive(pool, session.localAddress().getAddress());
            if (port == 0) {
                session.reply(425, "Can't open data connection: no passive port free, try again later");
                if (pool.shouldWarnExhausted()) {
                    LOG.log(System.Logger.Level.WARNING, "{0} 425: every passive port of listener {1} is waiting "
                            + "for a data connection or held by another process ({2} ports, {3} refusals so far); "
                            + "widen passive.ports", session.logContext(), session.listener().name(),
                            pool.capacity(), pool.exhaustedCount());
                }
            }
            return port;
        } catch (IOException e) {
            session.reply(425, "Can't open data connection: " + e.getMessage());
            return 0;
        }
    }
}
