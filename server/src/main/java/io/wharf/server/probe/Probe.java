package io.wharf.server.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * {@code wharf probe}: checks the control connection and login once, then every data mode on a login of its own,
 * and returns the whole story as a {@link ProbeReport}. Works against any FTP server; never prints anything.
 *
 * <p>Rows: for {@code ftp://}, PASV, EPSV, PORT and EPRT in plain text, then the same four over TLS when FEAT offers
 * {@code AUTH TLS}; for {@code ftps://} (explicit or implicit) the four TLS rows only. FEAT goes before USER (RFC
 * 2389 allows it), so a server that refuses a plain-text login still says what it offers.
 */
public final class Probe {

    /** What anonymous logins send as password (RFC 1635 asks for something mail-like). */
    private static final String ANONYMOUS_PASSWORD = "wharf-probe@";

    private final ProbeTarget target;
    private final ProbeOptions options;
    private final InetSocketAddress server;
    private Duration connectTime;
    private Reply greeting;
    private TlsDetails tlsDetails;
    private List<String> features;
    private Reply login;
    private Duration loginTime;
    private Reply authRefusal;

    private Probe(ProbeTarget target, ProbeOptions options) {
        this.target = target;
        this.options = options;
        this.server = new InetSocketAddress(target.host(), target.port());
    }

    /** Probes {@code target}; never throws for anything the network or the server does. */
    public static ProbeReport run(ProbeTarget target, ProbeOptions options) {
        return new Probe(target, options).run();
    }

    /** The password to send: the target's, or a mail-like one for anonymous logins. */
    static String password(ProbeTarget target) {
        if (target.password() != null) {
            return target.password();
        }
        return target.anonymous() ? ANONYMOUS_PASSWORD : "";
    }

    private ProbeReport run() {
        if (server.isUnresolved()) {
            return fatal("Cannot resolve the host name " + target.host() + ".");
        }
        ProbeTls tls;
        try {
            tls = new ProbeTls(options.extraTrust());
        } catch (GeneralSecurityException | IOException e) {
            return fatal("Cannot set up TLS: " + e.getMessage());
        }
        boolean secure = target.security() != ProbeTarget.Security.PLAIN;
        List<ModeResult> rows = new ArrayList<>();
        Finding plainRefused;
        try (ProbeSession session = ProbeSession.open(server, options.timeout(), secure ? tls.newClient() : null)) {
            connectTime = session.connectTime();
            String stop = control(session);
            if (stop != null) {
                return fatal(stop);
            }
            if (secure && session.tlsSocket() == null) {
                // AUTH TLS refused: every row would be refused the same way, so say it once per row without retrying.
                for (DataMode mode : DataMode.values()) {
                    rows.add(new ModeResult(mode, true, Outcome.FAILED, null,
                            List.of(Finding.tlsNotOffered(authRefusal)), List.of()));
                }
                return report(rows, null);
            }
            plainRefused = login(session);
            if (plainRefused == null && !login.isPositive()) {
                return fatal(loginFailure());
            }
            session.quit();
        } catch (IOException e) {
            return fatal(connectTime == null ? connectFailure(e)
                    : "The control connection failed after connecting: " + ModeProbe.describe(e) + ".");
        }
        ModeProbe modes = new ModeProbe(target, options, server, tls, verbs());
        if (!secure) {
            for (DataMode mode : DataMode.values()) {
                rows.add(plainRefused != null
                        ? new ModeResult(mode, false, Outcome.FAILED, null, List.of(plainRefused), List.of())
                        : modes.run(mode, false));
            }
        }
        if (secure || offersAuthTls()) {
            for (DataMode mode : DataMode.values()) {
                rows.add(modes.run(mode, true));
            }
        }
        if (tlsDetails == null) {
            tlsDetails = modes.firstTls();
        }
        return report(rows, null);
    }

    /**
     * Greeting, TLS for ftps://, FEAT.
     *
     * @return why the probe cannot go on, or null; AUTH TLS refused is not fatal (the rows say it), and leaves the
     *         refusal in {@link #authRefusal}
     */
    private String control(ProbeSession session) throws IOException {
        boolean implicit = target.security() == ProbeTarget.Security.IMPLICIT;
        try {
            session.greet(target.host(), implicit);
        } catch (SSLException e) {
            return "The TLS handshake on the control connection failed: " + e.getMessage() + ". Is port "
                    + target.port() + " an implicit FTPS port? Without --implicit, ftps:// sends AUTH TLS on an "
                    + "ordinary FTP port.";
        } catch (SocketTimeoutException e) {
            return "Connected, but the server sent no greeting within " + Finding.words(options.timeout())
                    + (implicit ? " (or did not answer the TLS handshake)" : "") + ". Is this an FTP server?";
        } catch (StepException e) {
            greeting = e.reply();
            return "The server refused the session: \"" + e.reply().oneLine() + "\".";
        }
        greeting = session.greeting();
        if (target.security() == ProbeTarget.Security.EXPLICIT) {
            try {
                session.authTls(target.host());
            } catch (StepException e) {
                authRefusal = e.reply();
                return null;
            } catch (SSLException e) {
                return "The TLS handshake after AUTH TLS failed: " + e.getMessage() + ".";
            }
        }
        if (session.tlsSocket() != null) {
            tlsDetails = session.tls().details(session.tlsSocket());
        }
        Reply feat = session.control().command("FEAT");
        features = feat.code() == 211 ? featureLines(feat) : null;
        return null;
    }

    /** Logs in; returns the finding for plain rows when the server refused a plain login for want of TLS. */
    private Finding login(ProbeSession session) throws IOException {
        try {
            session.login(target.user(), password(target));
        } catch (StepException e) {
            if (target.security() == ProbeTarget.Security.PLAIN && ReplyClassifier.demandsTls(e.reply())) {
                login = e.reply();
                loginTime = session.loginTime();
                return Finding.tlsRequired("login", e.reply());
            }
        }
        login = session.loginReply();
        loginTime = session.loginTime();
        return null;
    }

    private String loginFailure() {
        String who = target.anonymous()
                ? " The server may not allow anonymous logins: put a user in the URL (ftp://user@host/)."
                : " Check the user name and the password.";
        return "Login as " + target.user() + " refused: \"" + login.oneLine() + "\"." + who;
    }

    private String connectFailure(IOException e) {
        String where = "Cannot connect to " + target.host() + " port " + target.port()
                + (target.host().equals(server.getAddress().getHostAddress()) ? "" : " ("
                        + server.getAddress().getHostAddress() + ")");
        if (e instanceof SocketTimeoutException) {
            return where + ": no answer within " + Finding.words(options.timeout()) + ". A firewall drops the "
                    + "packets, or the host is down.";
        }
        if (e instanceof ConnectException) {
            return where + ": connection refused. Nothing listens on that port, or a firewall rejects the "
                    + "connection; check the host and port (FTP: 21, implicit FTPS: 990).";
        }
        return where + ": " + ModeProbe.describe(e) + ".";
    }

    /** The lines of a 211 FEAT reply between its first and last line (RFC 2389 3.2), trimmed. */
    private static List<String> featureLines(Reply feat) {
        String[] lines = feat.text().split("\n");
        List<String> result = new ArrayList<>();
        for (int i = 1; i < lines.length - 1; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty()) {
                result.add(line);
            }
        }
        return result;
    }

    /** The first word of every feature line, upper case. */
    private Set<String> verbs() {
        Set<String> verbs = new HashSet<>();
        if (features != null) {
            for (String line : features) {
                verbs.add(line.split(" ")[0].toUpperCase(Locale.ROOT));
            }
        }
        return verbs;
    }

    private boolean offersAuthTls() {
        if (features == null) {
            return false;
        }
        for (String line : features) {
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("AUTH") && upper.contains("TLS")) {
                return true;
            }
        }
        return false;
    }

    private ProbeReport fatal(String why) {
        return report(List.of(), why);
    }

    private ProbeReport report(List<ModeResult> rows, String fatal) {
        String address = server.isUnresolved() ? null : server.getAddress().getHostAddress();
        return new ProbeReport(target, address, connectTime, greeting, tlsDetails, features, login, loginTime, rows,
                fatal);
    }
}
