package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import io.wharf.server.data.ListTransfer;
import io.wharf.server.data.RetrTransfer;
import io.wharf.server.data.StorTransfer;
import io.wharf.server.data.TransferType;
import io.wharf.server.vfs.DirectoryListing;
import io.wharf.server.vfs.ListingFormatter;
import io.wharf.server.vfs.Resolved;
import io.wharf.server.vfs.VirtualFileSystem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.concurrent.ThreadLocalRandom;

/** Verbs that use the data connection: LIST, NLST, RETR, STOR; and ABOR, which stops them. */
public final class TransferCommands {

    private TransferCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        EnumSet<Phase> loggedIn = EnumSet.of(Phase.LOGGED_IN);
        table.add("LIST", loggedIn, (session, command) -> list(session, command, false));
        table.add("NLST", loggedIn, (session, command) -> list(session, command, true));
        table.add("RETR", loggedIn, TransferCommands::retr);
        table.add("STOR", loggedIn, TransferCommands::stor);
        table.add("ABOR", EnumSet.of(Phase.LOGGED_IN, Phase.DURING_TRANSFER), TransferCommands::abor);
    }

    static void list(ControlSession session, Command command, boolean namesOnly) {
        if (!dataReady(session)) {
            return;
        }
        String path = withoutOptions(command.argument());
        Resolved target = session.vfs().resolve(path);
        DirectoryListing listing;
        try {
            if (target.isExistingDirectory()) {
                listing = DirectoryListing.of(target.path(), session.vfs().root());
            } else if (target.isExistingFile()) {
                listing = DirectoryListing.ofFile(target.path(), session.vfs().root());
            } else {
                session.reply(550, FileCommands.why(target, path));
                return;
            }
        } catch (IOException e) {
            session.reply(550, path + ": Cannot read directory");
            return;
        }
        ListingFormatter formatter = new ListingFormatter(System.currentTimeMillis() / 1000);
        session.startTransfer(new ListTransfer(listing, formatter, namesOnly),
                "Opening ASCII mode data connection for file list");
    }

    static void retr(ControlSession session, Command command) {
        if (!requireArgument(session, command) || !dataReady(session)) {
            return;
        }
        Resolved target = session.vfs().resolve(command.argument());
        if (!target.isExistingFile()) {
            session.reply(550, target.isExistingDirectory()
                    ? command.argument() + ": Not a plain file" : FileCommands.why(target, command.argument()));
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
        session.startTransfer(new RetrTransfer(file, 0, size, session.type()),
                "Opening " + mode(session) + " mode data connection for " + target.virtualPath()
                        + " (" + size + " bytes)");
    }

    static void stor(ControlSession session, Command command) {
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
        Path temporary = target.path().resolveSibling(VirtualFileSystem.UPLOAD_PREFIX + session.id() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        FileChannel file;
        try {
            file = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            session.reply(553, command.argument() + ": Cannot create file");
            return;
        }
        session.startTransfer(new StorTransfer(file, temporary, target.path(), session.type()),
                "Opening " + mode(session) + " mode data connection for " + target.virtualPath());
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

    private static String mode(ControlSession session) {
        return session.type() == TransferType.ASCII ? "ASCII" : "BINARY";
    }
}
