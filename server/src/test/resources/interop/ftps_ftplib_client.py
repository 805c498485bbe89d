"""Drives Python's stdlib ftplib.FTP_TLS for FtpsPythonEnforceIT and FtpsPythonAllowIT: one explicit-FTPS session
(AUTH TLS, login, PBSZ 0, PROT P), the operations given on the command line.

usage: ftps_ftplib_client.py PORT USER PASSWORD CAFILE fresh|resume OP [OP...]
where each OP is one argument, words separated by spaces:
  mkd DIR | put LOCAL REMOTE | resume-put LOCAL REMOTE | get REMOTE LOCAL | resume-get REMOTE LOCAL
  nlst DIR OUT | list DIR OUT | refused OP...

The server certificate is verified against CAFILE, host name (127.0.0.1) included. "fresh" is stock ftplib: each
data connection makes a new TLS session. "resume" passes the control connection's session to every data connection
(the usual fix for servers that require session reuse, such as vsftpd's require_ssl_reuse).

Debug level 1 prints every command ftplib sends as a "*cmd* '...'" line and every reply as "*resp* '...'". The script
adds "control: VERSION" after AUTH TLS and "data: VERSION resumed=True|False" for every data connection.
"refused OP" runs OP and expects the server to refuse it with a 5xx reply, printed as "refused: REPLY"; it fails the
script if OP succeeds. Any other ftplib error ends the script with a traceback and exit code 1.
"""
import ftplib
import os
import ssl
import sys


class Client(ftplib.FTP_TLS):
    """ftplib.FTP_TLS, reporting each data connection's TLS session; with resume, offering the control session."""

    resume = False

    def ntransfercmd(self, cmd, rest=None):
        # FTP_TLS.ntransfercmd, plus the session argument and the report.
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:
            session = self.sock.session if self.resume else None
            conn = self.context.wrap_socket(conn, server_hostname=self.host, session=session)
            print("data:", conn.version(), "resumed=%s" % conn.session_reused, flush=True)
        return conn, size


def main(argv):
    port, user, password, cafile, mode = int(argv[1]), argv[2], argv[3], argv[4], argv[5]
    context = ssl.create_default_context(cafile=cafile)
    ftp = Client(context=context, timeout=20)
    ftp.resume = mode == "resume"
    ftp.set_debuglevel(1)
    ftp.connect("127.0.0.1", port)
    ftp.auth()
    print("control:", ftp.sock.version(), flush=True)
    ftp.login(user, password)
    ftp.prot_p()
    for op in argv[6:]:
        words = op.split(" ")
        if words[0] == "refused":
            refused(ftp, words[1], words[2:])
        else:
            run(ftp, words[0], words[1:])
    ftp.quit()


def refused(ftp, verb, args):
    try:
        run(ftp, verb, args)
    except ftplib.error_perm as e:
        print("refused:", e, flush=True)
        return
    except OSError as e:
        # The refusal closed the data connection under a transfer still sending or reading: the final reply
        # is still waiting on the control connection.
        print("data connection failed:", repr(e), flush=True)
        try:
            reply = ftp.getresp()
        except ftplib.error_perm as e:
            print("refused:", e, flush=True)
            return
        raise SystemExit("a failed data connection answered %r" % reply)
    raise SystemExit("not refused: " + verb + " " + " ".join(args))


def run(ftp, verb, args):
    if verb == "mkd":
        print("mkd:", ftp.mkd(args[0]))
    elif verb == "put":
        with open(args[0], "rb") as f:
            ftp.storbinary("STOR " + args[1], f)
    elif verb == "resume-put":
        # SIZE reports the hidden partial an interrupted upload left (in TYPE I; ftplib's size() does not set it).
        ftp.voidcmd("TYPE I")
        offset = ftp.size(args[1])
        with open(args[0], "rb") as f:
            f.seek(offset)
            ftp.storbinary("STOR " + args[1], f, rest=offset)
        print("resumed upload at", offset)
    elif verb == "get":
        with open(args[1], "wb") as f:
            ftp.retrbinary("RETR " + args[0], f.write)
    elif verb == "resume-get":
        # retrbinary sends REST before RETR; the local file holds what an interrupted download left.
        offset = os.path.getsize(args[1])
        with open(args[1], "ab") as f:
            ftp.retrbinary("RETR " + args[0], f.write, rest=offset)
        print("resumed download at", offset)
    elif verb == "nlst":
        write_lines(args[1], ftp.nlst(args[0]))
    elif verb == "list":
        lines = []
        ftp.retrlines("LIST " + args[0], lines.append)
        write_lines(args[1], lines)
    else:
        raise SystemExit("unknown operation: " + verb)


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))


if __name__ == "__main__":
    main(sys.argv)
