package io.wharf.server.probe;

import io.wharf.config.AddressScope;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;

/**
 * Tries one data mode on a control connection of its own: connect, log in, the mode command, {@code LIST} read to
 * its end, and the final reply; then explains what failed. One instance serves all rows of a probe.
 */
final class ModeProbe {

    /** RFC 959 4.1.2: h1,h2,h3,h4,p1,p2 anywhere in the 227 text (some servers leave out the parentheses). */
    private static final Pattern PASV_REPLY =
            Pattern.compile("(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})");
    /** RFC 2428 3: (|||port|), with any printable delimiter. */
    private static final Pattern EPSV_REPLY = Pattern.compile("\\(([!-~])\\1\\1(\\d{1,5})\\1\\)");
    private static final int BUFFER_BYTES = 16 * 1024;

    private final ProbeTarget target;
    private final ProbeOptions options;
    private final InetSocketAddress server;
    private final ProbeTls tls;
    private final Set<String> features;
    private TlsDetails firstTls;

    /**
     * @param server   the resolved control address every row connects to
     * @param tls      the TLS client factory, or null when no row is encrypted
     * @param features the FEAT verbs (first word of each line, upper case), empty if unknown
     */
    ModeProbe(ProbeTarget target, ProbeOptions options, InetSocketAddress server, ProbeTls tls, Set<String> features) {
        this.target = target;
        this.options = options;
        this.server = server;
        this.tls = tls;
        this.features = Set.copyOf(features);
    }

    /** The first encrypted control connection's handshake, or null if no row used TLS yet. */
    TlsDetails firstTls() {
        return firstTls;
    }

    /** Tries {@code mode}, encrypted or not; never throws for anything the network or the server does. */
    ModeResult run(DataMode mode, boolean encrypted) {
        Row row = new Row(mode, encrypted);
        if (!mode.isExtended() && server.getAddress() instanceof Inet6Address) {
            return row.skipped(Finding.needsIpv4(mode));
        }
        ProbeTls.Client client = encrypted ? tls.newClient() : null;
        boolean implicit = target.security() == ProbeTarget.Security.IMPLICIT;
        try (ProbeSession session = ProbeSession.open(server, options.timeout(), client)) {
            try {
                session.greet(target.host(), implicit);
                return steps(session, row, client);
            } catch (SocketTimeoutException e) {
                return row.failed(Finding.transferFailed("No reply to " + session.control().lastVerb()
                        + " within " + Finding.words(options.timeout())));
            }
        } catch (StepException e) {
            return row.failed(stepFinding(e));
        } catch (IOException e) {
            return row.failed(Finding.transferFailed("The control connection failed: " + describe(e)));
        }
    }

    private ModeResult steps(ProbeSession session, Row row, ProbeTls.Client client)
            throws IOException, StepException {
        if (row.tls && target.security() != ProbeTarget.Security.IMPLICIT) {
            session.authTls(target.host());
        }
        if (row.tls && firstTls == null) {
            firstTls = client.details(session.tlsSocket());
        }
        session.login(target.user(), Probe.password(target));
        if (row.tls) {
            session.protectData();
        }
        row.start();
        ModeResult result = row.mode.isPassive() ? passive(session, row) : active(session, row);
        session.quit();
        return result;
    }

    /** A refused step before the mode command, as a finding. */
    static Finding stepFinding(StepException e) {
        if (e.step().equals("AUTH TLS")) {
            return Finding.tlsNotOffered(e.reply());
        }
        if (ReplyClassifier.demandsTls(e.reply())) {
            return Finding.tlsRequired(e.step(), e.reply());
        }
        return Finding.transferFailed("The server refused the " + e.step() + ": \"" + e.reply().oneLine() + "\"");
    }

    private ModeResult passive(ProbeSession session, Row row) throws IOException {
        ControlChannel control = session.control();
        Reply reply = control.command(row.mode.name());
        if (reply.code() != (row.mode == DataMode.PASV ? 227 : 229)) {
            return row.failed(ReplyClassifier.passiveCommand(row.mode, reply));
        }
        InetAddress peer = control.peerAddress();
        InetSocketAddress announced = row.mode == DataMode.PASV ? pasvAddress(reply) : epsvAddress(reply, peer);
        if (announced == null) {
            return row.failed(Finding.transferFailed("Cannot read the address in the reply \"" + reply.oneLine()
                    + "\""));
        }
        if (announced.getAddress().equals(peer)) {
            Attempt attempt = connect(row, announced, control.peerPort());
            if (attempt.socket == null) {
                return row.failed(Finding.passivePortUnreachable(announced, attempt.refused(), attempt.words()));
            }
            return transfer(session, row, attempt.socket, Outcome.WORKS);
        }
        boolean reachable = worthTrying(announced.getAddress(), peer);
        String failure = null;
        if (reachable) {
            Attempt attempt = connect(row, announced, control.peerPort());
            if (attempt.socket != null) {
                return transfer(session, row, attempt.socket, Outcome.WORKS);
            }
            failure = attempt.refused() ? "refused" : attempt.words();
        }
        InetSocketAddress viaControl = new InetSocketAddress(peer, announced.getPort());
        Attempt fallback = connect(row, viaControl, control.peerPort());
        if (fallback.socket == null) {
            return row.failed(
                    Finding.pasvAddressUnreachable(announced.getAddress(), peer, reachable, failure, false),
                    Finding.passivePortUnreachable(viaControl, fallback.refused(), fallback.words()));
        }
        row.findings.add(Finding.pasvAddressUnreachable(announced.getAddress(), peer, reachable, failure, true));
        return transfer(session, row, fallback.socket, Outcome.WORKS_VIA_CONTROL_ADDRESS);
    }

    /**
     * Whether to connect to a 227 address other than the control peer's. One that cannot be reached from where the
     * control connection goes would only send packets nowhere, or to an unintended host: try it only when its scope
     * says it could work. Over loopback the server is this machine, so only this machine's own addresses qualify
     * ({@link AddressScope} counts any private address as reachable from loopback, which holds for a LAN client of
     * this machine's network but says nothing about a server that names some other host's private address).
     */
    private static boolean worthTrying(InetAddress announced, InetAddress peer) throws IOException {
        if (peer.isLoopbackAddress()) {
            return announced.isLoopbackAddress() || NetworkInterface.getByInetAddress(announced) != null;
        }
        return AddressScope.of(announced).reachableFrom(AddressScope.of(peer));
    }

    /** Passive: the data connection is open; start the listing and read it. */
    private ModeResult transfer(ProbeSession session, Row row, Socket data, Outcome success) throws IOException {
        Reply start;
        try {
            start = session.control().command(listCommand());
        } catch (IOException e) {
            data.close();
            throw e;
        }
        if (!start.isPreliminary() && !start.isPositive()) {
            data.close();
            return row.failed(ReplyClassifier.transfer(row.mode, start, row.tls, options.tlsNoResume()));
        }
        return receive(session, row, data, start.isPositive() ? start : null, success);
    }

    private ModeResult active(ProbeSession session, Row row) throws IOException {
        ControlChannel control = session.control();
        InetAddress local = control.localAddress();
        InetAddress sent = options.activeAddress() != null ? options.activeAddress() : local;
        if (row.mode == DataMode.PORT && !(sent instanceof Inet4Address)) {
            return row.skipped(Finding.needsIpv4(row.mode));
        }
        try (ActiveListener listener = new ActiveListener(control.peerPort())) {
            listener.bind(new InetSocketAddress(local, 0), 1);
            listener.setSoTimeout(timeoutMs());
            row.addresses.add((InetSocketAddress) listener.getLocalSocketAddress());
            InetSocketAddress advertised = new InetSocketAddress(sent, listener.getLocalPort());
            Reply reply = control.command(activeCommand(row.mode, advertised));
            if (!reply.isPositive()) {
                return row.failed(ReplyClassifier.activeCommand(row.mode, reply, features.contains(row.mode.name())));
            }
            Reply start;
            try {
                start = control.command(listCommand());
            } catch (SocketTimeoutException e) {
                // Servers that connect before answering wait for their own connect timeout first.
                return row.failed(Finding.activeNoConnection(row.mode, advertised, options.timeout(), null));
            }
            if (start.code() == 425) {
                return row.failed(Finding.activeNoConnection(row.mode, advertised, options.timeout(), start));
            }
            if (!start.isPreliminary() && !start.isPositive()) {
                return row.failed(ReplyClassifier.transfer(row.mode, start, row.tls, options.tlsNoResume()));
            }
            Socket data;
            try {
                data = listener.accept();
            } catch (SocketTimeoutException e) {
                return row.failed(Finding.activeNoConnection(row.mode, advertised, options.timeout(), null));
            }
            return receive(session, row, data, start.isPositive() ? start : null, Outcome.WORKS);
        }
    }

    /**
     * Reads the listing to its end (through TLS for an encrypted row), then the final reply, and judges both.
     *
     * @param done the final reply if the server already sent it instead of a 1xx, else null
     */
    private ModeResult receive(ProbeSession session, Row row, Socket data, Reply done, Outcome success)
            throws IOException {
        IOException dataFailure = null;
        boolean handshakeFailed = false;
        try (Socket socket = data) {
            socket.setSoTimeout(timeoutMs());
            InputStream in = socket.getInputStream();
            if (row.tls) {
                try {
                    in = dataTls(session, socket).getInputStream();
                } catch (IOException e) {
                    handshakeFailed = true;
                    dataFailure = e;
                }
            }
            if (dataFailure == null) {
                dataFailure = drain(in);
            }
        }
        Reply end = done;
        if (end == null) {
            try {
                end = session.control().read();
            } catch (SocketTimeoutException e) {
                return row.failed(handshakeFailed
                        ? Finding.dataTlsFailed(describe(dataFailure), null)
                        : Finding.transferFailed("No final reply to LIST within " + Finding.words(options.timeout())
                                + (dataFailure == null ? "" : " (the data connection failed: "
                                        + describe(dataFailure) + ")")));
            }
        }
        if (end.isPositive() && dataFailure == null) {
            return row.done(success);
        }
        if (end.isPositive()) {
            return row.failed(Finding.transferFailed("The data connection failed (" + describe(dataFailure)
                    + ") although the server replied \"" + end.oneLine() + "\""));
        }
        Finding finding = ReplyClassifier.transfer(row.mode, end, row.tls, options.tlsNoResume());
        if (handshakeFailed && finding.diagnosis() == Diagnosis.TRANSFER_FAILED) {
            finding = Finding.dataTlsFailed(describe(dataFailure), end);
        }
        return row.failed(finding);
    }

    private SSLSocket dataTls(ProbeSession session, Socket socket) throws IOException {
        // A fresh context has an empty session cache: a full handshake, as clients that never resume make.
        ProbeTls.Client client = options.tlsNoResume() ? tls.newClient() : session.tls();
        return client.data(socket, target.host(), session.control().peerPort());
    }

    /** Reads to the end of the stream; returns the failure instead of throwing, since the final reply decides. */
    private static IOException drain(InputStream in) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            while (in.read(buffer) >= 0) {
                // The listing itself does not matter, only that it arrives whole.
                continue;
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private Attempt connect(Row row, InetSocketAddress address, int controlPort) throws IOException {
        row.addresses.add(address);
        Socket socket = new PeerPortSocket(controlPort);
        try {
            socket.connect(address, timeoutMs());
            return new Attempt(socket, null, options.timeout());
        } catch (IOException e) {
            socket.close();
            return new Attempt(null, e, options.timeout());
        }
    }

    /** A data connection attempt: the socket, or why there is none. */
    private record Attempt(Socket socket, IOException failure, Duration timeout) {

        boolean refused() {
            return failure instanceof ConnectException && !(failure instanceof SocketTimeoutException);
        }

        String words() {
            return failure instanceof SocketTimeoutException
                    ? "no answer within " + Finding.words(timeout) + " (a firewall silently drops the packets)"
                    : describe(failure);
        }
    }

    private String listCommand() {
        return target.path().isEmpty() ? "LIST" : "LIST " + target.path();
    }

    private static InetSocketAddress pasvAddress(Reply reply) throws UnknownHostException {
        Matcher m = PASV_REPLY.matcher(reply.text().substring(3));
        if (!m.find()) {
            return null;
        }
        int[] numbers = new int[6];
        for (int i = 0; i < 6; i++) {
            numbers[i] = Integer.parseInt(m.group(i + 1));
            if (numbers[i] > 255) {
                return null;
            }
        }
        byte[] address = {(byte) numbers[0], (byte) numbers[1], (byte) numbers[2], (byte) numbers[3]};
        return new InetSocketAddress(InetAddress.getByAddress(address), numbers[4] << 8 | numbers[5]);
    }

    private static InetSocketAddress epsvAddress(Reply reply, InetAddress peer) {
        Matcher m = EPSV_REPLY.matcher(reply.text());
        if (!m.find()) {
            return null;
        }
        int port = Integer.parseInt(m.group(2));
        return port > 0 && port <= 65_535 ? new InetSocketAddress(peer, port) : null;
    }

    /** PORT h1,h2,h3,h4,p1,p2 (RFC 959 4.1.2) or EPRT |1|addr|port| / |2|addr|port| (RFC 2428 2). */
    private static String activeCommand(DataMode mode, InetSocketAddress address) {
        int port = address.getPort();
        if (mode == DataMode.PORT) {
            byte[] a = address.getAddress().getAddress();
            return "PORT " + (a[0] & 0xFF) + "," + (a[1] & 0xFF) + "," + (a[2] & 0xFF) + "," + (a[3] & 0xFF) + ","
                    + (port >> 8) + "," + (port & 0xFF);
        }
        String host = address.getAddress().getHostAddress();
        int zone = host.indexOf('%');
        host = zone < 0 ? host : host.substring(0, zone);
        return "EPRT |" + (address.getAddress() instanceof Inet6Address ? 2 : 1) + "|" + host + "|" + port + "|";
    }

    private int timeoutMs() {
        return Math.toIntExact(options.timeout().toMillis());
    }

    /** An exception as the report says it: its kind in words, then the JDK's message. */
    static String describe(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "no answer within the timeout";
        }
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        if (e instanceof ConnectException) {
            return "connection refused" + message;
        }
        return e.getClass().getSimpleName() + message;
    }

    /** What one row accumulates on its way. */
    private static final class Row {
        final DataMode mode;
        final boolean tls;
        final List<Finding> findings = new ArrayList<>();
        final List<InetSocketAddress> addresses = new ArrayList<>();
        private long startNs;
        private boolean started;

        Row(DataMode mode, boolean tls) {
            this.mode = mode;
            this.tls = tls;
        }

        void start() {
            startNs = System.nanoTime();
            started = true;
        }

        ModeResult done(Outcome outcome) {
            return new ModeResult(mode, tls, outcome, elapsed(), findings, addresses);
        }

        ModeResult failed(Finding... why) {
            findings.addAll(List.of(why));
            return new ModeResult(mode, tls, Outcome.FAILED, elapsed(), findings, addresses);
        }

        ModeResult skipped(Finding why) {
            findings.add(why);
            return new ModeResult(mode, tls, Outcome.SKIPPED, null, findings, addresses);
        }

        private Duration elapsed() {
            return !started ? null : Duration.ofNanos(System.nanoTime() - startNs);
        }
    }
}
