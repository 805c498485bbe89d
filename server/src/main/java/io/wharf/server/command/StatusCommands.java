package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import io.wharf.server.data.Transfer;
import io.wharf.server.data.TransferType;
import io.wharf.server.vfs.DirectoryListing;
import io.wharf.server.vfs.ListingFormatter;
import io.wharf.server.vfs.Resolved;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * STAT (RFC 959 4.1.3), which answers three questions depending on when and how it is asked:
 * <ul>
 *   <li>during a transfer: how far it has got (STAT is one of the few verbs that run then, beside ABOR and QUIT);</li>
 *   <li>with a path: its {@code ls -l} listing, over the control connection instead of a data connection;</li>
 *   <li>otherwise: the session's status.</li>
 * </ul>
 */
public final class StatusCommands {

    /**
     * A listing on the control connection lands in the session's bounded reply buffer (64 KiB), whose overflow
     * disconnects the client; these caps keep a STAT of a huge directory well inside it. LIST has no such limit.
     */
    static final int MAX_ENTRIES = 500;
    static final int MAX_LISTING_BYTES = 32 * 1024;

    private StatusCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        table.add("STAT", EnumSet.of(Phase.LOGGED_IN, Phase.DURING_TRANSFER), StatusCommands::stat);
    }

    static void stat(ControlSession session, Command command) {
        if (session.data().isBusy()) {
            transferStatus(session);
        } else if (command.argument().isBlank()) {
            sessionStatus(session);
        } else {
            listing(session, TransferCommands.withoutOptions(command.argument()));
        }
    }

    private static void transferStatus(ControlSession session) {
        Transfer running = session.data().running();
        if (running == null) {
            session.reply(213, "Waiting for the data connection");
        } else {
            session.reply(213, "Transferring " + running.label() + ": " + running.bytes() + " bytes so far");
        }
    }

    private static void sessionStatus(ControlSession session) {
        List<String> lines = new ArrayList<>();
        lines.add("Connected to " + address(session.localAddress()) + " from " + address(session.remoteAddress()));
        lines.add("Logged in as " + session.userName() + ", working directory " + session.vfs().cwd());
        lines.add(session.type() == TransferType.IMAGE ? "TYPE: BINARY (I)" : "TYPE: ASCII (A)");
        lines.add("MODE: STREAM, STRU: FILE");
        lines.add(session.data().isReady() ? "Data connection: ready" : "Data connection: none");
        if (session.isEpsvAll()) {
            lines.add("EPSV ALL in effect");
        }
        session.replies().multiline(211, "Wharf FTP server status:", lines, "End of status");
    }

    /** Reads the listing on a file worker: a directory read is a stat call per entry. */
    private static void listing(ControlSession session, String path) {
        Resolved target = session.vfs().resolve(path);
        if (target.status() != Resolved.Status.EXISTS) {
            session.reply(550, FileCommands.why(target, path.isEmpty() ? target.virtualPath() : path));
            return;
        }
        Path real = target.path();
        Path root = session.vfs().root();
        boolean directory = target.isExistingDirectory();
        long nowSeconds = System.currentTimeMillis() / 1000;
        String shown = target.virtualPath();
        boolean queued = session.offLoop(() -> longLines(real, root, directory, nowSeconds), (lines, failure) -> {
            if (failure != null) {
                session.reply(550, shown + ": Cannot read directory");
            } else {
                session.replies().multiline(213, "Status of " + shown + ":", lines, "End of status");
            }
        });
        if (!queued) {
            session.reply(450, "Busy, try again");
        }
    }

    /** Worker thread. The {@code ls -l} lines of {@code real}, without line ends, capped as the constants say. */
    static List<String> longLines(Path real, Path root, boolean directory, long nowSeconds) throws IOException {
        ListingFormatter formatter = new ListingFormatter(nowSeconds);
        ByteBuffer line = ByteBuffer.allocate(ListingFormatter.MAX_LINE_BYTES);
        List<String> lines = new ArrayList<>();
        int bytes = 0;
        try (DirectoryListing listing = directory ? DirectoryListing.of(real, root)
                : DirectoryListing.ofFile(real, root)) {
            while (listing.next()) {
                if (lines.size() >= MAX_ENTRIES || bytes >= MAX_LISTING_BYTES) {
                    lines.add("... truncated after " + lines.size() + " entries; use LIST for the full listing");
                    break;
                }
                line.clear();
                formatter.appendLong(listing.name(), listing.attributes(), line);
                bytes += line.position() + 1;            // the reply buffer indents each line by one space
                lines.add(new String(line.array(), 0, line.position() - 2, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    /** {@code host:port} from the address itself: no reverse DNS lookup on the loop. */
    private static String address(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
