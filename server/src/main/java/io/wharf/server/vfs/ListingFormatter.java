package io.wharf.server.vfs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Formats listing lines: {@code LIST} in the {@code ls -l} layout that FileZilla, WinSCP, lftp, curl and Python
 * parse, and {@code NLST} as bare names. Times are UTC. Owner and group are shown as {@code ftp}: real names would
 * cost a user-database lookup per entry and tell partners nothing they should know.
 *
 * <p>One formatter per listing; it reuses its line builder across entries.
 */
public final class ListingFormatter {

    /** Room a single line may need: the fixed fields plus a 255-byte name, generously. */
    public static final int MAX_LINE_BYTES = 1024;

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };
    private static final long SIX_MONTHS_SECONDS = 183L * 24 * 3600;
    private static final PosixFilePermission[] PERMISSION_ORDER = {
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE
    };

    /** What a listing shows per entry. */
    public enum Style {
        /** LIST: {@code ls -l} lines. */
        LONG,
        /** NLST: bare names. */
        NAMES,
        /** MLSD: RFC 3659 facts, machine-readable. */
        FACTS
    }

    private final long nowEpochSeconds;
    private final StringBuilder line = new StringBuilder(128);

    /** @param nowEpochSeconds the listing's "now", deciding between the time and the year column */
    public ListingFormatter(long nowEpochSeconds) {
        this.nowEpochSeconds = nowEpochSeconds;
    }

    /** Appends {@code name}'s {@code ls -l} line with CRLF; {@code out} needs {@link #MAX_LINE_BYTES} of room. */
    public void appendLong(String name, PosixFileAttributes attributes, ByteBuffer out) {
        line.setLength(0);
        line.append(attributes.isDirectory() ? 'd' : '-');
        Set<PosixFilePermission> permissions = attributes.permissions();
        for (int i = 0; i < PERMISSION_ORDER.length; i++) {
            line.append(permissions.contains(PERMISSION_ORDER[i]) ? "rwx".charAt(i % 3) : '-');
        }
        line.append(" 1 ftp ftp ");
        String size = Long.toString(attributes.size());
        for (int pad = size.length(); pad < 12; pad++) {
            line.append(' ');
        }
        line.append(size).append(' ');
        appendTime(attributes.lastModifiedTime().toMillis() / 1000);
        line.append(' ');
        putAscii(out);
        putName(name, out);
        out.put((byte) '\r').put((byte) '\n');
    }

    /** Appends {@code name}'s entry in {@code style}, CRLF-terminated. */
    public void append(Style style, String name, PosixFileAttributes attributes, ByteBuffer out) {
        switch (style) {
            case LONG -> appendLong(name, attributes, out);
            case NAMES -> appendName(name, out);
            case FACTS -> {
                putAscii(facts(attributes, line), out);
                out.put((byte) ' ');
                putName(name, out);
                out.put((byte) '\r').put((byte) '\n');
            }
            default -> throw new IllegalArgumentException("unknown listing style " + style);
        }
    }

    /**
     * RFC 3659 7: {@code type=file;size=N;modify=YYYYMMDDHHMMSS;perm=...;unique=...;} into {@code facts} (which is
     * cleared first); times in UTC. {@code perm} says what this server lets the client do, from the owner bits.
     */
    public static StringBuilder facts(PosixFileAttributes attributes, StringBuilder facts) {
        facts.setLength(0);
        boolean writable = attributes.permissions().contains(PosixFilePermission.OWNER_WRITE);
        if (attributes.isDirectory()) {
            facts.append("type=dir;");
        } else {
            facts.append("type=file;size=").append(attributes.size()).append(';');
        }
        facts.append("modify=");
        appendTimestamp(attributes.lastModifiedTime().toMillis() / 1000, facts);
        facts.append(";perm=");
        if (attributes.isDirectory()) {
            facts.append(writable ? "cdeflmp" : "el");
        } else {
            facts.append(writable ? "adfrw" : "r");
        }
        Object key = attributes.fileKey();
        facts.append(";unique=").append(Integer.toHexString(key == null ? 0 : key.hashCode())).append(';');
        return facts;
    }

    /** RFC 3659 2.3 time-val, UTC: {@code YYYYMMDDHHMMSS}. Used by MDTM, MLST and MLSD. */
    public static void appendTimestamp(long epochSeconds, StringBuilder out) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
        out.append(time.getYear());
        pad2(time.getMonthValue(), out);
        pad2(time.getDayOfMonth(), out);
        pad2(time.getHour(), out);
        pad2(time.getMinute(), out);
        pad2(time.getSecond(), out);
    }

    private static void pad2(int value, StringBuilder out) {
        if (value < 10) {
            out.append('0');
        }
        out.append(value);
    }

    /** Appends {@code name} alone, CRLF-terminated, as NLST sends it. */
    public void appendName(String name, ByteBuffer out) {
        putName(name, out);
        out.put((byte) '\r').put((byte) '\n');
    }

    private void appendTime(long epochSeconds) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
        line.append(MONTHS[time.getMonthValue() - 1]).append(' ');
        twoDigits(time.getDayOfMonth(), ' ');
        line.append(' ');
        // As ls does: the time for the last six months, the year for anything older or in the future.
        long age = nowEpochSeconds - epochSeconds;
        if (age >= 0 && age < SIX_MONTHS_SECONDS) {
            twoDigits(time.getHour(), '0');
            line.append(':');
            twoDigits(time.getMinute(), '0');
        } else {
            line.append(' ').append(time.getYear());
        }
    }

    private void twoDigits(int value, char pad) {
        if (value < 10) {
            line.append(pad);
        }
        line.append(value);
    }

    private void putAscii(ByteBuffer out) {
        putAscii(line, out);
    }

    private static void putAscii(CharSequence text, ByteBuffer out) {
        for (int i = 0; i < text.length(); i++) {
            out.put((byte) text.charAt(i));
        }
    }

    private static void putName(String name, ByteBuffer out) {
        int n = name.length();
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c >= 0x80) {
                out.put(name.substring(i).replace('\r', '?').replace('\n', '?').getBytes(StandardCharsets.UTF_8));
                return;
            }
            // A newline inside a name would forge an extra listing line; show it as '?' as ls -q does.
            out.put(c == '\r' || c == '\n' ? (byte) '?' : (byte) c);
        }
    }
}
