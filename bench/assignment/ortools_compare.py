#!/usr/bin/env python3
"""Solve an exported assignment instance with OR-tools, as a cross-check.

Reads the JSON form of `grants_assignment::Instance` (written by
`grants bench assignment --export FILE`),
builds the same flow network as the Rust solver with OR-tools'
SimpleMinCostFlow, solves it as a maximum flow of minimum cost, and prints
one JSON line:

    {"objective": ..., "filled": ..., "min_load_met": ..., "solve_seconds": ...}

`objective` is the total affinity (pins included), `filled` the review slots
filled (pins included), `min_load_met` the sum over reviewers of
min(load, min_load). `solve_seconds` is OR-tools' graph build (adding the
arcs) plus its solve; `prepare_seconds`, reported separately, is this
script's pure-Python work of finding candidate pairs and their affinities,
which would be unfair to count against OR-tools.

The network, as in the crate documentation:

  source -> proposal   capacity = needed - pins on it, cost 0
  proposal -> reviewer capacity 1, cost -affinity (only readable,
                       non-forbidden, non-pinned pairs)
  reviewer -> sink     capacity = max(0, min_load - pins), cost -B
  reviewer -> sink     capacity = the rest up to max_load,  cost 0

with B = F_max * (a_hi - a_lo) + 1, F_max = min(total remaining need, total
remaining capacity, number of candidate pairs), and a_lo..a_hi the affinity
range the weights allow. Pinned pairs are fixed before solving.

Usage: ortools_compare.py INSTANCE.json [--repeat N]
"""

import argparse
import json
import sys
import time

import numpy as np
from ortools.graph.python import min_cost_flow

DEFAULT_WEIGHTS = {
    "eager": 3,
    "willing": 1,
    "no_bid": 0,
    "not_preferred": -2,
    "per_shared_tag": 1,
    "shared_tags_cap": 3,
}
BID_FIELD = {"eager": "eager", "willing": "willing", "not_preferred": "not_preferred"}


def prepare(instance):
    """Candidate pairs, their affinities, and the capacities after pins."""
    weights = dict(DEFAULT_WEIGHTS)
    weights.update(instance.get("weights") or {})
    proposals = instance["proposals"]
    reviewers = instance["reviewers"]
    p_index = {p["id"]: i for i, p in enumerate(proposals)}
    r_index = {r["id"]: i for i, r in enumerate(reviewers)}

    forbidden = {(p_index[f["proposal"]], r_index[f["reviewer"]]) for f in instance.get("forbidden", [])}
    pinned = [(p_index[p], r_index[r]) for p, r in instance.get("pinned", [])]
    pinned_set = set(pinned)
    bids = {(p_index[b["proposal"]], r_index[b["reviewer"]]): b["level"] for b in instance.get("bids", [])}

    p_tags = [{t.lower() for t in p.get("tags", [])} for p in proposals]
    r_tags = [{t.lower() for t in r.get("expertise", [])} for r in reviewers]
    readers = {}
    everyone = list(range(len(reviewers)))
    for j, r in enumerate(reviewers):
        for lang in set(r.get("languages", [])):
            readers.setdefault(lang, []).append(j)

    def affinity(i, j):
        level = bids.get((i, j))
        bid = weights[BID_FIELD[level]] if level else weights["no_bid"]
        shared = len(p_tags[i] & r_tags[j])
        return bid + min(weights["per_shared_tag"] * shared, weights["shared_tags_cap"])

    need = [p["needed"] for p in proposals]
    room = [r["max_load"] for r in reviewers]
    fixed_load = [0] * len(reviewers)
    pinned_affinity = 0
    for i, j in pinned:
        need[i] -= 1
        room[j] -= 1
        fixed_load[j] += 1
        pinned_affinity += affinity(i, j)
    bonus = [max(0, r.get("min_load", 0) - fixed_load[j]) for j, r in enumerate(reviewers)]
    normal = [room[j] - bonus[j] for j in range(len(reviewers))]

    tails, heads, aff = [], [], []
    for i, p in enumerate(proposals):
        lang = p.get("language")
        for j in (readers.get(lang, []) if lang else everyone):
            if (i, j) in forbidden or (i, j) in pinned_set:
                continue
            tails.append(i)
            heads.append(j)
            aff.append(affinity(i, j))

    bid_weights = [weights[k] for k in ("eager", "willing", "no_bid", "not_preferred")]
    a_lo, a_hi = min(bid_weights), max(bid_weights) + weights["shared_tags_cap"]
    f_max = min(sum(need), sum(room), len(tails))
    big = f_max * (a_hi - a_lo) + 1
    return {
        "need": need,
        "bonus": bonus,
        "normal": normal,
        "tails": np.asarray(tails, dtype=np.int32),
        "heads": np.asarray(heads, dtype=np.int32),
        "affinity": np.asarray(aff, dtype=np.int64),
        "big": big,
        "pinned": len(pinned),
        "pinned_affinity": pinned_affinity,
        "fixed_load": fixed_load,
        "min_load": [r.get("min_load", 0) for r in reviewers],
    }


def solve(net):
    """Builds and solves the network; returns (figures, seconds)."""
    start = time.perf_counter()
    n_p, n_r = len(net["need"]), len(net["bonus"])
    source, sink = n_p + n_r, n_p + n_r + 1
    smcf = min_cost_flow.SimpleMinCostFlow()

    # Node numbering: proposals 0..n_p, reviewers n_p..n_p+n_r, then source, sink.
    src_arcs = smcf.add_arcs_with_capacity_and_unit_cost(
        np.full(n_p, source, dtype=np.int32),
        np.arange(n_p, dtype=np.int32),
        np.asarray(net["need"], dtype=np.int64),
        np.zeros(n_p, dtype=np.int64),
    )
    pair_arcs = smcf.add_arcs_with_capacity_and_unit_cost(
        net["tails"],
        net["heads"] + np.int32(n_p),
        np.ones(len(net["tails"]), dtype=np.int64),
        -net["affinity"],
    )
    reviewers = np.arange(n_p, n_p + n_r, dtype=np.int32)
    sinks = np.full(n_r, sink, dtype=np.int32)
    bonus_arcs = smcf.add_arcs_with_capacity_and_unit_cost(
        reviewers, sinks, np.asarray(net["bonus"], dtype=np.int64), np.full(n_r, -net["big"], dtype=np.int64)
    )
    smcf.add_arcs_with_capacity_and_unit_cost(
        reviewers, sinks, np.asarray(net["normal"], dtype=np.int64), np.zeros(n_r, dtype=np.int64)
    )
    total = int(sum(net["need"]))
    smcf.set_node_supply(source, total)
    smcf.set_node_supply(sink, -total)
    status = smcf.solve_max_flow_with_min_cost()
    seconds = time.perf_counter() - start
    if status != smcf.OPTIMAL:
        raise SystemExit(f"OR-tools status {status}")

    pair_flow = smcf.flows(pair_arcs)
    used = pair_flow > 0
    objective = int(net["affinity"][used].sum()) + net["pinned_affinity"]
    load = np.asarray(net["fixed_load"], dtype=np.int64)
    load = load + np.bincount(net["heads"][used], minlength=n_r)
    min_load_met = int(np.minimum(load, np.asarray(net["min_load"], dtype=np.int64)).sum())
    figures = {
        "objective": objective,
        "filled": int(used.sum()) + net["pinned"],
        "min_load_met": min_load_met,
        "max_flow": int(smcf.maximum_flow()),
        "arcs": int(smcf.num_arcs()),
        "bonus_flow": int(smcf.flows(bonus_arcs).sum()),
        "source_flow": int(smcf.flows(src_arcs).sum()),
    }
    return figures, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("instance", help="instance JSON (serde form of grants_assignment::Instance)")
    parser.add_argument("--repeat", type=int, default=3, help="solve this many times, report the fastest")
    args = parser.parse_args()

    with open(args.instance, encoding="utf-8") as f:
        instance = json.load(f)
    start = time.perf_counter()
    net = prepare(instance)
    prepare_seconds = time.perf_counter() - start

    best = None
    for _ in range(max(1, args.repeat)):
        figures, seconds = solve(net)
        if best is None or seconds < best[1]:
            best = (figures, seconds)
    figures, seconds = best
    figures["solve_seconds"] = round(seconds, 4)
    figures["prepare_seconds"] = round(prepare_seconds, 4)
    print(json.dumps(figures))


if __name__ == "__main__":
    sys.exit(main())
