package io.wharf.server.control;

/** The code behind one FTP verb. */
@FunctionalInterface
public interface CommandHandler {

    /**
     * Runs on the session's loop; never blocks. Replies exactly once, unless it starts something that owns the
     * final reply (a transfer, an authentication).
     */
    void handle(ControlSession session, Command command);
}
