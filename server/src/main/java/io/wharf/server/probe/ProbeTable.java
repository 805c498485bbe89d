package io.wharf.server.probe;

import java.io.PrintWriter;
import java.text.BreakIterator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a {@link ProbeReport} for people: a header with what the control connection showed, then one table row per
 * data mode, with the likely cause and the fix word-wrapped in their own columns on the right, then a summary line.
 */
public final class ProbeTable {

    /** Narrower than this and the cause and fix columns become unreadable; wider terminals get wider columns. */
    public static final int MIN_WIDTH = 80;
    /** The width when the terminal's is not known. */
    public static final int DEFAULT_WIDTH = 120;

    private static final String GAP = "  ";
    private static final int MODE_WIDTH = 8;
    private static final int RESULT_WIDTH = 7;
    private static final int TIME_WIDTH = 8;
    private static final int LABEL_WIDTH = 13;

    private final int width;
    private final int causeWidth;
    private final int fixWidth;

    private ProbeTable(int width) {
        this.width = Math.max(MIN_WIDTH, width);
        int left = this.width - MODE_WIDTH - RESULT_WIDTH - TIME_WIDTH - 4 * GAP.length();
        this.causeWidth = left * 11 / 20;
        this.fixWidth = left - causeWidth;
    }

    /** Prints {@code report} for a terminal {@code width} columns wide (at least {@link #MIN_WIDTH} are used). */
    public static void print(ProbeReport report, PrintWriter out, int width) {
        new ProbeTable(width).print(report, out);
        out.flush();
    }

    private void print(ProbeReport report, PrintWriter out) {
        header(report, out);
        if (report.fatal() != null) {
            out.println();
            wrapped(out, "", "PROBE STOPPED: " + report.fatal(), width);
            return;
        }
        out.println();
        out.println(cells("MODE", "RESULT", "TIME", List.of("LIKELY CAUSE"), List.of("FIX")));
        boolean viaControl = false;
        boolean multiLine = false;
        for (ModeResult row : report.rows()) {
            List<String> causes = new ArrayList<>();
            List<String> fixes = new ArrayList<>();
            for (Finding finding : row.findings()) {
                causes.addAll(wrap(finding.cause(), causeWidth));
                fixes.addAll(wrap(finding.fix(), fixWidth));
            }
            if (row.findings().isEmpty()) {
                causes.add("-");
            }
            String cells = cells(row.label(), row.outcome().label(), time(row.time()), causes, fixes);
            // A blank line between rows that take several lines keeps each row's cause and fix together.
            if (row != report.rows().get(0) && (multiLine || cells.contains(System.lineSeparator()))) {
                out.println();
            }
            multiLine = cells.contains(System.lineSeparator());
            out.println(cells);
            viaControl |= row.outcome() == Outcome.WORKS_VIA_CONTROL_ADDRESS;
        }
        out.println();
        if (viaControl) {
            wrapped(out, "", "works*: only because the probe ignored the address in the 227 reply and connected to the "
                    + "control connection's address, as curl and ftplib do; clients that obey the 227 reply fail.",
                    width);
            out.println();
        }
        out.println(report.workingModes() + " of " + report.triedModes() + " data modes work"
                + (report.exitCode() == 0 ? "." : ": no data connection can be made."));
    }

    private void header(ProbeReport report, PrintWriter out) {
        ProbeTarget target = report.target();
        String address = report.server() == null || report.server().equals(target.host()) ? ""
                : " (" + report.server() + ")";
        line(out, "Target", target.display() + address);
        if (report.connectTime() != null) {
            line(out, "Control", "connected in " + time(report.connectTime())
                    + (report.greeting() == null ? "" : ": " + report.greeting().oneLine()));
        }
        TlsDetails tls = report.tls();
        if (tls != null) {
            line(out, "TLS", tls.protocol() + ", " + tls.cipherSuite());
            line(out, "Certificate", tls.subject() + ", valid until " + tls.notAfter());
            line(out, "SHA-256", tls.sha256());
            line(out, "Chain", tls.chainProblem() == null ? "verified" : "NOT VERIFIED: " + tls.chainProblem());
            line(out, "Host name", tls.hostProblem() == null ? "matches " + target.host()
                    : "DOES NOT MATCH: " + tls.hostProblem());
        }
        if (report.features() != null) {
            line(out, "FEAT", String.join(", ", report.features()));
        } else if (report.greeting() != null && report.fatal() == null) {
            line(out, "FEAT", "refused; TLS rows need ftps:// when FEAT does not list AUTH TLS");
        }
        if (report.login() != null) {
            line(out, "Login", report.login().oneLine() + " (" + time(report.loginTime()) + ")");
        }
        boolean anyTls = false;
        for (ModeResult row : report.rows()) {
            anyTls |= row.tls();
        }
        if (target.security() == ProbeTarget.Security.PLAIN && report.features() != null && !anyTls
                && report.fatal() == null) {
            line(out, "TLS", "not offered (FEAT lists no AUTH TLS): plain rows only");
        }
    }

    private void line(PrintWriter out, String label, String text) {
        String prefix = String.format(Locale.ROOT, "%-" + LABEL_WIDTH + "s", label);
        wrapped(out, prefix, text, width - LABEL_WIDTH);
    }

    private static void wrapped(PrintWriter out, String prefix, String text, int textWidth) {
        List<String> lines = wrap(text, textWidth);
        String indent = " ".repeat(prefix.length());
        for (int i = 0; i < lines.size(); i++) {
            out.println((i == 0 ? prefix : indent) + lines.get(i));
        }
    }

    private String cells(String mode, String result, String time, List<String> causes, List<String> fixes) {
        StringBuilder rows = new StringBuilder();
        int height = Math.max(1, Math.max(causes.size(), fixes.size()));
        for (int i = 0; i < height; i++) {
            String line = pad(i == 0 ? mode : "", MODE_WIDTH) + GAP + pad(i == 0 ? result : "", RESULT_WIDTH) + GAP
                    + pad(i == 0 ? time : "", TIME_WIDTH) + GAP + pad(i < causes.size() ? causes.get(i) : "",
                    causeWidth) + GAP + (i < fixes.size() ? fixes.get(i) : "");
            rows.append(i == 0 ? "" : System.lineSeparator()).append(line.stripTrailing());
        }
        return rows.toString();
    }

    private static String pad(String text, int columns) {
        return text.length() >= columns ? text : text + " ".repeat(columns - text.length());
    }

    private static String time(Duration time) {
        if (time == null) {
            return "-";
        }
        long ms = time.toMillis();
        return ms < 10_000 ? ms + " ms" : ms / 1000 + " s";
    }

    /**
     * Breaks {@code text} into lines of at most {@code columns} characters at the JDK's line-break opportunities that
     * follow a space: not inside {@code passive.advertised-address} or {@code --tls-no-resume}, which people copy
     * from here. A word longer than a line (a fingerprint) is cut.
     */
    static List<String> wrap(String text, int columns) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : words(text)) {
            if (line.length() + word.stripTrailing().length() > columns && line.length() > 0) {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
            }
            while (word.stripTrailing().length() > columns) {
                lines.add(word.substring(0, columns));
                word = word.substring(columns);
            }
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** The pieces between break opportunities, each with its trailing spaces. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        BreakIterator breaks = BreakIterator.getLineInstance(Locale.ROOT);
        breaks.setText(text);
        int start = breaks.first();
        for (int end = breaks.next(); end != BreakIterator.DONE; end = breaks.next()) {
            if (Character.isWhitespace(text.charAt(end - 1)) || end == text.length()) {
                words.add(text.substring(start, end));
                start = end;
            }
        }
        return words;
    }
}
