#!/usr/bin/env python3
"""Draws the articles that the question set asks about: a seeded random sample of the news
corpus (bodies of at least 600 characters), alternating between the dev half (even draw
order) and the test half. Usage: draw_question_articles.py ../shared/corpus/news.jsonl.gz OUT_DEV OUT_TEST"""
import gzip, json, random, sys
SEED = 20261207
ARTICLES = 340
corpus, dev, test = sys.argv[1:4]
arts = [json.loads(l) for l in gzip.open(corpus, 'rt', encoding='utf-8')]
pool = [a['id'] for a in arts if len(a['body']) >= 600]
rng = random.Random(SEED)
rng.shuffle(pool)
outs = [open(dev, 'w'), open(test, 'w')]
for o in outs:
    o.write('# qid\tquestion\tarticle_id\n')
for n, aid in enumerate(pool[:ARTICLES]):
    half = n % 2
    outs[half].write(f"{'dev' if half == 0 else 'test'}-{n // 2 + 1:03}\t\t{aid}\n")
