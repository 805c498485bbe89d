package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Active data connection setup: PORT (RFC 959) and EPRT (RFC 2428). The server will connect back, so the target is
 * checked first: only the control connection's own client address (unless the listener allows foreign addresses,
 * for FXP), never a privileged port. Without these checks a client can aim the server at a third party (the FTP
 * bounce attack, CERT CA-1997-27).
 */
public final class ActiveCommands {

    private static final Pattern PORT =
            Pattern.compile("(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int LOWEST_PORT = 1024;

    private ActiveCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        EnumSet<Phase> loggedIn = EnumSet.of(Phase.LOGGED_IN);
        table.add("PORT", loggedIn, ActiveCommands::port);
        table.add("EPRT", loggedIn, ActiveCommands::eprt);
    }

    static void port(ControlSession session, Command command) {
        if (!allowed(session, "PORT")) {
            return;
        }
        if (!(session.localAddress().getAddress() instanceof Inet4Address)) {
            session.reply(522, "PORT needs IPv4; use EPRT");
            return;
        }
        Matcher m = PORT.matcher(command.argument().trim());
        int[] n = new int[6];
        boolean valid = m.matches();
        for (int i = 0; valid && i < 6; i++) {
            n[i] = Integer.parseInt(m.group(i + 1));
            valid = n[i] <= 255;
        }
        if (!valid) {
            session.reply(501, "Syntax: PORT h1,h2,h3,h4,p1,p2");
            return;
        }
        byte[] address = {(byte) n[0], (byte) n[1], (byte) n[2], (byte) n[3]};
        try {
            connectTo(session, "PORT", InetAddress.getByAddress(address), n[4] * 256 + n[5]);
        } catch (UnknownHostException e) {
            session.reply(501, "Syntax: PORT h1,h2,h3,h4,p1,p2");  // cannot happen for four bytes
        }
    }

    /** RFC 2428 2: {@code EPRT <d><proto><d><address><d><port><d>}, any printable delimiter. */
    static void eprt(ControlSession session, Command command) {
        if (!allowed(session, "EPRT")) {
            return;
        }
        String argument = command.argument().trim();
        String family = session.localAddress().getAddress() instanceof Inet6Address ? "2" : "1";
        if (argument.length() < 7) {
            session.reply(501, "Syntax: EPRT |proto|address|port|");
            return;
        }
        String delimiter = argument.substring(0, 1);
        String[] parts = argument.split(Pattern.quote(delimiter), -1);
        if (parts.length != 5 || !parts[0].isEmpty() || !parts[4].isEmpty()) {
            session.reply(501, "Syntax: EPRT |proto|address|port|");
            return;
        }
        if (!parts[1].equals("1") && !parts[1].equals("2")) {
            session.reply(522, "Network protocol not supported, use (" + family + ")");
            return;
        }
        InetAddress address = literal(parts[1], parts[2]);
        int port = number(parts[3]);
        if (address == null || port < 1 || port > 65535) {
            session.reply(501, "Syntax: EPRT |proto|address|port| with a literal address");
            return;
        }
        if (!parts[1].equals(family)) {
            session.reply(522, "Network protocol not supported, use (" + family + ")");
            return;
        }
        connectTo(session, "EPRT", address, port);
    }

    private static boolean allowed(ControlSession session, String verb) {
        if (!session.listener().active().enabled()) {
            session.reply(502, verb + " is disabled on this server; use PASV or EPSV");
            return false;
        }
        if (session.isEpsvAll()) {
            session.reply(501, verb + " not allowed after EPSV ALL");
            return false;
        }
        return true;
    }

    private static void connectTo(ControlSession session, String verb, InetAddress address, int port) {
        InetAddress client = session.remoteAddress().getAddress();
        if (!address.equals(client) && !session.listener().active().allowForeignAddresses()) {
            session.reply(500, verb + " to " + address.getHostAddress() + " refused: data connections go only to "
                    + client.getHostAddress() + ", the address this control connection comes from");
            return;
        }
        if (port < LOWEST_PORT) {
            session.reply(504, verb + " to privileged port " + port + " refused");
            return;
        }
        session.data().openActive(new InetSocketAddress(address, port), session.localAddress().getAddress(),
                session.listener().sourcePorts());
        session.reply(200, verb + " command successful");
    }

    /** Parses a literal address of the stated family; never a DNS lookup. */
    private static InetAddress literal(String protocol, String text) {
        boolean literal = protocol.equals("1") ? IPV4.matcher(text).matches() : text.indexOf(':') >= 0;
        if (!literal) {
            return null;
        }
        try {
            InetAddress address = InetAddress.getByName(text);   // a literal: parsed, not resolved
            boolean rightFamily = protocol.equals("1") ? address instanceof Inet4Address
                    : address instanceof Inet6Address || text.contains("::ffff:");
            return rightFamily ? address : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static int number(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(text);
    }
}
