package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import io.wharf.server.tls.ListenerTls;
import java.util.EnumSet;
import java.util.Locale;
import java.util.regex.Pattern;

/** FTPS (RFC 4217, on RFC 2228's commands): AUTH, PBSZ, PROT, CCC. */
public final class SecurityCommands {

    /** RFC 2228: a decimal that fits in 32 unsigned bits. */
    private static final Pattern BUFFER_SIZE = Pattern.compile("\\d{1,10}");
    private static final long MAX_BUFFER_SIZE = 0xFFFF_FFFFL;

    private SecurityCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        EnumSet<Phase> always = EnumSet.of(Phase.BEFORE_LOGIN, Phase.LOGGED_IN);
        table.add("AUTH", always, SecurityCommands::auth);
        table.add("PBSZ", always, SecurityCommands::pbsz);
        table.add("PROT", always, SecurityCommands::prot);
        table.add("CCC", EnumSet.of(Phase.LOGGED_IN), SecurityCommands::ccc);
    }

    /** The FEAT lines for a session's listener: none without TLS; no AUTH where TLS is implicit. */
    static String[] features(ControlSession session) {
        ListenerTls tls = session.listener().tls();
        if (tls == null) {
            return new String[0];
        }
        return tls.implicit() ? new String[] {"PBSZ", "PROT"} : new String[] {"AUTH TLS", "PBSZ", "PROT"};
    }

    static void auth(ControlSession session, Command command) {
        ListenerTls tls = session.listener().tls();
        String mechanism = command.argument().trim().toUpperCase(Locale.ROOT);
        if (tls == null) {
            session.reply(502, "AUTH not available: this listener has no TLS configured");
        } else if (session.isTls()) {
            session.reply(503, "TLS is already active on this connection");
        } else if (!mechanism.equals("TLS") && !mechanism.equals("SSL") && !mechanism.equals("TLS-C")) {
            session.reply(504, "AUTH mechanism not supported: " + command.argument() + " (use AUTH TLS)");
        } else if (session.loginState() == ControlSession.LoginState.LOGGED_IN) {
            session.reply(503, "AUTH TLS must come before login; reconnect to use TLS");
        } else {
            session.startTls();
            session.reply(234, "AUTH " + mechanism + " successful, start the TLS handshake");
        }
    }

    static void pbsz(ControlSession session, Command command) {
        String argument = command.argument().trim();
        if (!session.isTls()) {
            session.reply(503, "PBSZ needs TLS first: send AUTH TLS");
        } else if (!BUFFER_SIZE.matcher(argument).matches() || Long.parseLong(argument) > MAX_BUFFER_SIZE) {
            session.reply(501, "Syntax: PBSZ 0");
        } else {
            session.pbszGiven();
            // TLS has its own record framing: the only buffer size that means anything is 0 (RFC 4217 9).
            session.reply(200, "PBSZ=0");
        }
    }

    static void prot(ControlSession session, Command command) {
        String level = command.argument().trim().toUpperCase(Locale.ROOT);
        if (!session.isTls()) {
            session.reply(503, "PROT needs TLS first: send AUTH TLS");
        } else if (!session.isPbszGiven()) {
            session.reply(503, "PROT needs PBSZ first: send PBSZ 0");
        } else if (level.equals("P")) {
            session.protect(true);
            session.reply(200, "Protection level set to Private: data connections use TLS");
        } else if (level.equals("C")) {
            if (session.requiresProtectedData()) {
                session.reply(534, "PROT C refused: this server requires encrypted data connections (PROT P)");
            } else {
                session.protect(false);
                session.reply(200, "Protection level set to Clear: data connections are not encrypted");
            }
        } else if (level.equals("S") || level.equals("E")) {
            session.reply(536, "Protection level " + level + " not supported with TLS; use P or C");
        } else {
            session.reply(504, "Unknown protection level: " + command.argument() + " (use P or C)");
        }
    }

    static void ccc(ControlSession session, Command command) {
        ListenerTls tls = session.listener().tls();
        if (!session.isTls()) {
            session.reply(533, "The control connection is not encrypted");
        } else if (tls == null || !tls.allowCcc()) {
            session.reply(534, "CCC refused: this server keeps the control connection encrypted");
        } else {
            session.clearCommandChannel();
            session.reply(200, "Control connection returns to plain text after TLS close");
        }
    }
}
