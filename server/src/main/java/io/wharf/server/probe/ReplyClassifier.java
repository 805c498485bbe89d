package io.wharf.server.probe;

import java.util.regex.Pattern;

/**
 * Reads failure replies the way an experienced operator would: the code says little on its own (servers answer
 * "TLS required" with 530, 534, 550 or 521, and "active mode disabled" with 500 or 502), so the text decides,
 * with the wording of real servers (Wharf, vsftpd, ProFTPD, pure-ftpd, FileZilla Server) in mind.
 */
final class ReplyClassifier {

    /**
     * Words servers use to demand TLS: vsftpd "must use encryption", ProFTPD "SSL/TLS required", pure-ftpd
     * "cleartext sessions ... are not accepted", FileZilla Server "does not allow plain FTP", Wharf "TLS required"
     * and "must be encrypted". Whole words only, so "authentication failed" does not count.
     */
    private static final Pattern TLS_WORDS = Pattern.compile(
            "(?i)\\b(tls|ssl|ftps|auth\\s+(tls|ssl)|prot\\s+p|pbsz|encrypt\\w*|cleartext|plain\\s+ftp)\\b");
    /** vsftpd "session reuse required", Wharf "TLS session reuse required", others "must resume". */
    private static final Pattern REUSE_WORDS = Pattern.compile("(?i)(reuse|re-use|resum)");
    /** Replies that object to the address in PORT/EPRT rather than to active mode as such. */
    private static final Pattern ADDRESS_WORDS = Pattern.compile("(?i)(address|foreign|illegal|only to|fxp)");
    /** Replies that say a verb is switched off, as opposed to unknown. */
    private static final Pattern DISABLED_WORDS = Pattern.compile(
            "(?i)(disabled|refused|not allowed|denied|forbidden|permission|illegal|use pasv|use epsv)");

    private ReplyClassifier() {
    }

    /** Whether a refusal is about TLS being required. */
    static boolean demandsTls(Reply reply) {
        return reply.code() >= 400 && TLS_WORDS.matcher(reply.text()).find() && !demandsReuse(reply);
    }

    /** Whether a refusal is about the data connection not resuming the control session. */
    static boolean demandsReuse(Reply reply) {
        return reply.code() >= 400 && REUSE_WORDS.matcher(reply.text()).find();
    }

    /** A failed reply to PASV or EPSV. */
    static Finding passiveCommand(DataMode mode, Reply reply) {
        if (reply.code() == 425 || reply.code() == 421) {
            return Finding.noPassivePort(mode, reply);
        }
        if (demandsTls(reply)) {
            return Finding.tlsRequired(mode + " command", reply);
        }
        if (mode == DataMode.EPSV && isNotImplemented(reply) && !DISABLED_WORDS.matcher(reply.text()).find()) {
            return Finding.extendedUnsupported(mode, reply);
        }
        return Finding.transferFailed("The server refused " + mode + ": \"" + reply.oneLine() + "\"");
    }

    /**
     * A failed reply to PORT or EPRT.
     *
     * @param featured whether FEAT listed the verb (then a refusal means "disabled", not "unknown")
     */
    static Finding activeCommand(DataMode mode, Reply reply, boolean featured) {
        if (demandsTls(reply)) {
            return Finding.tlsRequired(mode + " command", reply);
        }
        boolean addressComplaint = ADDRESS_WORDS.matcher(reply.text()).find();
        boolean disabled = DISABLED_WORDS.matcher(reply.text()).find();
        if (mode == DataMode.EPRT && isNotImplemented(reply) && !addressComplaint && !disabled && !featured) {
            return Finding.extendedUnsupported(mode, reply);
        }
        if (reply.code() >= 500) {
            return Finding.activeRefused(mode, reply, addressComplaint);
        }
        return Finding.transferFailed("The server refused " + mode + ": \"" + reply.oneLine() + "\"");
    }

    /**
     * A failed reply to the transfer command (LIST), or its final reply.
     *
     * @param encrypted whether the data connection was to be encrypted (PROT P)
     * @param noResume  whether the probe deliberately did not resume the control session
     */
    static Finding transfer(DataMode mode, Reply reply, boolean encrypted, boolean noResume) {
        if (encrypted && demandsReuse(reply)) {
            return Finding.tlsSessionReuseRequired(reply.oneLine(), noResume);
        }
        if (!encrypted && demandsTls(reply)) {
            return Finding.tlsRequired("data connection", reply);
        }
        return Finding.transferFailed("LIST failed: \"" + reply.oneLine() + "\"");
    }

    /** 500 "not understood", 502 "not implemented", 504 "not implemented for that parameter". */
    private static boolean isNotImplemented(Reply reply) {
        return reply.code() == 500 || reply.code() == 502 || reply.code() == 504;
    }
}
