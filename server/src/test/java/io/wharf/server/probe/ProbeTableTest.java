package io.wharf.server.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeTableTest {

    @Test
    void wrapsAtWordsAndCutsOverlongWords() {
        assertEquals(List.of("the server's", "firewall does", "not open port", "30001."),
                ProbeTable.wrap("the server's firewall does not open port 30001.", 14));
        assertEquals(List.of("AB:CD:EF:", "01:23"), ProbeTable.wrap("AB:CD:EF:01:23", 9));
        assertEquals(List.of(""), ProbeTable.wrap("", 10));
    }

    @Test
    void causeAndFixStayInTheirColumnsAtTheMinimumWidth() throws Exception {
        Finding finding = Finding.pasvAddressUnreachable(InetAddress.getByName("192.0.2.10"),
                InetAddress.getByName("127.0.0.1"), false, null, true);
        ModeResult row = new ModeResult(DataMode.PASV, false, Outcome.WORKS_VIA_CONTROL_ADDRESS,
                Duration.ofMillis(3), List.of(finding), List.of(new InetSocketAddress("127.0.0.1", 30001)));
        ProbeReport report = new ProbeReport(ProbeTarget.parse("ftp://127.0.0.1:2121/", false), "127.0.0.1",
                Duration.ofMillis(1), new Reply(220, "220 ready"), null, List.of("EPSV", "PASV"),
                new Reply(230, "230 ok"), Duration.ofMillis(2), List.of(row), null);
        StringWriter out = new StringWriter();
        ProbeTable.print(report, new PrintWriter(out), 40);
        String text = out.toString();
        for (String line : text.split(System.lineSeparator())) {
            assertTrue(line.length() <= ProbeTable.MIN_WIDTH, "too long: " + line);
        }
        assertTrue(text.contains("PASV      works*   3 ms      The 227 reply names"), text);
        assertTrue(text.contains("1 of 1 data modes work."), text);
    }
}
