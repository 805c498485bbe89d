package io.wharf.bench.load;

import java.io.IOException;

/** The server answered a command with a reply the run cannot go on from; the message carries the reply line. */
final class FtpException extends IOException {

    private static final long serialVersionUID = 1L;

    FtpException(String command, String replyLine) {
        super(command + " -> " + replyLine);
    }
}
