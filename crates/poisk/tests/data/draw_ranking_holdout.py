#!/usr/bin/env python3
"""Draws the ranking check's queries (tests/ranking.rs) from the relevance set's held-out
half: the leads of ../shared/corpus/qa-dev/rt_summary_to_article.tsv that are not in the
tuning sample (examples/data/eval-sample-42.txt), 200 of them with a fixed seed.

Usage: draw_ranking_holdout.py QRELS SAMPLE_42 > ranking-holdout.txt"""
import random, sys

qrels, tuning = sys.argv[1:3]
rows = open(qrels, encoding='utf-8').read().split('\n')[1:]
ids = [r.split('\t', 1)[0] for r in rows if r]
seen = set(open(tuning).read().split())
held_out = [i for i in ids if i not in seen]
print('# query ids of the ranking check: random.Random(2022).sample(held-out half, 200)')
for i in sorted(random.Random(2022).sample(held_out, 200)):
    print(i)
