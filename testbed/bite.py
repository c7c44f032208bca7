#!/usr/bin/env python3
"""make bite, second half: boot the unfixed kernel once per selftest program
(again after a crash or hang, for the cases that did not report), then check
that every case testbed/bite-expect names fails, and write that list into
the selftests' cover letter. Other cases that fail are listed: on an unfixed
kernel one bug's damage (lockdep switching itself off, a page reference
lost to a late unmap) carries over to later cases of the same boot.

usage: bite.py SELFTESTS_MAKEFILE COVER_LETTER
env: RUN_DIR (logs go to RUN_DIR/bite/PROGRAM-N), BITE_TIMEOUT (s per boot),
     BITE_PROGS (comma-separated: only these programs, no cover update),
     BITE_REUSE=1 (read the serial logs of an earlier run in RUN_DIR, no boot)
"""
import os
import re
import subprocess
import sys
import textwrap

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULT = re.compile(r'^(not ok|ok) \d+ (\S+)(?: # (\w+))?')
RUN = re.compile(r'^#\s+RUN\s+(\S+) \.\.\.')
MAX_BOOTS = 5
MAX_NAMED = 12          # -r options per boot: Xen's dom0 command line is short


def programs(makefile):
    progs = []
    for line in open(makefile):
        m = re.match(r'^TEST_GEN_PROGS\s*[:+]?=\s*(.*)$', line)
        if m:
            progs += m.group(1).split()
    return progs


def between(lines, begin, end):
    out, on = [], False
    for line in lines:
        if line.startswith(begin):
            on = True
        elif on and line.startswith(end):
            break
        elif on:
            out.append(line)
    return out if on else None


def case_list(lines):
    """All fixture.variant.test names from the harness's -l table."""
    cases, fixture, variants, tests = [], None, [], []

    def flush():
        for v in variants or ['']:
            cases.extend('%s.%s%s' % (fixture, v + '.' if v else '', t) for t in tests)
    for line in lines:
        if line.startswith('# FIXTURE'):
            continue
        if line.startswith('-----'):
            flush()
            fixture, variants, tests = None, [], []
            continue
        # fixed-width columns: %-20s %-25s %s
        f, v, t = line[:20].strip(), line[21:46].strip(), line[47:].strip()
        if f:
            fixture = f
        if v:
            variants.append(v)
        if t:
            tests.append(t)
    if fixture:
        flush()
    return cases


def boot(prog, args, n):
    run_dir = os.path.join(os.environ['RUN_DIR'], 'bite', '%s-%d' % (prog, n))
    if os.environ.get('BITE_REUSE') == '1':
        log = os.path.join(run_dir, 'serial.log')
        text = open(log, errors='replace').read() if os.path.exists(log) else ''
        return [l.rstrip('\r') for l in text.split('\n')], log
    env = dict(os.environ, RUN_DIR=run_dir,
               BOOT_TIMEOUT=os.environ.get('BITE_TIMEOUT', '480'),
               DOM0_CMDLINE='testbed=bite bite_prog=%s bite_args=%s' % (prog, '+'.join(args)))
    subprocess.run([os.path.join(TOP, 'testbed', 'boot.sh'), 'check'], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log = os.path.join(run_dir, 'serial.log')
    text = open(log, errors='replace').read() if os.path.exists(log) else ''
    return [l.rstrip('\r') for l in text.split('\n')], log


def run_program(prog):
    """{case: PASS|FAIL|SKIP|CRASH} for one program, over as many boots as it takes."""
    results, crashed, args, every = {}, [], [], None
    for n in range(1, MAX_BOOTS + 1):
        lines, log = boot(prog, args, n)
        if every is None:
            listed = between(lines, 'testbed: bite list begin', 'testbed: bite list end')
            every = case_list(listed or [])
        tap = between(lines, 'testbed: bite begin', 'testbed: bite end') or []
        running = None
        for line in tap:
            m = RUN.match(line)
            if m:
                running = m.group(1)
                continue
            m = RESULT.match(line)
            if m:
                ok, name, directive = m.groups()
                # the console may have run another line into this one
                if name not in every:
                    name = max([c for c in every if name.startswith(c)],
                               key=len, default=name)
                status = 'PASS' if ok == 'ok' else 'FAIL'
                if directive and directive.upper() in ('SKIP', 'XFAIL'):
                    status = directive.upper()
                results.setdefault(name, status)
                running = None
        finished = any(l.startswith('testbed: bite end') for l in lines)
        if not finished:
            if running:
                results.setdefault(running, 'CRASH')
                crashed.append(running)
            print('    %s boot %d: did not finish (%s); %s' %
                  (prog, n, running or 'before any case', log))
        pending = [c for c in every if c not in results]
        if not pending or (finished and not args):
            break
        if not finished and not running:
            break       # no progress: the program never started a case
        if len(pending) <= MAX_NAMED:
            args = [a for c in pending for a in ('-r', c)]
        else:
            # Leave out the variants that are done and the tests that hung,
            # the only exclusions the harness knows besides whole fixtures.
            done = {c.split('.')[1] for c in every if c.count('.') == 2} - \
                {c.split('.')[1] for c in pending if c.count('.') == 2}
            args = [a for v in sorted(done) for a in ('-V', v)]
            args += [a for c in crashed for a in ('-T', c.rsplit('.', 1)[1])]
    for c in every:
        results.setdefault(c, 'NOT RUN')
    return results


def cover_block(failing):
    by_prog = {}
    for prog, case in failing:
        by_prog.setdefault(prog, []).append(case)
    out = []
    for prog in by_prog:
        out += textwrap.wrap('%s: %s;' % (prog, ', '.join(sorted(by_prog[prog]))), 70,
                             initial_indent=' - ', subsequent_indent='   ',
                             break_on_hyphens=False)
    out[-1] = out[-1].rstrip(';') + '.'
    return out


def main():
    makefile, cover = sys.argv[1], sys.argv[2]
    only = [p for p in os.environ.get('BITE_PROGS', '').split(',') if p]
    expect = {}
    for line in open(os.path.join(TOP, 'testbed', 'bite-expect')):
        line = line.split('#', 1)[0].split()
        if len(line) == 2:
            expect[(line[0], line[1])] = True
    failing, also, problems = [], [], []
    for prog in programs(makefile):
        if only and prog not in only:
            continue
        res = run_program(prog)
        for case, status in res.items():
            key = (prog, case)
            print('%-8s %s: %s' % (status, prog, case))
            if status in ('FAIL', 'CRASH'):
                (failing if key in expect else also).append(key)
            elif key in expect:
                problems.append('%s %s: %s on the unfixed kernel, but a fix claims it' % (key + (status,)))
            elif status == 'NOT RUN':
                problems.append('%s %s: %s' % (key + (status,)))
    for key in expect:
        if (not only or key[0] in only) and key not in failing and \
                not any(p.startswith('%s %s' % key) for p in problems):
            problems.append('%s %s: claimed, but never ran' % key)
    for key in also:
        print('bite: also fails on the unfixed kernel: %s %s' % key)
    print('bite: %d of the %d cases the fixes claim fail on the unfixed kernel; '
          '%d more fail there' % (len(failing), len(expect), len(also)))
    if not only and failing:
        text = open(cover).read()
        head = 'On a kernel without the fixes (series 1-mm to 5-blkback), these\ncases fail'
        start = text.index(head)
        block_start = text.index(':\n', start) + 2
        block_end = text.index('\n\n', block_start)
        block = cover_block(failing)
        block += textwrap.wrap('%d more cases fail in the same boots (one boot per program); '
                               'they are not attributed to one fix, as an earlier case of their '
                               'program may have left the kernel damaged.' % len(also), 72)
        new = text[:block_start] + '\n'.join(block) + text[block_end:]
        if new != text:
            open(cover, 'w').write(new)
            print('bite: the list in %s changed: commit it' % cover)
    for p in problems:
        print('bite: FAIL ' + p)
    print('%d passed, %d failed' % (len(failing), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
