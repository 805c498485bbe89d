package io.wharf.server.probe;

/**
 * A step of the FTP conversation (greeting, AUTH TLS, login, PBSZ/PROT) that the server refused with a reply. The
 * probe's verdicts are built from these replies, so the reply travels with the exception.
 */
final class StepException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String step;
    private final transient Reply reply;

    StepException(String step, Reply reply) {
        super(step + ": " + reply.oneLine(), null, false, false);
        this.step = step;
        this.reply = reply;
    }

    /** The step: "greeting", "AUTH TLS", "login", "PBSZ 0", "PROT P". */
    String step() {
        return step;
    }

    /** The server's refusal. */
    Reply reply() {
        return reply;
    }
}
