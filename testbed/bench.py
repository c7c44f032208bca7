#!/usr/bin/python3
"""Turn the 'bench:' lines of gntdev_perf_test in a serial log into an
aligned table (OUTDIR/bench.txt) and bar charts of the odirect, map, copy
and blk sections with min-max error bars (OUTDIR/bench.png). If the log
holds several runs, the last one is used.

usage: bench.py SERIAL_LOG OUTDIR
"""
import importlib.util
import os
import re
import sys

FIGURE = re.compile(r'bench: (\S+) (\S+) (\S+) (\S+) (\S+) (\S+)$')
PLOTTED = ('odirect', 'map', 'copy', 'blk')


def num(s):
    return None if s == '-' else float(s)


def parse(path):
    """[(section, name, median, min, max, unit)] of the last run in the log;
    min and max are None for ratios."""
    runs, cur, garbled = [], [], 0
    with open(path, errors='replace') as f:
        for line in f:
            line = line.replace('\r', '').strip()
            at = line.find('bench:')
            if at < 0:
                continue
            line = ' '.join(line[at:].split())   # console junk before it
            if line == 'bench: done':
                runs.append(cur)
                cur = []
            elif m := FIGURE.match(line):
                sec, name, med, lo, hi, unit = m.groups()
                cur.append((sec, name, float(med), num(lo), num(hi), unit))
            else:
                garbled += 1
    if garbled:
        print(f'bench.py: {garbled} garbled "bench:" line(s) left out',
              file=sys.stderr)
    if cur:
        print('bench.py: the last run has no "bench: done"; it is used as '
              'it is', file=sys.stderr)
        runs.append(cur)
    return runs[-1] if runs else []


def table(figs):
    rows = [('section', 'name', 'median', 'min', 'max', 'unit')]
    rows += [(s, n, f'{md:g}', '-' if lo is None else f'{lo:g}',
              '-' if hi is None else f'{hi:g}', u)
             for s, n, md, lo, hi, u in figs]
    width = [max(len(r[i]) for r in rows) for i in range(6)]
    right = (False, False, True, True, True, False)
    return ''.join('  '.join(c.rjust(w) if r else c.ljust(w)
                             for c, w, r in zip(row, width, right)).rstrip()
                   + '\n' for row in rows)


def plot(figs, png):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    secs = [(s, [f for f in figs if f[0] == s and f[3] is not None])
            for s in PLOTTED]
    secs = [(s, rows) for s, rows in secs if rows]
    if not secs:
        return False
    heights = [1 + 0.18 * len(rows) for _, rows in secs]
    fig, axes = plt.subplots(len(secs), 1, figsize=(10, sum(heights)),
                             gridspec_kw={'height_ratios': heights},
                             squeeze=False)
    for ax, (sec, rows) in zip(axes[:, 0], secs):
        med = [r[2] for r in rows]
        err = [[r[2] - r[3] for r in rows], [r[4] - r[2] for r in rows]]
        # colour by the last part of the name: anon/grant, gntcopy/map, ...
        kinds = sorted({r[1].rsplit('.', 1)[-1] for r in rows})
        colour = [f'C{kinds.index(r[1].rsplit(".", 1)[-1]) % 10}'
                  for r in rows]
        y = range(len(rows))
        ax.barh(y, med, xerr=err, color=colour, capsize=2)
        ax.set_yticks(y, [r[1] for r in rows], fontsize=7)
        ax.invert_yaxis()
        ax.set_xscale('log')    # 4K and 1M figures differ by orders
        ax.set_xlabel(rows[0][5])
        ax.set_title(sec)
        ax.grid(axis='x', which='both', alpha=0.3)
    fig.tight_layout()
    fig.savefig(png, dpi=100)
    return True


def have_matplotlib():
    return importlib.util.find_spec('matplotlib') is not None


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip())
    log, outdir = sys.argv[1:]
    can_plot = have_matplotlib()
    figs = parse(log)
    if not figs:
        sys.exit(f'bench.py: no "bench:" lines in {log}')
    os.makedirs(outdir, exist_ok=True)
    txt = os.path.join(outdir, 'bench.txt')
    with open(txt, 'w') as f:
        f.write(table(figs))
    print(f'bench.py: {len(figs)} figures -> {txt}')
    if not can_plot:
        print('bench.py: matplotlib is missing (apt-get install '
              'python3-matplotlib): wrote the table, no plot', file=sys.stderr)
        return
    png = os.path.join(outdir, 'bench.png')
    if plot(figs, png):
        print(f'bench.py: plot -> {png}')


if __name__ == '__main__':
    main()
