package io.wharf.server.probe;

import java.util.Locale;

/**
 * One FTP reply (RFC 959 4.2): its three-digit code and its text, all lines of a multi-line reply joined by
 * newlines.
 *
 * @param code the reply code, 100-599
 * @param text the whole reply as received, code included
 */
public record Reply(int code, String text) {

    /** The reply on one line, as the report quotes it. */
    public String oneLine() {
        return text.replace('\n', ' ').replace('\r', ' ').strip();
    }

    /** 1xx: the server started something (a transfer) and a final reply follows. */
    public boolean isPreliminary() {
        return code >= 100 && code < 200;
    }

    /** 2xx. */
    public boolean isPositive() {
        return code >= 200 && code < 300;
    }

    /** Whether the text contains any of {@code words}, ignoring case. */
    public boolean mentions(String... words) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (lower.contains(word.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
