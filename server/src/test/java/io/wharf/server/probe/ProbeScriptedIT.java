package io.wharf.server.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The probe against {@link ScriptedFtpServer}: replies of real servers that Wharf cannot be made to give.
 */
@Timeout(30)
class ProbeScriptedIT {

    private static final Duration SHORT = Duration.ofMillis(300);

    private ScriptedFtpServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
            assertNull(server.failure(), "the scripted server failed");
        }
    }

    private ProbeReport probe(ScriptedFtpServer scripted) {
        server = scripted.start();
        ProbeTarget target = ProbeTarget.parse("ftp://127.0.0.1:" + server.port() + "/", false);
        return Probe.run(target, new ProbeOptions(SHORT, false, null, List.of()));
    }

    @Test
    void aPlainServerWorksInEveryMode() throws Exception {
        ProbeReport report = probe(new ScriptedFtpServer());
        assertEquals(4, report.rows().size(), report.toString());
        for (ModeResult row : report.rows()) {
            assertEquals(Outcome.WORKS, row.outcome(), row.toString());
        }
        assertEquals(0, report.exitCode());
    }

    @Test
    void aPassivePortWhereNothingListensIsNamed() throws Exception {
        // Bound but not listening: connections to it are refused, and no other process can take the port meanwhile.
        try (Socket held = new Socket()) {
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = held.getLocalPort();
            ProbeReport report = probe(new ScriptedFtpServer().reply("PASV",
                    "227 Entering Passive Mode (127,0,0,1," + (port >> 8) + "," + (port & 0xFF) + ")."));
            ModeResult pasv = report.row(DataMode.PASV, false);
            assertEquals(Outcome.FAILED, pasv.outcome());
            assertEquals(List.of(Diagnosis.PASSIVE_PORT_UNREACHABLE), pasv.diagnoses());
            String cause = pasv.findings().get(0).cause();
            assertTrue(cause.contains("port " + port) && cause.contains("refused"), cause);
            assertEquals(Outcome.WORKS, report.row(DataMode.EPSV, false).outcome());
            assertEquals(0, report.exitCode());
        }
    }

    @Test
    void activeModeWithoutTheServerConnectingBackTimesOut() throws Exception {
        ProbeReport report = probe(new ScriptedFtpServer().behave("LIST", (session, argument) -> {
            if (session.isActive()) {
                session.send("150 Here comes the directory listing.");     // and never connects
            } else {
                session.list();
            }
        }));
        for (DataMode mode : List.of(DataMode.PORT, DataMode.EPRT)) {
            ModeResult row = report.row(mode, false);
            assertEquals(Outcome.FAILED, row.outcome(), row.toString());
            assertEquals(List.of(Diagnosis.ACTIVE_NO_CONNECTION), row.diagnoses());
            assertTrue(row.findings().get(0).cause().contains("within 300 ms"), row.findings().toString());
        }
        assertEquals(Outcome.WORKS, report.row(DataMode.PASV, false).outcome());
    }

    @Test
    void epsvNotUnderstood() throws Exception {
        ProbeReport report = probe(new ScriptedFtpServer().reply("EPSV", "500 EPSV not understood"));
        ModeResult epsv = report.row(DataMode.EPSV, false);
        assertEquals(Outcome.FAILED, epsv.outcome());
        assertEquals(List.of(Diagnosis.EPSV_UNSUPPORTED), epsv.diagnoses());
        assertEquals(Outcome.WORKS, report.row(DataMode.PASV, false).outcome());
    }

    @Test
    void aPrivateAddressInThe227IsNeverContactedAndTheControlAddressIsUsed() throws Exception {
        InetAddress lan = InetAddress.getByName("10.1.2.3");
        ProbeReport report = probe(new ScriptedFtpServer().behave("PASV", (session, argument) -> session.pasv(lan)));
        ModeResult pasv = report.row(DataMode.PASV, false);
        assertEquals(Outcome.WORKS_VIA_CONTROL_ADDRESS, pasv.outcome());
        assertEquals(List.of(Diagnosis.PASV_ADDRESS_UNREACHABLE), pasv.diagnoses());
        assertEquals(1, pasv.dataAddresses().size(), pasv.dataAddresses().toString());
        assertTrue(pasv.dataAddresses().get(0).getAddress().isLoopbackAddress(), pasv.dataAddresses().toString());
        String cause = pasv.findings().get(0).cause();
        assertTrue(cause.contains("10.1.2.3, a private address") && cause.contains("did not try"), cause);
        assertTrue(cause.contains("control address 127.0.0.1 worked"), cause);
        assertEquals(0, report.exitCode());
    }

    @Test
    void aRefusedLoginIsFatal() throws Exception {
        ProbeReport report = probe(new ScriptedFtpServer().reply("PASS", "530 Login incorrect."));
        assertEquals(1, report.exitCode());
        assertTrue(report.rows().isEmpty());
        assertTrue(report.fatal().contains("530 Login incorrect"), report.fatal());
    }

    @Test
    void aReachableButWrong227AddressIsTriedThenTheControlAddress() throws Exception {
        // 127.0.0.2 is loopback too, so worth a try, but the passive listener is bound to 127.0.0.1 only.
        InetAddress wrong = InetAddress.getByName("127.0.0.2");
        ProbeReport report = probe(new ScriptedFtpServer().behave("PASV", (session, argument) -> session.pasv(wrong)));
        ModeResult pasv = report.row(DataMode.PASV, false);
        assertEquals(Outcome.WORKS_VIA_CONTROL_ADDRESS, pasv.outcome(), pasv.toString());
        assertEquals(List.of(Diagnosis.PASV_ADDRESS_UNREACHABLE), pasv.diagnoses());
        assertEquals(List.of(wrong, InetAddress.getByName("127.0.0.1")),
                pasv.dataAddresses().stream().map(InetSocketAddress::getAddress).toList());
        assertTrue(pasv.findings().get(0).cause().contains("connecting to it failed (refused)"),
                pasv.findings().get(0).cause());
    }

    @Test
    void ftpsAgainstAServerWithoutTls() throws Exception {
        server = new ScriptedFtpServer().start();
        ProbeTarget target = ProbeTarget.parse("ftps://127.0.0.1:" + server.port() + "/", false);
        ProbeReport report = Probe.run(target, new ProbeOptions(SHORT, false, null, List.of()));
        assertEquals(4, report.rows().size());
        for (ModeResult row : report.rows()) {
            assertTrue(row.tls());
            assertEquals(List.of(Diagnosis.TLS_NOT_OFFERED), row.diagnoses());
        }
        assertEquals(1, report.exitCode());
    }
}
