#!/usr/bin/env python3
"""Memory of a server's whole process tree, for benchmarks/compare's idle scenario.

vsftpd and pure-ftpd fork one or two processes per session, so the server's own /proc/PID/status says little;
this sums every descendant of PID. RSS counts shared pages once per process (libraries, the parent's
copy-on-write pages), so it overstates a forking server; PSS (/proc/PID/smaps_rollup) splits each shared page
between the processes that map it, and its sum is the tree's real share of memory. Both are reported.

  proctree.py once PID                      one sample as JSON on stdout
  proctree.py watch PID PORT OUT.json       sample every 0.5 s until SIGTERM/SIGINT, then write OUT.json

watch also counts established TCP connections whose local port is PORT (the control port), and reports the last
sample taken while that count was at its maximum: the moment every idle session was open and logged in, after
the transient memory of the logins (password hashing) was released. The peak over the whole run is kept too.
"""

import json
import os
import signal
import sys
import time


def children_map():
    kids = {}
    for name in os.listdir('/proc'):
        if not name.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % name, 'rb') as f:
                stat = f.read().decode('ascii', 'replace')
        except OSError:
            continue
        # comm may contain spaces and parentheses: the fields after the last ')' are fixed.
        rest = stat[stat.rfind(')') + 2:].split()
        kids.setdefault(int(rest[1]), []).append(int(name))
    return kids


def tree(pid):
    kids = children_map()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, ()))
    return out


def memory_kib(pid):
    rss = pss = None
    try:
        with open('/proc/%d/smaps_rollup' % pid) as f:
            for line in f:
                if line.startswith('Rss:'):
                    rss = int(line.split()[1])
                elif line.startswith('Pss:'):
                    pss = int(line.split()[1])
    except OSError:
        pass
    if rss is None:
        try:
            with open('/proc/%d/status' % pid) as f:
                for line in f:
                    if line.startswith('VmRSS:'):
                        rss = int(line.split()[1])
        except OSError:
            pass
    return rss, pss


def established(port):
    if port is None:
        return None
    count = 0
    for table in ('/proc/net/tcp', '/proc/net/tcp6'):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    if fields[3] == '01' and int(fields[1].rsplit(':', 1)[1], 16) == port:
                        count += 1
        except OSError:
            pass
    return count


def sample(pid, port=None):
    procs = tree(pid)
    rss_total = pss_total = 0
    pss_ok = True
    for p in procs:
        rss, pss = memory_kib(p)
        rss_total += rss or 0
        if pss is None:
            pss_ok = False
        else:
            pss_total += pss
    return {'t': round(time.time(), 3), 'processes': len(procs), 'rssKiB': rss_total,
            'pssKiB': pss_total if pss_ok else None, 'established': established(port)}


def watch(pid, port, out_path):
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    samples = []
    while not stop:
        if not os.path.exists('/proc/%d' % pid):
            break
        samples.append(sample(pid, port))
        time.sleep(0.5)
    held = None
    if samples:
        most = max(s['established'] or 0 for s in samples)
        held = [s for s in samples if (s['established'] or 0) == most][-1]
    peak = max(samples, key=lambda s: s['pssKiB'] or s['rssKiB']) if samples else None
    with open(out_path, 'w') as f:
        json.dump({'pid': pid, 'port': port, 'samples': len(samples), 'held': held, 'peak': peak}, f, indent=2)
        f.write('\n')


def main(argv):
    if len(argv) >= 3 and argv[1] == 'once':
        print(json.dumps(sample(int(argv[2]))))
        return 0
    if len(argv) == 5 and argv[1] == 'watch':
        watch(int(argv[2]), int(argv[3]), argv[4])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
