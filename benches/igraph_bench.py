#!/usr/bin/env python3
"""Times python-igraph on the same graph `bridgework bench` times itself on.

Usage: igraph_bench.py EDGES.csv N REPEATS
EDGES.csv has the header source,target,weight with 0-based integer node ids.
Prints one JSON object: measure name -> median seconds. Measures whose igraph
call does not exist in the installed version are left out.
"""
import csv
import json
import statistics
import sys
import time

import igraph as ig


def main():
    path, n, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    edges, weights = [], []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            edges.append((int(row["source"]), int(row["target"])))
            weights.append(float(row["weight"]))
    g = ig.Graph(n=n, edges=edges, directed=False)
    g.es["weight"] = weights

    measures = {
        "betweenness": lambda: g.betweenness(),
        "betweenness_weighted": lambda: g.betweenness(weights="weight"),
        "closeness": lambda: g.closeness(),
        "harmonic": lambda: g.harmonic_centrality(),
        "pagerank": lambda: g.pagerank(weights="weight"),
        "eigenvector": lambda: g.eigenvector_centrality(),
        "clustering": lambda: g.transitivity_local_undirected(mode="zero"),
        "cut_points": lambda: (g.articulation_points(), g.bridges(), g.connected_components()),
        "constraint": lambda: g.constraint(weights="weight"),
        "louvain": lambda: g.community_multilevel(weights="weight"),
    }
    out = {}
    for name, fn in measures.items():
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        out[name] = statistics.median(times)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
