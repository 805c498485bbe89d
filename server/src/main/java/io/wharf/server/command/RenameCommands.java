package io.wharf.server.command;

import io.wharf.server.control.Command;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.Phase;
import io.wharf.server.data.UploadFiles;
import io.wharf.server.vfs.Resolved;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;

/**
 * Renaming (RFC 959 4.1.3): RNFR names the source, and RNTO, which must be the very next command, the target. The
 * dispatcher forgets the source before any other command, so a stray RNTO always gets 503.
 *
 * <p>As vsftpd and proftpd do, an existing file is replaced (rename(2) does it atomically, so a reader sees the old
 * file or the new one, never neither); an existing directory is not.
 */
public final class RenameCommands {

    private RenameCommands() {
    }

    /** Registers this group's verbs. */
    public static void register(CommandTable.Builder table) {
        EnumSet<Phase> loggedIn = EnumSet.of(Phase.LOGGED_IN);
        table.add("RNFR", loggedIn, RenameCommands::rnfr);
        table.add("RNTO", loggedIn, RenameCommands::rnto);
    }

    static void rnfr(ControlSession session, Command command) {
        if (!command.hasArgument()) {
            session.reply(501, "Syntax: RNFR path");
            return;
        }
        Resolved source = session.vfs().resolveEntry(command.argument());   // a link is renamed, not its target
        if (source.status() != Resolved.Status.EXISTS) {
            session.reply(550, FileCommands.why(source, command.argument()));
        } else if (isHome(session, source)) {
            session.reply(550, "Cannot rename the home directory");
        } else {
            session.renameFrom(source);
            session.reply(350, "Ready for RNTO");
        }
    }

    /** RFC 959 lists only 553 among RNTO's permanent failures, so every refusal of the target uses it. */
    static void rnto(ControlSession session, Command command) {
        Resolved source = session.renameFrom();
        if (source == null) {
            session.reply(503, "RNFR required first");
            return;
        }
        session.renameFrom(null);               // one RNFR, one RNTO: a retry must name its source again
        if (!command.hasArgument()) {
            session.reply(501, "Syntax: RNTO path");
            return;
        }
        Resolved target = session.vfs().resolve(command.argument());
        String refusal = refusal(source, target, command.argument());
        if (refusal != null) {
            session.reply(553, refusal);
            return;
        }
        if (target.status() == Resolved.Status.EXISTS && target.path().equals(source.path())) {
            session.reply(250, "Renamed " + source.virtualPath() + " to " + target.virtualPath());
            return;
        }
        try {
            Files.move(source.path(), target.path(), StandardCopyOption.ATOMIC_MOVE);
            dropPartial(target);
            session.reply(250, "Renamed " + source.virtualPath() + " to " + target.virtualPath());
        } catch (NoSuchFileException e) {
            session.reply(553, source.virtualPath() + ": No longer exists");
        } catch (AtomicMoveNotSupportedException e) {
            session.reply(553, "Cannot rename across file systems");
        } catch (IOException e) {
            session.reply(553, command.argument() + ": Cannot rename");
        }
    }

    /** Why {@code target} cannot receive {@code source}, or null when it can. */
    private static String refusal(Resolved source, Resolved target, String argument) {
        if (target.status() == Resolved.Status.MISSING) {
            // rename(2) of a directory into its own subtree fails with EINVAL; say why instead.
            return source.isExistingDirectory() && target.path().startsWith(source.path())
                    ? "Cannot move a directory into itself" : null;
        }
        if (target.status() != Resolved.Status.EXISTS) {
            return FileCommands.why(target, argument);
        }
        if (target.path().equals(source.path())) {
            return null;
        }
        if (target.isExistingDirectory()) {
            return argument + ": Already exists and is a directory";
        }
        return source.isExistingDirectory() ? argument + ": Already exists and is a file" : null;
    }

    /**
     * The target now has new contents, so an interrupted upload to its name is obsolete, as after a successful STOR;
     * left in place, a partial newer than the renamed file would make SIZE and APPE continue the old upload.
     */
    private static void dropPartial(Resolved target) {
        try {
            Files.deleteIfExists(UploadFiles.partialOf(target.path()));
        } catch (IOException ignored) {
            // Best effort: a partial that survives is still hidden, and the next successful upload removes it.
        }
    }

    private static boolean isHome(ControlSession session, Resolved resolved) {
        return resolved.virtualPath().equals("/") || resolved.path().equals(session.vfs().root());
    }
}
