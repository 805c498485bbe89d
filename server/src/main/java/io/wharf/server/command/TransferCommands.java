package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import io.wharf.server.data.ListTransfer;
import io.wharf.server.data.RetrTransfer;
import io.wharf.server.data.StorTransfer;
import io.wharf.server.data.TransferType;
import io.wharf.server.data.UploadFiles;
import io.wharf.server.vfs.DirectoryListing;
import io.wharf.server.vfs.ListingFormatter;
import io.wharf.server.vfs.Resolved;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Verbs that use the data connection: LIST, NLST, MLSD, RETR, STOR, APPE, STOU; REST, which sets where the next
 * transfer starts; and ABOR, which stops a transfer.
 */
public final class TransferCommands {

    private TransferCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        EnumSet<Phase> loggedIn = EnumSet.of(Phase.LOGGED_IN);
        table.add("LIST", loggedIn, (session, command) -> list(session, command, ListingFormatter.Style.LONG));
        table.add("NLST", loggedIn, (session, command) -> list(session, command, ListingFormatter.Style.NAMES));
        table.add("MLSD", loggedIn, (session, command) -> list(session, command, ListingFormatter.Style.FACTS));
        table.add("RETR", loggedIn, TransferCommands::retr);
        table.add("STOR", loggedIn, (session, command) -> store(session, command, false));
        table.add("APPE", loggedIn, (session, command) -> store(session, command, true));
        table.add("STOU", loggedIn, TransferCommands::stou);
        table.add("REST", loggedIn, TransferCommands::rest);
        table.add("ABOR", EnumSet.of(Phase.LOGGED_IN, Phase.DURING_TRANSFER), TransferCommands::abor);
    }

    static void list(ControlSession session, Command command, ListingFormatter.Style style) {
        if (!dataReady(session)) {
            return;
        }
        // MLSD takes a plain path (RFC 3659 7.1); LIST and NLST also take ls flags that many clients send.
        String path = style == ListingFormatter.Style.FACTS ? command.argument() : withoutOptions(command.argument());
        Resolved target = session.vfs().resolve(path);
        DirectoryListing listing;
        try {
            if (target.isExistingDirectory()) {
                listing = DirectoryListing.of(target.path(), session.vfs().root());
            } else if (target.isExistingFile() && style != ListingFormatter.Style.FACTS) {
                listing = DirectoryListing.ofFile(target.path(), session.vfs().root());
            } else {
                session.reply(550, target.isExistingFile()
                        ? path + ": Not a directory" : FileCommands.why(target, path));
                return;
            }
        } catch (IOException e) {
            session.reply(550, path + ": Cannot read directory");
            return;
        }
        ListingFormatter formatter = new ListingFormatter(System.currentTimeMillis() / 1000);
        session.startTransfer(new ListTransfer(command.verbText() + " " + target.virtualPath(), listing, formatter,
                style), "Opening ASCII mode data connection for file list");
    }

    static void retr(ControlSession session, Command command) {
        long offset = session.takeRestartOffset();
        if (!requireArgument(session, command) || !dataReady(session)) {
            return;
        }
        Resolved target = FileCommands.existingFile(session, command);
        if (target == null) {
            return;
        }
        FileChannel file;
        long size;
        try {
            file = FileChannel.open(target.path(), StandardOpenOption.READ);
            size = file.size();
        } catch (IOException e) {
            session.reply(550, command.argument() + ": Cannot open file");
            return;
        }
        if (offset > size) {
            closeQuietly(file);
            session.reply(554, "Restart offset " + offset + " is beyond the end of the file (" + size + " bytes)");
            return;
        }
        String label = "RETR " + target.virtualPath();
        session.startTransfer(new RetrTransfer(label, file, offset, size, session.type()),
                "Opening " + mode(session) + " mode data connection for " + target.virtualPath()
                        + " (" + size + " bytes" + (offset > 0 ? ", from offset " + offset : "") + ")");
    }

    /** STOR (from the REST offset, 0 by default) or APPE (after what is stored). */
    static void store(ControlSession session, Command command, boolean append) {
        long offset = append ? -1 : session.takeRestartOffset();
        if (append) {
            session.takeRestartOffset();     // RFC 959: APPE appends; a stray REST does not move it
        }
        if (!requireArgument(session, command) || !dataReady(session)) {
            return;
        }
        Resolved target = session.vfs().resolve(command.argument());
        if (target.isExistingDirectory()) {
            session.reply(550, command.argument() + ": Is a directory");
            return;
        }
        if (!target.isExistingFile() && target.status() != Resolved.Status.MISSING) {
            session.reply(553, FileCommands.why(target, command.argument()));
            return;
        }
        upload(session, command.verbText(), target, offset, "");
    }

    /** STOU (RFC 1123 4.1.2.9): store under a name the server makes unique, and say which. */
    static void stou(ControlSession session, Command command) {
        session.takeRestartOffset();
        if (!dataReady(session)) {
            return;
        }
        String base = command.hasArgument() ? command.argument() : "upload";
        for (int attempt = 0; attempt < 16; attempt++) {
            String name = attempt == 0 && command.hasArgument() ? base
                    : base + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL);
            Resolved target = session.vfs().resolve(name);
            if (target.status() == Resolved.Status.MISSING) {
                upload(session, "STOU", target, 0, "FILE: " + target.virtualPath());
                return;
            }
            if (target.status() != Resolved.Status.EXISTS) {
                session.reply(553, FileCommands.why(target, name));
                return;
            }
        }
        session.reply(553, "Could not find a unique name for " + base);
    }

    private static void upload(ControlSession session, String verb, Resolved target, long offset, String opening) {
        UploadFiles.Working working;
        try {
            working = UploadFiles.open(target.path(), session.id(), offset);
        } catch (UploadFiles.RestartBeyondEnd e) {
            session.reply(554, "Cannot restart: " + e.getMessage());
            return;
        } catch (IOException e) {
            session.reply(553, target.virtualPath() + ": Cannot create file");
            return;
        }
        String label = verb + " " + target.virtualPath();
        String text = opening.isEmpty()
                ? "Opening " + mode(session) + " mode data connection for " + target.virtualPath()
                        + (working.offset() > 0 ? " (continuing at byte " + working.offset() + ")" : "")
                : opening;
        session.startTransfer(new StorTransfer(label, working, target.path(), session.type()), text);
    }

    /** REST (RFC 3659 5): where the next RETR, STOR or APPE starts. Only STREAM-mode byte offsets exist here. */
    static void rest(ControlSession session, Command command) {
        String argument = command.argument().trim();
        long offset;
        try {
            offset = Long.parseLong(argument);
        } catch (NumberFormatException e) {
            offset = -1;
        }
        if (offset < 0 || argument.startsWith("+")) {
            session.reply(501, "Syntax: REST byte-offset (a whole number, 0 or more)");
            return;
        }
        session.restartOffset(offset);
        session.reply(350, "Restarting at " + offset + ". Send STOR or RETR to initiate transfer");
    }

    /** RFC 959 4.1.3: 426 closes the aborted transfer, then 226 acknowledges ABOR; with nothing running, 225. */
    static void abor(ControlSession session, Command command) {
        if (session.data().abort()) {
            session.reply(426, "Transfer aborted");
            session.reply(226, "ABOR successful");
        } else {
            session.reply(225, "No transfer to abort");
        }
    }

    private static boolean dataReady(ControlSession session) {
        if (!session.data().isReady()) {
            session.reply(425, "Use PASV or EPSV first");
            return false;
        }
        if (session.requiresProtectedData() && !session.isDataProtected()) {
            session.reply(521, "Data connections must be encrypted on this server: send PBSZ 0 and PROT P");
            return false;
        }
        return true;
    }

    private static boolean requireArgument(ControlSession session, Command command) {
        if (!command.hasArgument()) {
            session.reply(501, "Syntax: " + command.verbText() + " path");
            return false;
        }
        return true;
    }

    /** LIST takes {@code ls} flags (-a, -l, -la) from many clients; they change nothing here, so drop them. */
    static String withoutOptions(String argument) {
        String rest = argument.trim();
        while (rest.startsWith("-")) {
            int space = rest.indexOf(' ');
            rest = space < 0 ? "" : rest.substring(space + 1).trim();
        }
        return rest;
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // Opened read-only and not yet used: nothing to lose.
        }
    }

    private static String mode(ControlSession session) {
        return session.type() == TransferType.ASCII ? "ASCII" : "BINARY";
    }
}
