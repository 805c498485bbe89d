package io.wharf.bench.load;

/** Port numbers from passive-mode replies, read in place: nothing is allocated unless the reply is malformed. */
final class PassiveReply {

    private PassiveReply() {
    }

    /** {@code 229 Entering Extended Passive Mode (|||6446|)}: the delimiter is the first character after "(". */
    static int epsvPort(CharSequence line) {
        int open = indexOf(line, '(', 0);
        if (open < 0 || open + 4 >= line.length()) {
            throw new IllegalArgumentException("EPSV reply without (|||port|): " + line);
        }
        char d = line.charAt(open + 1);
        int start = open + 4;
        int end = indexOf(line, d, start);
        if (line.charAt(open + 2) != d || line.charAt(open + 3) != d || end < 0) {
            throw new IllegalArgumentException("EPSV reply without (|||port|): " + line);
        }
        return port(Integer.parseInt(line, start, end, 10), line);
    }

    /** {@code 227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)}: some servers omit the parentheses (RFC 1123 4.1.2.6). */
    static int pasvPort(CharSequence line) {
        int found = 0;
        int p1 = 0;
        int p2 = 0;
        int i = line.length() > 3 ? 4 : line.length();        // skip the reply code itself
        while (i < line.length() && found < 6) {
            if (Character.isDigit(line.charAt(i))) {
                int start = i;
                while (i < line.length() && Character.isDigit(line.charAt(i))) {
                    i++;
                }
                int number = Integer.parseInt(line, start, i, 10);
                if (found == 4) {
                    p1 = number;
                } else if (found == 5) {
                    p2 = number;
                }
                found++;
            } else {
                i++;
            }
        }
        if (found < 6 || p1 > 255 || p2 > 255) {
            throw new IllegalArgumentException("PASV reply without h1,h2,h3,h4,p1,p2: " + line);
        }
        return port(p1 * 256 + p2, line);
    }

    private static int indexOf(CharSequence s, char c, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int port(int port, CharSequence line) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("no valid port in " + line);
        }
        return port;
    }
}
