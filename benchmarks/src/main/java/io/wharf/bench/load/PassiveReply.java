package io.wharf.bench.load;

/** Port numbers from passive-mode replies. */
final class PassiveReply {

    private PassiveReply() {
    }

    /** {@code 229 Entering Extended Passive Mode (|||6446|)}: the delimiter is the first character after "(". */
    static int epsvPort(String line) {
        int open = line.indexOf('(');
        if (open < 0 || open + 4 >= line.length()) {
            throw new IllegalArgumentException("EPSV reply without (|||port|): " + line);
        }
        char d = line.charAt(open + 1);
        int start = open + 4;
        int end = line.indexOf(d, start);
        if (line.charAt(open + 2) != d || line.charAt(open + 3) != d || end < 0) {
            throw new IllegalArgumentException("EPSV reply without (|||port|): " + line);
        }
        return port(Integer.parseInt(line.substring(start, end)), line);
    }

    /** {@code 227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)}: some servers omit the parentheses (RFC 1123 4.1.2.6). */
    static int pasvPort(String line) {
        int[] numbers = new int[6];
        int found = 0;
        int i = line.length() > 3 ? 4 : line.length();        // skip the reply code itself
        while (i < line.length() && found < 6) {
            if (Character.isDigit(line.charAt(i))) {
                int start = i;
                while (i < line.length() && Character.isDigit(line.charAt(i))) {
                    i++;
                }
                numbers[found++] = Integer.parseInt(line.substring(start, i));
            } else {
                i++;
            }
        }
        if (found < 6 || numbers[4] > 255 || numbers[5] > 255) {
            throw new IllegalArgumentException("PASV reply without h1,h2,h3,h4,p1,p2: " + line);
        }
        return port(numbers[4] * 256 + numbers[5], line);
    }

    private static int port(int port, String line) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("no valid port in " + line);
        }
        return port;
    }
}
