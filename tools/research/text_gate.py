#!/usr/bin/env python3
"""Would a learned text gate carry over where hand-written rules do not? (issue 12)

An experiment, not part of the extension or of `make test`. It asks: if the engine's warning
had to pass a logistic-regression score of the contact's own words so far (character 2-4-grams,
hashed), how many false alarms would go on conversations the model never saw, and how many
scams would be warned later?

  pip install numpy scipy scikit-learn
  cargo build --release --bin saavdhan --example trace
  python3 tools/research/text_gate.py [--features 65536] [--C 3] [--final]

Without --final: leave-one-set-out over tests/corpus/blind/*, tests/tuning/* (and
tests/corpus's own files as one set). With --final: trained on all of those, scored on
tests/heldout/*. The engine's per-message levels come from `examples/trace`; a gated message
keeps the engine's level when the score is >= t and drops to notice otherwise (danger is
not gated). Columns as `saavdhan eval`: warned <= off-platform ask + 1, warned <= video call,
extortion at danger | benign at warning or above, benign at danger.
"""
import argparse, glob, json, os, re, subprocess
import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
LEVEL = {'None': 0, 'Notice': 1, 'Warning': 2, 'Danger': 3}


def load():
    dirs = sorted(glob.glob(ROOT + '/tests/corpus/blind/*')) + sorted(glob.glob(ROOT + '/tests/tuning/w*')) \
        + sorted(glob.glob(ROOT + '/tests/heldout/w*')) + [ROOT + '/tests/corpus']
    convs = []
    for d in dirs:
        for f in sorted(glob.glob(d + '/*.json')):
            c = json.load(open(f))
            if 'expect' in c:
                convs.append(dict(set=os.path.relpath(d, ROOT), file=f, **c))
    levels = {}
    files = [c['file'] for c in convs]
    for i in range(0, len(files), 200):
        out = subprocess.run([ROOT + '/target/release/examples/trace'] + files[i:i + 200],
                             capture_output=True, text=True, check=True).stdout
        cur = None
        for line in out.splitlines():
            if line.startswith('== '):
                cur = line[3:].split(' Expect')[0].strip()
                levels[cur] = []
            else:
                m = re.match(r'\s*(\d+)\s+(None|Notice|Warning|Danger)\s', line)
                if m and cur:
                    levels[cur].append(LEVEL[m.group(2)])
    for c in convs:
        c['lv'] = levels[c['file']]
        assert len(c['lv']) == len(c['messages']), c['file']
    return convs


def held_out(c):
    return c['set'].startswith('tests/heldout')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--features', type=int, default=65536)
    ap.add_argument('--C', type=float, default=3.0)
    ap.add_argument('--final', action='store_true')
    a = ap.parse_args()
    convs = load()
    hv = HashingVectorizer(analyzer='char_wb', ngram_range=(2, 4), n_features=a.features,
                           alternate_sign=False, norm='l2')
    # One example per message at which the engine says notice or more (for a scam, from its
    # first annotated step on): the contact's words up to there, labelled by the conversation.
    rows = []
    for ci, c in enumerate(convs):
        e = c['expect']
        steps = [e.get(k) for k in ('off_platform_at', 'video_call_at', 'extortion_at') if e.get(k) is not None]
        first = min(steps) if e['kind'] == 'scam' and steps else (0 if e['kind'] == 'scam' else None)
        rows += [(ci, i) for i, l in enumerate(c['lv']) if l >= 1 and (first is None or i >= first)]
    text = lambda ci, i: ' '.join((m.get('text') or '') for m in convs[ci]['messages'][:i + 1] if m['from'] == 'them').lower()
    X = hv.transform([text(ci, i) for ci, i in rows]).tocsr()
    y = np.array([convs[ci]['expect']['kind'] == 'scam' for ci, _ in rows], dtype=int)
    per = {}
    for ci, _ in rows:
        per[ci] = per.get(ci, 0) + 1
    w = np.array([1.0 / per[ci] for ci, _ in rows])
    sets = np.array([convs[ci]['set'] for ci, _ in rows])
    dev = np.array([not held_out(convs[ci]) for ci, _ in rows])
    fit = lambda m: LogisticRegression(C=a.C, max_iter=3000, class_weight='balanced').fit(X[m], y[m], sample_weight=w[m])
    p = np.full(len(rows), np.nan)
    if a.final:
        p[~dev] = fit(dev).predict_proba(X[~dev])[:, 1]
    else:
        for s in sorted(set(sets[dev])):
            te = sets == s
            p[te] = fit(dev & ~te).predict_proba(X[te])[:, 1]
    score = {(ci, i): p[k] for k, (ci, i) in enumerate(rows)}

    def table(t):
        n = dict(off=[0, 0], vc=[0, 0], ext=[0, 0], bw=[0, 0], bd=[0, 0])
        for ci, c in enumerate(convs):
            if held_out(c) != a.final:
                continue
            lv = [1 if (t is not None and l == 2 and score.get((ci, i), 1.0) < t) else l for i, l in enumerate(c['lv'])]
            fw = next((i for i, l in enumerate(lv) if l >= 2), None)
            e = c['expect']
            if e['kind'] == 'scam':
                for k, at, ok in (('off', e.get('off_platform_at'), lambda at: fw is not None and fw <= at + 1),
                                  ('vc', e.get('video_call_at'), lambda at: fw is not None and fw <= at),
                                  ('ext', e.get('extortion_at'), lambda at: max(lv) >= 3)):
                    if at is not None:
                        n[k][1] += 1
                        n[k][0] += ok(at)
            else:
                for k, ok in (('bw', max(lv) >= 2), ('bd', max(lv) >= 3)):
                    n[k][1] += 1
                    n[k][0] += ok
        return '  '.join(f'{k} {v[0]}/{v[1]}' for k, v in n.items())

    print(('held out' if a.final else 'leave-one-set-out'), f'features={a.features} C={a.C}')
    print(' engine alone', table(None))
    for t in (0.2, 0.3, 0.4, 0.5, 0.6):
        print(f' gate t={t}  ', table(t))


if __name__ == '__main__':
    main()
