package io.wharf.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateHostsTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "ftp.example.com", "FTP.Example.COM", "*.example.com", "xn--bcher-kva.de",
        "a-b.c", "127.0.0.1", "192.0.2.10", "::1", "[::1]", "2001:db8::1", "[2001:db8::1]", "::ffff:192.0.2.1"})
    void acceptsNamesAndAddressesClientsCanMatch(String host) {
        assertNull(CertificateHosts.problem(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "exa mple.com", "-bad.example.com", "bad-.example.com", "under_score.com",
        "a..b", "example.com.", "10.0.0.256", "1.2.3", "[10.0.0.1]", "[::1", "fe80::1%eth0", "2001:db8::zz",
        "ftp.*.example.com", "*.com", "*"})
    void rejectsWhatWouldNeverMatch(String host) {
        assertNotNull(CertificateHosts.problem(host), host);
    }

    @ParameterizedTest
    @CsvSource({"rw-------, 0600", "rw-r--r--, 0644", "rwxr-x---, 0750"})
    void printsModesAsChmodDoes(String permissions, String octal) {
        assertEquals(octal, TlsSelfSignedCommand.octal(permissions));
    }
}
