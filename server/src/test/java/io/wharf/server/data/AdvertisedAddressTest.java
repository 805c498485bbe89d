package io.wharf.server.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.config.Cidr;
import io.wharf.server.control.ListenerContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Re-resolution of an advertised host name, driven by calling {@link AdvertisedAddress#refresh()} directly with a
 * resolver whose answers the test changes: no DNS, no scheduler, no waiting.
 */
class AdvertisedAddressTest {

    private static final String HOST = "ftp.example.com";
    private static final Duration PERIOD = Duration.ofSeconds(60);
    /** Held strongly: java.util.logging keeps loggers weakly, and a collected one would lose the handler. */
    private static final Logger LOG = Logger.getLogger(AdvertisedAddress.class.getName());

    private final FakeResolver dns = new FakeResolver();
    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        LOG.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        LOG.removeHandler(capture);
    }

    @Test
    void startTakesTheFirstIpv4Address() throws Exception {
        dns.answer("2001:db8::5", "203.0.113.5", "203.0.113.6");

        AdvertisedAddress advertised = AdvertisedAddress.resolve("ftp", HOST, true, PERIOD, dns);

        assertEquals("203.0.113.5", advertised.current().getHostAddress());
        assertEquals(PERIOD, advertised.refreshPeriod());
        assertEquals("ftp.example.com (203.0.113.5)", advertised.toString());
    }

    @Test
    void literalsAndRefreshOffAreNeverRefreshed() throws Exception {
        dns.answer("203.0.113.5");

        assertNull(AdvertisedAddress.resolve("ftp", "203.0.113.5", false, PERIOD, dns).refreshPeriod());
        assertNull(AdvertisedAddress.resolve("ftp", HOST, true, null, dns).refreshPeriod());
        assertNull(AdvertisedAddressRefresher.start(List.of(
                AdvertisedAddress.resolve("ftp", "203.0.113.5", false, PERIOD, dns))), "no thread without a name");
    }

    @Test
    void startFailsOnANameWithoutIpv4OrWithoutAnswer() {
        dns.answer("2001:db8::5");
        IOException ipv6Only = assertThrows(IOException.class,
                () -> AdvertisedAddress.resolve("public", HOST, true, PERIOD, dns));
        assertEquals("listener public: advertised-address ftp.example.com has no IPv4 address (only 2001:db8::5),"
                + " and the 227 reply to PASV can carry only IPv4; name a host with an A record, or leave"
                + " advertised-address unset", ipv6Only.getMessage());

        dns.fail();
        IOException unknown = assertThrows(IOException.class,
                () -> AdvertisedAddress.resolve("public", HOST, true, PERIOD, dns));
        assertEquals("listener public: advertised-address ftp.example.com does not resolve", unknown.getMessage());
    }

    @Test
    void aChangedAnswerIsUsedAndLoggedOnce() throws Exception {
        dns.answer("203.0.113.5");
        AdvertisedAddress advertised = AdvertisedAddress.resolve("ftp", HOST, true, PERIOD, dns);

        advertised.refresh();
        assertEquals(List.of(), logged, "an unchanged answer logs nothing");

        dns.answer("203.0.113.7");
        advertised.refresh();
        advertised.refresh();

        assertEquals("203.0.113.7", advertised.current().getHostAddress());
        assertEquals(List.of("INFO listener ftp: advertised address ftp.example.com is now 203.0.113.7"
                + " (was 203.0.113.5)"), logged);
    }

    @Test
    void aFailureKeepsTheLastGoodAddressAndWarnsOncePerStreak() throws Exception {
        dns.answer("203.0.113.5");
        AdvertisedAddress advertised = AdvertisedAddress.resolve("ftp", HOST, true, PERIOD, dns);
        InetAddress good = advertised.current();

        dns.fail();
        advertised.refresh();
        advertised.refresh();
        dns.answer("2001:db8::5");      // answers again, but nothing a 227 reply can carry: the same streak
        advertised.refresh();

        assertSame(good, advertised.current());
        assertEquals(List.of("WARNING listener ftp: advertised address ftp.example.com does not resolve"
                + " (ftp.example.com: no such host); 227 replies keep 203.0.113.5 until it resolves again"), logged);
    }

    @Test
    void recoveryIsLoggedOnceWithTheAddressItRecoveredTo() throws Exception {
        dns.answer("203.0.113.5");
        AdvertisedAddress advertised = AdvertisedAddress.resolve("ftp", HOST, true, PERIOD, dns);

        dns.fail();
        advertised.refresh();
        dns.answer("203.0.113.5");
        advertised.refresh();
        advertised.refresh();
        dns.answer("2001:db8::9");
        advertised.refresh();
        dns.answer("203.0.113.8");
        advertised.refresh();

        assertEquals("203.0.113.8", advertised.current().getHostAddress());
        assertEquals(List.of(
                "WARNING listener ftp: advertised address ftp.example.com does not resolve (ftp.example.com: no such"
                        + " host); 227 replies keep 203.0.113.5 until it resolves again",
                "INFO listener ftp: advertised address ftp.example.com resolves again, to 203.0.113.5 (unchanged)",
                "WARNING listener ftp: advertised address ftp.example.com has no IPv4 address (only"
                        + " 2001:db8::9); 227 replies keep 203.0.113.5 until it resolves again",
                "INFO listener ftp: advertised address ftp.example.com resolves again, to 203.0.113.8"
                        + " (was 203.0.113.5)"), logged);
    }

    @Test
    void aPassiveAddressForComesFromTheCurrentAnswer() throws Exception {
        dns.answer("203.0.113.5");
        AdvertisedAddress advertised = AdvertisedAddress.resolve("ftp", HOST, true, PERIOD, dns);
        ListenerContext context = new ListenerContext("ftp", null, advertised, List.of(Cidr.parse("10.0.0.0/8")),
                null, null, null);
        InetAddress local = InetAddress.getByName("10.0.0.5");

        dns.answer("203.0.113.9");
        advertised.refresh();

        assertEquals("203.0.113.9", context.passiveAddressFor(InetAddress.getByName("198.51.100.1"), local)
                .getHostAddress());
        assertSame(local, context.passiveAddressFor(InetAddress.getByName("10.1.2.3"), local));
    }

    /** Answers with literals (parsed without DNS), or fails as an unknown host would. */
    private static final class FakeResolver implements AddressResolver {
        private List<String> answer = List.of();
        private boolean failing;

        void answer(String... literals) {
            answer = List.of(literals);
            failing = false;
        }

        void fail() {
            failing = true;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            if (failing) {
                throw new UnknownHostException(host + ": no such host");
            }
            InetAddress[] addresses = new InetAddress[answer.size()];
            for (int i = 0; i < addresses.length; i++) {
                addresses[i] = InetAddress.getByName(answer.get(i));
            }
            return addresses;
        }
    }
}
