package io.wharf.server.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Replies of real servers, as the classifier reads them. */
class ReplyClassifierTest {

    private static Reply reply(String line) {
        return new Reply(Integer.parseInt(line.substring(0, 3)), line);
    }

    @Test
    void vsftpdSessionReuseRefusal() {
        Reply vsftpd = reply("522 SSL connection failed: session reuse required");
        assertEquals(Diagnosis.TLS_SESSION_REUSE_REQUIRED,
                ReplyClassifier.transfer(DataMode.PASV, vsftpd, true, false).diagnosis());
        assertFalse(ReplyClassifier.demandsTls(vsftpd), "a reuse refusal is not a plain-text refusal");
    }

    @Test
    void wharfSessionReuseRefusal() {
        Reply wharf = reply("522 TLS session reuse required: the data connection must resume the control "
                + "connection's TLS session");
        assertEquals(Diagnosis.TLS_SESSION_REUSE_REQUIRED,
                ReplyClassifier.transfer(DataMode.EPSV, wharf, true, true).diagnosis());
    }

    @Test
    void serversThatRequireTls() {
        for (String line : new String[] {
            "530 TLS required on this server: send AUTH TLS before USER",                // Wharf
            "521 Data connections must be encrypted on this server: send PBSZ 0 and PROT P",
            "530 Non-anonymous sessions must use encryption.",                          // vsftpd
            "522 Data connections must be encrypted.",                                  // vsftpd
            "550 SSL/TLS required on the control channel",                              // ProFTPD
            "534 Sorry, cleartext sessions and weak ciphers are not accepted on this server", // pure-ftpd
            "530 This server does not allow plain FTP. You have to use FTP over TLS."}) { // FileZilla Server
            assertTrue(ReplyClassifier.demandsTls(reply(line)), line);
            assertEquals(Diagnosis.TLS_REQUIRED,
                    ReplyClassifier.transfer(DataMode.PASV, reply(line), false, false).diagnosis(), line);
        }
    }

    @Test
    void aWrongPasswordIsNotATlsRequirement() {
        assertFalse(ReplyClassifier.demandsTls(reply("530 Login authentication failed")));
        assertFalse(ReplyClassifier.demandsTls(reply("530 Login incorrect.")));
    }

    @Test
    void passiveRefusals() {
        assertEquals(Diagnosis.NO_PASSIVE_PORT, ReplyClassifier.passiveCommand(DataMode.PASV,
                reply("425 Can't open data connection: no passive port free, try again later")).diagnosis());
        assertEquals(Diagnosis.NO_PASSIVE_PORT,
                ReplyClassifier.passiveCommand(DataMode.EPSV, reply("421 Too many connections")).diagnosis());
        assertEquals(Diagnosis.EPSV_UNSUPPORTED,
                ReplyClassifier.passiveCommand(DataMode.EPSV, reply("500 EPSV not understood")).diagnosis());
        assertEquals(Diagnosis.TRANSFER_FAILED,
                ReplyClassifier.passiveCommand(DataMode.PASV, reply("502 Command not implemented")).diagnosis());
    }

    @Test
    void activeRefusals() {
        Finding disabled = ReplyClassifier.activeCommand(DataMode.EPRT,
                reply("502 EPRT is disabled on this server; use PASV or EPSV"), true);
        assertEquals(Diagnosis.ACTIVE_REFUSED, disabled.diagnosis());
        assertTrue(disabled.cause().contains("disabled"), disabled.cause());
        Finding foreign = ReplyClassifier.activeCommand(DataMode.PORT, reply("500 PORT to 198.51.100.7 refused: "
                + "data connections go only to 127.0.0.1, the address this control connection comes from"), true);
        assertEquals(Diagnosis.ACTIVE_REFUSED, foreign.diagnosis());
        assertTrue(foreign.cause().contains("behind NAT"), foreign.cause());
        assertEquals(Diagnosis.EPRT_UNSUPPORTED,
                ReplyClassifier.activeCommand(DataMode.EPRT, reply("500 Unknown command."), false).diagnosis());
        assertEquals(Diagnosis.ACTIVE_REFUSED,
                ReplyClassifier.activeCommand(DataMode.PORT, reply("500 Illegal PORT command."), true).diagnosis());
    }
}
