#!/usr/bin/env python3
"""Writes benchmarks/compare's report.md (to stdout) from a run directory: settings.json, runs.tsv, json/, mem/.

  report.py OUT_DIR > OUT_DIR/report.md

Per scenario and target: the median of the rounds that succeeded, their min-max, and Wharf's median divided by
each peer's (and by the best peer's). A run that failed is never a zero: it is left out of the median and named,
with its reason, in the notes column. Re-running this on a finished or interrupted directory rewrites the report.
"""

import json
import os
import statistics
import sys
import time

HIGHER, LOWER = 'higher is better', 'lower is better'

# command -> (label, unit, direction, how to read the value from the JSON)
METRICS = {
    'download': ('aggregate throughput', 'MiB/s', HIGHER, lambda j, m: j.get('aggregateMibPerSecond')),
    'upload': ('aggregate throughput', 'MiB/s', HIGHER, lambda j, m: j.get('aggregateMibPerSecond')),
    'small-files': ('files per second', 'files/s', HIGHER, lambda j, m: j.get('filesPerSecond')),
    'logins': ('sessions per second', 'sessions/s', HIGHER, lambda j, m: j.get('sessionsPerSecond')),
    'idle': ('server memory per held session (PSS of the process tree)', 'KiB', LOWER,
             lambda j, m: idle_per_session(j, m, 'pssKiB')),
}

# Commands whose figure is meaningless when any session failed (bytes missing); the others count what completed.
ALL_OR_NOTHING = ('download', 'upload')

# command -> (label, unit, how to read a secondary figure), shown beside the main one
SECONDARY = {
    'small-files': ('p99 transfer latency', 'ms', lambda j, m: pct(j, 'latencyUs', 'p99')),
    'logins': ('p99 login latency', 'ms', lambda j, m: pct(j, 'loginUs', 'p99')),
    'idle': ('p99 NOOP round trip', 'ms', lambda j, m: pct(j, 'noopUs', 'p99')),
}

PEER_NOTES = {
    'wharf': 'Argon2id users file (verified logins are remembered); explicit FTPS offered, session reuse enforced; '
             'plain RETR by FileChannel.transferTo (sendfile)',
    'vsftpd': 'PAM + /etc/shadow (SHA-512 crypt: PAM cannot read Argon2id); explicit FTPS offered, '
              'require_ssl_reuse=NO (it refuses the Java client\'s resumed data connections with 522); '
              'use_sendfile=YES; one or two processes per session',
    'pure-ftpd': 'puredb with the same Argon2id hash (libsodium checks it at every login); explicit FTPS offered '
                 '(-Y 1), no session-reuse requirement available; process per session',
    'apache': 'Apache FtpServer, in-process user manager checking the same Argon2id hash at every login; explicit '
              'FTPS offered, no session-reuse requirement available; MINA, no sendfile',
}


def pct(j, key, which):
    h = j.get(key) or {}
    v = h.get(which)
    return None if v is None else v / 1000.0


def idle_per_session(j, mem, field):
    if not mem or not mem.get('held') or not mem.get('before'):
        return None
    held = j.get('sessionsHeld') or 0
    a, b = mem['before'].get(field), mem['held'].get(field)
    if not held or a is None or b is None:
        return None
    return (b - a) / held


def generic_metric(j):
    for k, v in j.items():
        if k.endswith('PerSecond') and isinstance(v, (int, float)):
            return ('%s' % k, k[:-len('PerSecond')] + '/s', HIGHER, lambda jj, m, k=k: jj.get(k))
    return None


def read_text(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ''


def load_json(path):
    if not path or not os.path.exists(path):
        return None
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def failure_reason(j):
    if not j:
        return None
    f = j.get('failures')
    if isinstance(f, dict):
        total = f.get('total')
        kinds = f.get('byKind') or {}
        parts = []
        if total:
            parts.append('%d failed' % total)
        if kinds:
            parts.append(', '.join('%s x%d' % (k, v) for k, v in kinds.items()))
        first = f.get('first')
        if first:
            parts.append('first: %s' % first)
        if any(f.get(k) for k in ('connect', 'login', 'dropped')):
            parts.insert(0, 'connect %s, login %s, dropped %s' % (f.get('connect'), f.get('login'), f.get('dropped')))
        return '; '.join(parts) or None
    if isinstance(f, int) and f:
        errors = [s.get('error') for s in j.get('perSession', []) if s.get('error')]
        return '%d of %s sessions failed%s' % (f, j.get('sessions'), (': ' + errors[0]) if errors else '')
    return None


def fmt(v, unit=''):
    if v is None:
        return 'n/a'
    if abs(v) >= 100:
        s = '{:,.0f}'.format(v)
    elif abs(v) >= 10:
        s = '{:.1f}'.format(v)
    else:
        s = '{:.2f}'.format(v)
    return s + (' ' + unit if unit else '')


def median_or_none(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def mib(kib):
    return 'n/a' if kib is None else '%.1f MiB' % (kib / 1024.0)


def ratio(a, b):
    if a is None or b is None or b == 0:
        return 'n/a'
    return '{:.2f}'.format(a / b)


def write_advantage(out, order, meta, results, peers):
    """advantage.tsv, for `wharf-bench compare-chart`: per scenario and peer, how many times better Wharf did
    (Wharf / peer where higher is better, peer / Wharf where lower is better); only where both have a median."""
    with open(os.path.join(out, 'advantage.tsv'), 'w') as f:
        f.write('scenario\tpeer\tadvantage\n')
        for name in order:
            wharf = results[name].get('wharf', {}).get('median')
            for p in peers:
                peer = results[name].get(p, {}).get('median')
                if wharf and peer:
                    ratio = wharf / peer if meta[name][2] == HIGHER else peer / wharf
                    f.write('%s\t%s\t%.4f\n' % (name, p, ratio))


def main(out):
    settings = load_json(os.path.join(out, 'settings.json')) or {}
    targets = settings.get('targets', [])
    peers = [t for t in targets if t != 'wharf']
    runs = []
    with open(os.path.join(out, 'runs.tsv')) as f:
        header = f.readline().rstrip('\n').split('\t')
        for line in f:
            runs.append(dict(zip(header, line.rstrip('\n').split('\t'))))
    scenarios = settings.get('scenarios', [])
    order = [s[0] for s in scenarios] or sorted({r['scenario'] for r in runs})
    commands = {s[0]: s[1] for s in scenarios}

    results = {}        # scenario -> target -> dict
    meta = {}           # scenario -> (label, unit, direction)
    for name in order:
        cmd = commands.get(name, name)
        per_target = {}
        for t in targets:
            rs = [r for r in runs if r['scenario'] == name and r['target'] == t]
            ok, secondary, notes = [], [], []
            flagged = False
            idle_detail = []
            for r in sorted(rs, key=lambda r: int(r['round'])):
                j = load_json(r['json'])
                mem = None
                if cmd == 'idle':
                    mem = load_json(os.path.join(out, 'mem', '%s-%s-r%s.json' % (name, t, r['round'])))
                    before = load_json(os.path.join(out, 'mem', '%s-%s-r%s.before.json' % (name, t, r['round'])))
                    if mem is not None:
                        mem['before'] = before
                m = METRICS.get(cmd) or (generic_metric(j) if j else None)
                if m and name not in meta:
                    meta[name] = m[:3]
                value = m[3](j, mem) if (m and j) else None
                tag = 'r%s' % r['round']
                if r.get('tool') == 'curl':
                    notes.append((tag, 'measured with curl: this wharf-bench has no ftps:// URLs'))
                partial = r['exit'] == '1' and value is not None and cmd not in ALL_OR_NOTHING
                if partial:
                    flagged = True
                    notes.append((tag, 'counted, with failures: %s' % (failure_reason(j) or r['note'])))
                if (r['exit'] == '0' or partial) and value is not None:
                    ok.append(value)
                    s = SECONDARY.get(cmd)
                    if s and j:
                        secondary.append(s[2](j, mem))
                    if cmd == 'idle' and mem and mem.get('held'):
                        idle_detail.append(((mem.get('before') or {}).get('pssKiB'), mem['held'].get('pssKiB'),
                                            mem['held'].get('processes'), idle_per_session(j, mem, 'rssKiB')))
                elif r['exit'] == '-1':
                    notes.append((tag, r['note'] or 'not run'))
                else:
                    reason = failure_reason(j) or r['note'] or ('exit %s' % r['exit'])
                    extra = (' (value %s excluded)' % fmt(value)) if value is not None else ''
                    notes.append((tag, 'failed: %s%s' % (reason, extra)))
            if idle_detail:
                med = [median_or_none([d[i] for d in idle_detail]) for i in range(4)]
                notes.append(('median', 'PSS %s before, %s held, %s processes held; RSS %s/session' % (
                    mib(med[0]), mib(med[1]), 'n/a' if med[2] is None else '%d' % med[2], fmt(med[3], 'KiB'))))
            per_target[t] = {
                'ok': ok, 'runs': len(rs), 'notes': notes, 'flagged': flagged,
                'median': statistics.median(ok) if ok else None,
                'min': min(ok) if ok else None, 'max': max(ok) if ok else None,
                'secondary': statistics.median([v for v in secondary if v is not None])
                if any(v is not None for v in secondary) else None,
            }
        results[name] = per_target
        if name not in meta:
            meta[name] = METRICS.get(cmd, ('not measured', '-', HIGHER))[:3]

    write_advantage(out, order, meta, results, peers)
    w = sys.stdout.write
    m = settings.get('machine', {})
    w('# Wharf side by side: %s\n\n' % ', '.join(targets))
    w('Generated %s by `benchmarks/compare` (%s mode, %s round%s, target order rotated per round and scenario). '
      'Results directory: `%s`.\n\n' % (time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()), settings.get('mode'),
                                          settings.get('rounds'), '' if settings.get('rounds') == 1 else 's', out))
    w('## Machine\n\n')
    w('| | |\n|---|---|\n')
    w('| CPU | %s, %s logical cores |\n' % (m.get('cpu'), m.get('cores')))
    w('| memory | %s GiB |\n' % m.get('memGiB'))
    w('| OS, kernel | %s, %s |\n' % (m.get('os'), m.get('kernel')))
    w('| Java | %s |\n' % m.get('java'))
    end = read_text(os.path.join(out, 'conf', 'finished.txt')).split()     # "TIME LOAD1 LOAD5 LOAD15"
    w('| run | started %s, finished %s |\n' % (settings.get('started', '?'), end[0] if end else 'unfinished'))
    w('| load average (1, 5, 15 min) at start / end | %s / %s |\n' % (' '.join(m.get('loadAverageAtStart', [])),
                                                                     ' '.join(end[1:4]) if end else 'n/a'))
    for t in targets:
        w('| %s | %s |\n' % (t, settings.get('versions', {}).get(t, '?')))
    for t, why in settings.get('unavailable', {}).items():
        w('| %s | not run: %s |\n' % (t, why))
    w('| file root | %s |\n' % settings.get('root'))
    w('| server JVM options | `%s` (Wharf and Apache FtpServer) |\n' % settings.get('serverJavaOpts'))
    w('\nClient and servers share this machine: on a few cores the load generator competes with the server it '
      'measures, so ratios are more trustworthy than absolute figures, and spreads show the noise.\n\n')

    w('## Summary\n\n')
    w('Medians over the rounds that succeeded; (k/n) when only k of n rounds did, and "!" when a counted round had '
      'some failed operations (timed scenarios count what completed; a download or upload with a failed session is '
      'not counted). Ratios are Wharf / peer: above 1 means Wharf is ahead where higher is better, behind where '
      'lower is better. Reasons are in the notes of each scenario below.\n\n')
    w('| scenario | metric | %s | Wharf / best peer |%s\n' % (' | '.join(targets),
                                                             ''.join(' Wharf / %s |' % p for p in peers)))
    w('|---|---|%s---|%s\n' % ('---|' * len(targets), '---|' * len(peers)))
    for name in order:
        label, unit, direction = meta[name]
        res = results[name]
        cells = []
        for t in targets:
            r = res[t]
            if r['median'] is not None:
                cells.append(fmt(r['median']) + ('' if len(r['ok']) == r['runs'] else ' (%d/%d)' % (
                    len(r['ok']), r['runs'])) + (' !' if r['flagged'] else ''))
            elif r['notes']:
                cells.append(r['notes'][-1][1].split(':')[0])     # "failed" or "skipped"; the reason is below
            else:
                cells.append('n/a')
        wharf = res.get('wharf', {}).get('median')
        best = best_peer(res, peers, direction)
        best_txt = ('%s (%s)' % (ratio(wharf, res[best]['median']), best)) if best else 'n/a'
        w('| %s | %s, %s | %s | %s |%s\n' % (name, unit, direction.split()[0], ' | '.join(cells), best_txt,
                                             ''.join(' %s |' % ratio(wharf, res[p]['median']) for p in peers)))

    w('\n## Per scenario\n')
    for name in order:
        label, unit, direction = meta[name]
        res = results[name]
        cmd = commands.get(name, name)
        sec = SECONDARY.get(cmd)
        w('\n### %s: %s (%s, %s)\n\n' % (name, label, unit, direction))
        candidates = [c for c in read_commands(out) if (' %s ' % cmd) in c and name_matches(c, scenarios, name)]
        example = next((c for c in candidates if '/wharf-r' in c), candidates[0] if candidates else None)
        if example:
            w('`%s`\n\n' % example)
        w('| target | median | min - max | runs ok |%s Wharf / target | notes |\n' % (
            (' %s (median) |' % sec[0]) if sec else ''))
        w('|---|---|---|---|%s---|---|\n' % ('---|' if sec else ''))
        wharf = res.get('wharf', {}).get('median')
        for t in targets:
            r = res[t]
            spread = '%s - %s' % (fmt(r['min']), fmt(r['max'])) if r['ok'] else 'n/a'
            w('| %s | %s | %s | %d/%d |%s %s | %s |\n' % (
                t, fmt(r['median'], unit) if r['median'] is not None else 'n/a', spread, len(r['ok']), r['runs'],
                (' %s |' % fmt(r['secondary'], sec[1])) if sec else '', ratio(wharf, r['median']),
                merge_notes(r['notes'])))
        best = best_peer(res, peers, direction)
        if best:
            w('\nWharf / best peer (%s): %s\n' % (best, ratio(wharf, res[best]['median'])))

    w('\n## Settings\n\n')
    w('Every target listens on 127.0.0.1 only, serves a home on the same tmpfs (the download file is one inode '
      'hard-linked into each home), has a passive range of the same size, offers explicit FTPS (AUTH TLS, not '
      'required) with the same self-signed EC P-256 certificate, allows 10,000 sessions, and logs nothing. One '
      'user, `wharfbench`, with one random password per run.\n\n')
    w('| target | control port | passive ports | setup |\n|---|---|---|---|\n')
    for t in targets:
        p = settings.get('ports', {}).get(t, {})
        w('| %s | %s | %s | %s |\n' % (t, p.get('control'), p.get('passive'), PEER_NOTES.get(t, '')))
    w('\nSizes: download file %s, upload %s per session, timed scenarios %s, idle %s sessions held %s. '
      'Configuration files are in `conf/`, server logs in `logs/`, every wharf-bench result in `json/`, idle memory '
      'samples in `mem/`.\n' % (settings.get('downloadFile'), settings.get('uploadSize'), settings.get('duration'),
                                settings.get('idleSessions'), settings.get('idleHold')))
    w('\nIdle memory is the growth of the whole process tree (the server and every process it forked) from before '
      'the first connect to the moment all sessions were open, divided by the sessions held. It uses PSS, which '
      'splits shared pages between the processes that map them; RSS, in the notes, counts each shared page once per '
      'process and overstates forking servers. For the JVM servers it includes heap that had not been collected yet.'
      '\n')
    w('\nLogins compare password checks as each server does them: Wharf verifies Argon2id once and then remembers '
      'the verified login, pure-ftpd and Apache FtpServer (here) verify the same Argon2id hash at every login, and '
      'vsftpd checks a SHA-512 crypt hash through PAM.\n')

    pre = os.path.join(out, 'preflight.tsv')
    if os.path.exists(pre):
        w('\n## Preflight (curl)\n\n| target | check | result |\n|---|---|---|\n')
        with open(pre) as f:
            next(f)
            for line in f:
                w('| %s |\n' % ' | '.join(line.rstrip('\n').split('\t')))
    ev = os.path.join(out, 'events.txt')
    if os.path.exists(ev) and os.path.getsize(ev):
        w('\n## Events\n\n')
        with open(ev) as f:
            for line in f:
                w('- %s\n' % line.rstrip('\n'))
    w('\n## Capabilities of this wharf-bench\n\n')
    w('- ftps:// URLs: %s\n- mixed scenario: %s\n' % (
        'yes' if settings.get('benchFtps') else 'no (FTPS download measured with curl; FTPS small files skipped)',
        'yes' if settings.get('benchMixed') else 'no (skipped)'))


def short(note):
    return note if len(note) <= 60 else note[:57] + '...'


def merge_notes(notes):
    merged = {}
    for tag, text in notes:
        merged.setdefault(text, []).append(tag)
    return '; '.join('%s: %s' % (','.join(tags), text.replace('|', '/')) for text, tags in merged.items()) or ''


def best_peer(res, peers, direction):
    have = [p for p in peers if res.get(p, {}).get('median') is not None]
    if not have:
        return None
    key = lambda p: res[p]['median']
    return max(have, key=key) if direction == HIGHER else min(have, key=key)


def read_commands(out):
    try:
        with open(os.path.join(out, 'commands.txt')) as f:
            return [l.strip() for l in f if l.strip()]
    except OSError:
        return []


def name_matches(command, scenarios, name):
    args = next((s[3] for s in scenarios if s[0] == name), '')
    sec = next((s[2] for s in scenarios if s[0] == name), 'plain')
    secure = 'ftps://' in command or 'curl' in command
    return (args in command or 'curl' in command) and secure == (sec == 'ftps')


if __name__ == '__main__':
    main(sys.argv[1])
