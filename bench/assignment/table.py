#!/usr/bin/env python3
"""Reviewer assignment against OR-tools' min-cost flow, on the same instances.

For each instance size, `grants bench assignment` generates the instance,
solves it and exports it; `ortools_compare.py` builds the same network with
OR-tools' SimpleMinCostFlow and solves it. The table shows both times, the
ratio (OR-tools time / ours: above 1 means we are faster), whether the
objectives agree, and our peak memory.
"""

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SIZES = [(2000, 300), (20000, 3000)]


def run(args):
    done = subprocess.run(args, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    grants = os.environ.get("GRANTS_BIN", "grants")
    print("| instance | ours: build + solve | OR-tools: arcs + solve | ratio | objective (ours / OR-tools) | slots filled | our peak RSS |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    agree = True
    for proposals, reviewers in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "instance.json")
            ours = run([grants, "bench", "assignment", "--proposals", str(proposals),
                        "--reviewers", str(reviewers), "--export", path])
            theirs = run([sys.executable, os.path.join(HERE, "ortools_compare.py"), path,
                          "--repeat", "1" if proposals > 5000 else "3"])
        our_seconds = (ours["build_ms"] + ours["solve_ms"]) / 1000
        same = ours["objective"] == theirs["objective"] and ours["filled"] == theirs["filled"]
        agree = agree and same
        print(f"| {proposals} × {reviewers}, k = 3, 5% conflicts | {our_seconds:.3f} s "
              f"| {theirs['solve_seconds']:.3f} s | {theirs['solve_seconds'] / our_seconds:.1f}× "
              f"| {ours['objective']} / {theirs['objective']} {'=' if same else '≠'} "
              f"| {ours['filled']} | {ours.get('peak_rss_mib', '?')} MiB |")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
