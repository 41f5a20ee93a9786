#!/usr/bin/env python3
"""The import graph of a crate's modules, its circles and its upward arrows.

Usage: module-graph.py SRC_DIR [--layers a,b,c] [--edges]

A module is a top-level file or folder of SRC_DIR; with --layers, the folders named are
layers (lowest first) and a module is a file or folder inside one (`storage/load`). Edges
come from `crate::NAME` (or `crate::LAYER::NAME`) in code; comments and test modules are
left out (they may use fixtures from anywhere). Exits 1 on a circle, or on an arrow from a
layer to one above it or to a module of the same layer that is a circle. See
docs/architecture.md."""
import os, re, sys

def module_of(rel, layers):
    parts = rel.split(os.sep)
    if parts[0] in layers and len(parts) > 1:
        return parts[0] + "/" + parts[1].removesuffix(".rs")
    name = parts[0].removesuffix(".rs")
    return None if name in ("lib", "main", "mod") else name

def files(src, layers):
    out = {}
    for root, _, names in os.walk(src):
        for f in names:
            if not f.endswith(".rs") or f == "tests.rs":
                continue
            path = os.path.join(root, f)
            module = module_of(os.path.relpath(path, src), layers)
            if module:
                out.setdefault(module, []).append(path)
    return out

def graph(src, layers):
    modules = files(src, layers)
    edges = {}
    for module, paths in modules.items():
        deps = set()
        for path in paths:
            text = open(path, encoding="utf-8").read()
            text = re.split(r"#\[cfg\(test\)\]\s*mod tests", text)[0]
            for line in text.splitlines():
                code = line.split("//")[0]
                for first, second in re.findall(r"\bcrate::([a-z_][a-z0-9_]*)(?:::([a-z_][a-z0-9_]*))?", code):
                    if first in layers:
                        dep = f"{first}/{second}" if f"{first}/{second}" in modules else first
                    else:
                        dep = first
                    deps.add(dep)
        deps.discard(module)
        edges[module] = sorted(d for d in deps if d in modules or d in layers)
    return edges

def circles(edges):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]
    def visit(v):
        index[v] = low[v] = counter[0]; counter[0] += 1
        stack.append(v); on.add(v)
        for w in edges.get(v, []):
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
    for v in list(edges):
        if v not in index:
            visit(v)
    return out

def layer(module, layers):
    head = module.split("/")[0]
    return layers.index(head) if head in layers else None

if __name__ == "__main__":
    sys.setrecursionlimit(10000)
    src = sys.argv[1]
    layers = []
    if "--layers" in sys.argv:
        layers = sys.argv[sys.argv.index("--layers") + 1].split(",")
    edges = graph(src, layers)
    if "--edges" in sys.argv:
        for k in sorted(edges):
            print(f"{k} -> {', '.join(edges[k])}")
    bad = False
    for c in circles(edges):
        print("circle:", " <-> ".join(c)); bad = True
    for module, deps in sorted(edges.items()):
        for dep in deps:
            a, b = layer(module, layers), layer(dep, layers)
            if a is not None and b is not None and b > a:
                print(f"upward: {module} -> {dep}"); bad = True
    sys.exit(1 if bad else 0)
