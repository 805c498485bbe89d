package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import io.wharf.server.data.AsciiLength;
import io.wharf.server.data.TransferType;
import io.wharf.server.data.UploadFiles;
import io.wharf.server.vfs.Resolved;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.EnumSet;

/** File and directory actions: DELE, MKD, RMD (and X-aliases), SIZE. */
public final class FileCommands {

    private FileCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        EnumSet<Phase> loggedIn = EnumSet.of(Phase.LOGGED_IN);
        table.add("DELE", loggedIn, FileCommands::dele);
        table.add("MKD", loggedIn, FileCommands::mkd);
        table.add("XMKD", loggedIn, FileCommands::mkd);
        table.add("RMD", loggedIn, FileCommands::rmd);
        table.add("XRMD", loggedIn, FileCommands::rmd);
        table.add("SIZE", loggedIn, FileCommands::size);
    }

    static void dele(ControlSession session, Command command) {
        if (!command.hasArgument()) {
            session.reply(501, "Syntax: DELE path");
            return;
        }
        Resolved target = session.vfs().resolveEntry(command.argument());
        if (target.isExistingDirectory()) {
            session.reply(550, command.argument() + ": Is a directory (use RMD)");
        } else if (target.isExistingFile()) {
            try {
                Files.delete(target.path());
                session.reply(250, "Deleted " + target.virtualPath());
            } catch (IOException e) {
                session.reply(550, command.argument() + ": Cannot delete");
            }
        } else {
            session.reply(550, why(target, command.argument()));
        }
    }

    static void mkd(ControlSession session, Command command) {
        Resolved target = argumentTarget(session, command);
        if (target == null) {
            return;
        }
        if (target.status() == Resolved.Status.EXISTS) {
            session.reply(550, command.argument() + ": Already exists");
        } else if (target.status() == Resolved.Status.MISSING) {
            try {
                Files.createDirectory(target.path());
                session.reply(257, NavigationCommands.quote(target.virtualPath()) + " created");
            } catch (FileAlreadyExistsException e) {
                session.reply(550, command.argument() + ": Already exists");
            } catch (IOException e) {
                session.reply(550, command.argument() + ": Cannot create directory");
            }
        } else {
            session.reply(550, why(target, command.argument()));
        }
    }

    static void rmd(ControlSession session, Command command) {
        if (!command.hasArgument()) {
            session.reply(501, "Syntax: RMD path");
            return;
        }
        Resolved target = session.vfs().resolveEntry(command.argument());   // a link is not its directory
        if (!target.isExistingDirectory()) {
            session.reply(550, target.status() == Resolved.Status.EXISTS
                    ? command.argument() + ": Not a directory" : why(target, command.argument()));
        } else if (target.virtualPath().equals("/") || target.path().equals(session.vfs().root())) {
            session.reply(550, "Cannot remove the home directory");
        } else {
            try {
                Files.delete(target.path());
                session.reply(250, "Removed " + target.virtualPath());
            } catch (DirectoryNotEmptyException e) {
                session.reply(550, command.argument() + ": Directory not empty");
            } catch (IOException e) {
                session.reply(550, command.argument() + ": Cannot remove directory");
            }
        }
    }

    /** RFC 3659 4: the size is of the file as transferred, which only IMAGE type knows without reading it. */
    static void size(ControlSession session, Command command) {
        Resolved target = argumentTarget(session, command);
        if (target == null) {
            return;
        }
        if (session.type() == TransferType.ASCII && target.isExistingFile()) {
            asciiSize(session, target);
        } else if (target.isExistingFile() || hasPartial(target)) {
            try {
                // An interrupted upload's partial is what a resuming client must continue from (UploadFiles).
                session.reply(213, Long.toString(UploadFiles.resumableSize(target.path())));
            } catch (IOException e) {
                session.reply(550, command.argument() + ": Cannot read size");
            }
        } else {
            session.reply(550, target.isExistingDirectory()
                    ? command.argument() + ": Not a plain file" : why(target, command.argument()));
        }
    }

    /**
     * RFC 3659 4: in TYPE A, SIZE is what RETR would send, line ends converted. Scripts call it in whatever type
     * the last listing left (Python's ftplib leaves TYPE A), so it is answered exactly rather than refused.
     */
    private static void asciiSize(ControlSession session, Resolved target) {
        java.nio.file.Path file = target.path();
        boolean queued = session.offLoop(() -> AsciiLength.of(file), (size, failure) -> {
            if (failure != null) {
                session.reply(550, target.virtualPath() + ": Cannot read size");
            } else {
                session.reply(213, Long.toString(size));
            }
        });
        if (!queued) {
            session.reply(450, "Busy, try again");
        }
    }

    private static boolean hasPartial(Resolved target) {
        try {
            return target.status() == Resolved.Status.MISSING && UploadFiles.hasLivePartial(target.path());
        } catch (IOException e) {
            return false;
        }
    }

    /** Resolves the required argument to an existing plain file, or replies 501 or 550 and returns null. */
    static Resolved existingFile(ControlSession session, Command command) {
        Resolved target = argumentTarget(session, command);
        if (target != null && !target.isExistingFile()) {
            session.reply(550, target.isExistingDirectory()
                    ? command.argument() + ": Not a plain file" : why(target, command.argument()));
            return null;
        }
        return target;
    }

    /** Resolves the required argument, or replies 501 and returns null. */
    static Resolved argumentTarget(ControlSession session, Command command) {
        if (!command.hasArgument()) {
            session.reply(501, "Syntax: " + command.verbText() + " path");
            return null;
        }
        return session.vfs().resolve(command.argument());
    }

    /** The 550 text for a path that is not what the command needed. */
    static String why(Resolved target, String argument) {
        return switch (target.status()) {
            case DENIED -> argument + ": Permission denied";
            case INVALID -> argument + ": Invalid file name";
            default -> argument + ": No such file or directory";
        };
    }
}
