package io.wharf.bench.load;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Failures of one worker, and after {@link #add(FailureTally)} of a whole run, counted by kind: the reply code
 * ({@code "530"}, {@code "421"}) when the server refused, otherwise what went wrong on the connection. Keeps the
 * first message for the report. Written by one thread; {@link #total} may be read by any (progress).
 */
final class FailureTally {

    private final TreeMap<String, Long> byKind = new TreeMap<>();
    private volatile long total;                  // written by the owner only, so ++ loses nothing
    private String first;

    /** Counts one failure of {@code kind}; {@code message} is kept if it is the first. */
    void add(String kind, String message) {
        byKind.merge(kind, 1L, Long::sum);
        total++;
        if (first == null) {
            first = message;
        }
    }

    /** Counts {@code e}, classified by {@link #kindOf}; {@code during} says what was being done. */
    void add(Exception e, String during) {
        add(kindOf(e), during + ": " + (e instanceof FtpException ? e.getMessage() : e.toString()));
    }

    /** Adds {@code other}'s counts to these. */
    void add(FailureTally other) {
        for (Map.Entry<String, Long> e : other.byKind.entrySet()) {
            byKind.merge(e.getKey(), e.getValue(), Long::sum);
        }
        total += other.total;
        if (first == null) {
            first = other.first;
        }
    }

    /** A reply code, or a short name for a connection-level failure. */
    static String kindOf(Exception e) {
        if (e instanceof FtpException ftp) {
            return ftp.code() > 0 ? Integer.toString(ftp.code()) : "bad reply";
        }
        if (e instanceof ConnectException) {
            return "connect refused";
        }
        if (e instanceof SocketTimeoutException) {
            return "connect timeout";
        }
        if (e instanceof EOFException) {
            return "closed by server";
        }
        if (e instanceof AsynchronousCloseException) {
            return "aborted";
        }
        if (e instanceof IllegalArgumentException) {
            return "bad reply";                    // an EPSV or PASV reply without a port
        }
        return e.getClass().getSimpleName();
    }

    long total() {
        return total;
    }

    /** The first failure's message, or null. */
    String first() {
        return first;
    }

    /** {@code 0}, or {@code 12  (530 x10, connect refused x2)}. */
    String describe() {
        if (total == 0) {
            return "0";
        }
        StringBuilder s = new StringBuilder().append(total).append("  (");
        String separator = "";
        for (Map.Entry<String, Long> e : byKind.entrySet()) {
            s.append(separator).append(e.getKey()).append(" x").append(e.getValue());
            separator = ", ";
        }
        return s.append(')').toString();
    }

    /** {@code {"total": n, "byKind": {"530": 10, ...}, "first": "..."}}. */
    void json(JsonWriter json) {
        json.beginObject().field("total", total).name("byKind").beginObject();
        for (Map.Entry<String, Long> e : byKind.entrySet()) {
            json.field(e.getKey(), e.getValue());
        }
        json.endObject().field("first", first).endObject();
    }
}
