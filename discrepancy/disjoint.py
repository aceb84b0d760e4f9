"""Disjoint sets (union-find): grouping items linked pairwise into connected sets.

Used where pairs decide membership: alignment joins contexts that score alike,
the rules join claims that disagree pairwise into one conflict.
"""

from __future__ import annotations


class DisjointSets:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]  # path halving keeps the trees flat
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)
