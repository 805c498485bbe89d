package io.wharf.server.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.ActiveConfig;
import io.wharf.config.PortRange;
import io.wharf.config.SessionReuse;
import io.wharf.config.TlsRequirement;
import io.wharf.server.cli.Main;
import io.wharf.server.it.WharfServerExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The probe against Wharf in configurations that break each data mode on purpose; every check is on the report's
 * model (outcomes and diagnosis codes), and a few on the printed table and the exit code of {@code wharf probe}.
 */
@Timeout(60)
class ProbeWharfIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final List<DataMode> ALL = List.of(DataMode.values());
    private static final List<DataMode> PASSIVE = List.of(DataMode.PASV, DataMode.EPSV);
    private static final List<DataMode> ACTIVE = List.of(DataMode.PORT, DataMode.EPRT);

    static String url(String scheme, WharfServerExtension wharf) {
        return scheme + "://" + WharfServerExtension.USER + ":" + WharfServerExtension.PASSWORD + "@127.0.0.1:"
                + wharf.port() + "/";
    }

    static ProbeReport probe(String url, boolean implicit, boolean noResume) {
        return Probe.run(ProbeTarget.parse(url, implicit), new ProbeOptions(TIMEOUT, noResume, null,
                List.of(WharfServerExtension.certificate().certificate())));
    }

    static void assertRows(ProbeReport report, boolean tls, List<DataMode> modes, Outcome outcome,
            Diagnosis... diagnoses) {
        for (DataMode mode : modes) {
            ModeResult row = report.row(mode, tls);
            assertEquals(outcome, row.outcome(), row.toString());
            assertEquals(List.of(diagnoses), row.diagnoses(), row.toString());
        }
    }

    /** Runs {@code wharf probe args...}; returns the exit code and what it printed. */
    static Printed cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Main.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int code = command.execute(args);
        return new Printed(code, out.toString(), err.toString());
    }

    record Printed(int exitCode, String out, String err) {
    }

    /** Holds every port of the server's passive pool with a listening socket, as another process would. */
    static List<ServerSocket> occupyPassivePorts(WharfServerExtension wharf) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        for (PortRange range : wharf.server().config().listeners().get(0).passive().ports()) {
            for (int port = range.first(); port <= range.last(); port++) {
                held.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
            }
        }
        return held;
    }

    static void release(List<ServerSocket> held) throws IOException {
        for (ServerSocket socket : held) {
            socket.close();
        }
    }

    @Nested
    class Plain {
        @RegisterExtension
        final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4);

        @Test
        void everyModeWorks() {
            ProbeReport report = probe(url("ftp", wharf), false, false);
            assertNull(report.fatal());
            assertEquals(4, report.rows().size(), "no TLS rows without AUTH TLS in FEAT: " + report.rows());
            assertRows(report, false, ALL, Outcome.WORKS);
            assertEquals(0, report.exitCode());
            assertNull(report.tls());
            assertEquals(230, report.login().code());
            wharf.assertNoLeaks();
        }

        @Test
        void theCommandPrintsTheTableAndExitsZero() {
            Printed printed = cli("probe", "--timeout", "2s", url("ftp", wharf));
            assertEquals(0, printed.exitCode(), printed.out() + printed.err());
            assertTrue(printed.out().contains("MODE      RESULT   TIME      LIKELY CAUSE"), printed.out());
            assertTrue(printed.out().lines().anyMatch(line -> line.matches("EPRT\\s+works\\s+\\d+ ms\\s+-")),
                    printed.out());
            assertTrue(printed.out().contains("4 of 4 data modes work."), printed.out());
            assertTrue(!printed.out().contains(WharfServerExtension.PASSWORD), "the password must not be printed");
        }

        @Test
        void aWrongPasswordStopsTheProbe() {
            Printed printed = cli("probe", "--timeout", "2s",
                    "ftp://" + WharfServerExtension.USER + ":wrong@127.0.0.1:" + wharf.port() + "/");
            assertEquals(1, printed.exitCode(), printed.out());
            assertTrue(printed.out().contains("PROBE STOPPED: Login as partner refused: \"530 Login incorrect\""),
                    printed.out());
            assertTrue(printed.out().contains("Check the user name and the password."), printed.out());
        }
    }

    @Test
    void nothingListeningStopsTheProbe() throws IOException {
        // Bound but not listening: refused for certain, and no other process can take the port meanwhile.
        try (Socket held = new Socket()) {
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Printed printed = cli("probe", "--timeout", "2s", "ftp://127.0.0.1:" + held.getLocalPort() + "/");
            assertEquals(1, printed.exitCode(), printed.out());
            assertTrue(printed.out().contains("PROBE STOPPED: Cannot connect to 127.0.0.1 port "
                    + held.getLocalPort() + ": connection refused."), printed.out());
        }
    }

    @Test
    void aBadUrlIsAUsageError() {
        Printed printed = cli("probe", "http://127.0.0.1/");
        assertEquals(2, printed.exitCode());
        assertTrue(printed.err().contains("ftp:// or ftps://"), printed.err());
    }

    @Nested
    class AdvertisedTestNetAddress {
        @RegisterExtension
        final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4)
                .advertised("192.0.2.10", List.of());

        @Test
        void pasvWorksOnlyViaTheControlAddressAndTheReservedAddressIsNeverContacted() {
            ProbeReport report = probe(url("ftp", wharf), false, false);
            ModeResult pasv = report.row(DataMode.PASV, false);
            assertEquals(Outcome.WORKS_VIA_CONTROL_ADDRESS, pasv.outcome(), pasv.toString());
            assertEquals(List.of(Diagnosis.PASV_ADDRESS_UNREACHABLE), pasv.diagnoses());
            for (InetSocketAddress address : pasv.dataAddresses()) {
                assertTrue(address.getAddress().isLoopbackAddress(), "connected to " + address);
            }
            String cause = pasv.findings().get(0).cause();
            assertTrue(cause.contains("192.0.2.10, a reserved, never routed address"), cause);
            assertTrue(pasv.findings().get(0).fix().contains("passive.advertised-address"));
            assertRows(report, false, List.of(DataMode.EPSV, DataMode.PORT, DataMode.EPRT), Outcome.WORKS);
            assertEquals(0, report.exitCode());
        }

        @Test
        void theTableMarksIt() {
            Printed printed = cli("probe", "--timeout", "2s", url("ftp", wharf));
            assertEquals(0, printed.exitCode());
            assertTrue(printed.out().lines().anyMatch(line -> line.startsWith("PASV      works*")), printed.out());
            assertTrue(printed.out().contains("works*: only because the probe ignored the address"), printed.out());
        }
    }

    @Nested
    class PassivePoolHeldByAnotherProcess {
        @RegisterExtension
        final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4);

        @Test
        void passiveModesHaveNoPortAndActiveModesWork() throws IOException {
            List<ServerSocket> held = occupyPassivePorts(wharf);
            try {
                ProbeReport report = probe(url("ftp", wharf), false, false);
                assertRows(report, false, PASSIVE, Outcome.FAILED, Diagnosis.NO_PASSIVE_PORT);
                assertRows(report, false, ACTIVE, Outcome.WORKS);
                assertEquals(0, report.exitCode());
            } finally {
                release(held);
            }
        }
    }

    @Nested
    class ActiveDisabled {
        @RegisterExtension
        final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4)
                .active(new ActiveConfig(false, false, List.of()));

        @Test
        void activeModesAreRefused() {
            ProbeReport report = probe(url("ftp", wharf), false, false);
            assertRows(report, false, ACTIVE, Outcome.FAILED, Diagnosis.ACTIVE_REFUSED);
            assertRows(report, false, PASSIVE, Outcome.WORKS);
        }

        @Test
        void withThePoolHeldTooNothingWorks() throws IOException {
            List<ServerSocket> held = occupyPassivePorts(wharf);
            try {
                Printed printed = cli("probe", "--timeout", "2s", url("ftp", wharf));
                assertEquals(1, printed.exitCode(), printed.out());
                assertTrue(printed.out().contains("0 of 4 data modes work: no data connection can be made."),
                        printed.out());
                for (DataMode mode : ALL) {
                    assertTrue(printed.out().lines().anyMatch(line -> line.startsWith(mode + "      FAILED")),
                            printed.out());
                }
            } finally {
                release(held);
            }
        }
    }

    @Nested
    class TlsOptional {
        @RegisterExtension
        final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4)
                .tls(false, TlsRequirement.NONE, SessionReuse.ENFORCE);

        @Test
        void plainAndTlsRowsWorkAndResumeTheControlSession() {
            ProbeReport report = probe(url("ftp", wharf), false, false);
            assertEquals(8, report.rows().size(), report.rows().toString());
            assertRows(report, false, ALL, Outcome.WORKS);
            assertRows(report, true, ALL, Outcome.WORKS);
            TlsDetails tls = report.tls();
            assertNotNull(tls);
            assertTrue(tls.trusted(), tls.toString());
            assertEquals(WharfServerExtension.certificate().sha256Fingerprint(), tls.sha256());
            wharf.assertNoLeaks();
        }

        @Test
        void withoutResumptionEnforceRefusesTheDataConnections() {
            ProbeReport report = probe(url("ftps", wharf), false, true);
            assertEquals(4, report.rows().size(), report.rows().toString());
            assertRows(report, true, ALL, Outcome.FAILED, Diagnosis.TLS_SESSION_REUSE_REQUIRED);
            assertEquals(1, report.exitCode());
        }

        @Test
        void theHeaderSaysWhenTheCertificateIsNotTrusted() {
            Printed printed = cli("probe", "--timeout", "2s", url("ftps", wharf));
            assertEquals(0, printed.exitCode(), printed.out());
            assertTrue(printed.out().contains("NOT VERIFIED: self-signed"), printed.out());
            assertTrue(printed.out().contains(WharfServerExtension.certificate().sha256Fingerprint()), printed.out());
        }
    }

    @Nested
    class TlsAllowWithoutResumption {
        @RegisterExtension
        final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4)
                .tls(false, TlsRequirement.NONE, SessionReuse.ALLOW);

        @Test
        void freshSessionsAreAccepted() {
            ProbeReport report = probe(url("ftps", wharf), false, true);
            assertRows(report, true, ALL, Outcome.WORKS);
        }
    }

    @Nested
    class ImplicitTls {
        @RegisterExtension
        final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4)
                .tls(true, TlsRequirement.BOTH, SessionReuse.ENFORCE);

        @Test
        void tlsRowsWork() {
            ProbeReport report = probe(url("ftps", wharf), true, false);
            assertEquals(4, report.rows().size(), report.rows().toString());
            assertRows(report, true, ALL, Outcome.WORKS);
            assertEquals(0, report.exitCode());
        }
    }

    @Nested
    class TlsRequiredForControl {
        @RegisterExtension
        final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4)
                .tls(false, TlsRequirement.CONTROL, SessionReuse.ENFORCE);

        @Test
        void plainRowsNeedTlsAndTlsRowsWork() {
            ProbeReport report = probe(url("ftp", wharf), false, false);
            assertNull(report.fatal());
            assertRows(report, false, ALL, Outcome.FAILED, Diagnosis.TLS_REQUIRED);
            assertRows(report, true, ALL, Outcome.WORKS);
            assertEquals(0, report.exitCode());
        }
    }

    @Nested
    class TlsRequiredForData {
        @RegisterExtension
        final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4)
                .tls(false, TlsRequirement.DATA, SessionReuse.ENFORCE);

        @Test
        void plainDataIsRefused() {
            ProbeReport report = probe(url("ftp", wharf), false, false);
            assertRows(report, false, ALL, Outcome.FAILED, Diagnosis.TLS_REQUIRED);
            assertRows(report, true, ALL, Outcome.WORKS);
            assertEquals(0, report.exitCode());
        }
    }

    @Nested
    class Ipv6 {
        @RegisterExtension
        final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4).address("::1");

        @Test
        void pasvAndPortAreSkippedAndTheExtendedModesWork() {
            ProbeReport report = probe("ftp://" + WharfServerExtension.USER + ":" + WharfServerExtension.PASSWORD
                    + "@[::1]:" + wharf.port() + "/", false, false);
            assertRows(report, false, List.of(DataMode.PASV, DataMode.PORT), Outcome.SKIPPED, Diagnosis.NEEDS_IPV4);
            assertRows(report, false, List.of(DataMode.EPSV, DataMode.EPRT), Outcome.WORKS);
            assertEquals(2, report.triedModes());
            assertEquals(0, report.exitCode());
        }
    }
}
