package io.wharf.bench.load;

import java.io.IOException;

/** The server answered a command with a reply the run cannot go on from; the message carries the reply line. */
final class FtpException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int code;

    FtpException(String command, String replyLine) {
        super(command + " -> " + replyLine);
        this.code = codeOf(replyLine);
    }

    /** The reply code that ended the run or the transfer, or -1 when the line has none. */
    int code() {
        return code;
    }

    private static int codeOf(String line) {
        if (line.length() < 3) {
            return -1;
        }
        int code = 0;
        for (int i = 0; i < 3; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            code = code * 10 + (c - '0');
        }
        return code;
    }
}
