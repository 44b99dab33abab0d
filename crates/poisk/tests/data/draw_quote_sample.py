#!/usr/bin/env python3
"""Draws the quote evaluation sample: seeded random articles of the news corpus
that are not in the older sample (quote_labels.tsv), and their «…» spans.

Usage: python3 draw_quote_sample.py ../shared/corpus/news.jsonl.gz OLD_LABELS OUT_DEV OUT_TEST

Spans are found naively on purpose (outermost « … », nesting counted, an
unclosed « runs to the end of its paragraph), so the sample does not depend on
poisk's own span finder; the labeller corrects boundaries where needed.
Offsets are UTF-8 byte offsets into the JSONL `body` as it is in the file.
Articles alternate between the dev half (even draw order) and the test half.
"""
import gzip, json, random, sys

SEED = 20261206
ARTICLES = 140
MAX_SPANS = 6

def spans(body):
    out, depth, start = [], 0, None
    for i, ch in enumerate(body):
        if ch == '«':
            if depth == 0:
                start = i
            depth += 1
        elif ch == '»' and depth > 0:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1, False))
        elif ch == '\n' and depth > 0:
            out.append((start, i, True))
            depth = 0
    if depth > 0:
        out.append((start, len(body), True))
    return out

def main():
    corpus, old, dev_path, test_path = sys.argv[1:5]
    old_ids = {l.split('\t')[0] for l in open(old, encoding='utf-8') if not l.startswith('#')}
    arts = [json.loads(l) for l in gzip.open(corpus, 'rt', encoding='utf-8')]
    pool = [a for a in arts if '«' in a['body'] and a['id'] not in old_ids]
    rng = random.Random(SEED)
    rng.shuffle(pool)
    header = ('# id\tstart\tend\tkind\tspeaker\tspeaker_kind\texplicit\tnote\n'
              '# start..end: UTF-8 byte range of the span in the JSONL `body`; labelling guide in QUALITY.md\n')
    outs = [open(dev_path, 'w', encoding='utf-8'), open(test_path, 'w', encoding='utf-8')]
    for o in outs:
        o.write(header)
    for n, art in enumerate(pool[:ARTICLES]):
        body = art['body']
        found = spans(body)
        if len(found) > MAX_SPANS:
            found = sorted(rng.sample(found, MAX_SPANS))
        for s, e, unclosed in found:
            bs = len(body[:s].encode('utf-8'))
            be = len(body[:e].encode('utf-8'))
            outs[n % 2].write(f"{art['id']}\t{bs}\t{be}\t\t\t\t\t{'unclosed' if unclosed else ''}\n")
    for o in outs:
        o.close()

if __name__ == '__main__':
    main()
