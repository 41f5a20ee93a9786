#!/usr/bin/env python3
"""The import graph of a crate's top-level modules (edges from `crate::NAME` in code;
comments and test modules left out), and its circles. Usage: module-graph.py SRC_DIR [--edges].
Exits 1 when the graph has a circle. (`super::` stays inside a module; sibling files of one
folder are one module here.)"""
import os, re, sys

def modules(src):
    out = {}
    for root, _, files in os.walk(src):
        for f in files:
            # A module's tests (`tests.rs`) may use what they like (fixtures, helpers).
            if not f.endswith(".rs") or f == "tests.rs":
                continue
            path = os.path.join(root, f)
            rel = os.path.relpath(path, src)
            top = rel.split(os.sep)[0].removesuffix(".rs")
            if top in ("lib", "main"):
                continue
            out.setdefault(top, []).append(path)
    return out

def edges(src):
    graph = {}
    for top, paths in modules(src).items():
        deps = set()
        for path in paths:
            text = open(path, encoding="utf-8").read()
            # Test modules may use what they like (fixtures, helpers).
            text = re.split(r"#\[cfg\(test\)\]\s*mod tests", text)[0]
            for line in text.splitlines():
                code = line.split("//")[0]
                deps.update(re.findall(r"\bcrate::([a-z_][a-z0-9_]*)", code))
        deps.discard(top)
        graph[top] = sorted(d for d in deps if d in modules(src))
    return graph

def circles(graph):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]
    def visit(v):
        index[v] = low[v] = counter[0]; counter[0] += 1
        stack.append(v); on.add(v)
        for w in graph.get(v, []):
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            scc = []
            while True:
                w = stack.pop(); on.discard(w); scc.append(w)
                if w == v:
                    break
            if len(scc) > 1:
                out.append(sorted(scc))
    for v in graph:
        if v not in index:
            visit(v)
    return out

if __name__ == "__main__":
    sys.setrecursionlimit(10000)
    graph = edges(sys.argv[1])
    if "--edges" in sys.argv:
        for k in sorted(graph):
            print(f"{k} -> {', '.join(graph[k])}")
    found = circles(graph)
    for c in found:
        print("circle:", " <-> ".join(c))
    sys.exit(1 if found else 0)
