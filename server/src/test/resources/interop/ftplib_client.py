"""Drives Python's stdlib ftplib for PythonFtplibIT: one session, the operations given on the command line.

usage: ftplib_client.py PORT USER PASSWORD passive|active OP [OP...]
where each OP is one argument, words separated by spaces:
  mkd DIR | put LOCAL REMOTE | resume-put LOCAL REMOTE | get REMOTE LOCAL | resume-get REMOTE LOCAL
  rename FROM TO | nlst DIR OUT | list DIR OUT | dele REMOTE

Debug level 1 prints every command ftplib sends as a "*cmd* '...'" line (the password masked), which the test
reads to check the data-connection verbs. Any ftplib error ends the script with a traceback and exit code 1.
"""
import ftplib
import os
import sys


def main(argv):
    port, user, password, mode = int(argv[1]), argv[2], argv[3], argv[4]
    ftp = ftplib.FTP(timeout=20)
    ftp.set_debuglevel(1)
    ftp.connect("127.0.0.1", port)
    ftp.login(user, password)
    # Python 3 ignores the address in a 227 reply and uses the control peer's unless
    # trust_server_pasv_ipv4_address is set; over IPv4 it sends PASV and PORT, never EPSV or EPRT.
    ftp.set_pasv(mode == "passive")
    for op in argv[5:]:
        words = op.split(" ")
        run(ftp, words[0], words[1:])
    ftp.quit()


def run(ftp, verb, args):
    if verb == "mkd":
        print("mkd:", ftp.mkd(args[0]))
    elif verb == "put":
        with open(args[0], "rb") as f:
            ftp.storbinary("STOR " + args[1], f)
    elif verb == "resume-put":
        # SIZE reports the hidden partial an interrupted upload left; REST n + STOR continues it. ftplib's size()
        # does not set TYPE I, and after nlst/retrlines the session is in TYPE A, where SIZE is refused (550).
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
        # transfercmd sends REST before RETR; the local file holds what an interrupted download left.
        offset = os.path.getsize(args[1])
        ftp.voidcmd("TYPE I")
        with open(args[1], "ab") as f, ftp.transfercmd("RETR " + args[0], rest=offset) as conn:
            while True:
                block = conn.recv(65536)
                if not block:
                    break
                f.write(block)
        ftp.voidresp()
        print("resumed download at", offset)
    elif verb == "rename":
        ftp.rename(args[0], args[1])
    elif verb == "nlst":
        write_lines(args[1], ftp.nlst(args[0]))
    elif verb == "list":
        lines = []
        ftp.retrlines("LIST " + args[0], lines.append)
        write_lines(args[1], lines)
    elif verb == "dele":
        ftp.delete(args[0])
    else:
        raise SystemExit("unknown operation: " + verb)


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))


if __name__ == "__main__":
    main(sys.argv)
