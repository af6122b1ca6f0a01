package io.simdex.dedup;

/** Disjoint sets over the ints {@code 0..n-1}, with path compression and union by size. */
final class UnionFind {

    private final int[] parent;
    private final int[] size;

    /** {@code n} singleton sets. */
    UnionFind(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("number of elements must be >= 0, got " + n);
        }
        parent = new int[n];
        size = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
        }
    }

    /** The representative of {@code x}'s set; every element on the way is re-pointed straight at it. */
    int find(int x) {
        int root = x;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[x] != root) {
            int next = parent[x];
            parent[x] = root;
            x = next;
        }
        return root;
    }

    /** Merges the sets of {@code a} and {@code b}; the smaller tree goes under the larger to keep paths short. */
    void union(int a, int b) {
        int rootA = find(a);
        int rootB = find(b);
        if (rootA == rootB) {
            return;
        }
        if (size[rootA] < size[rootB]) {
            int swap = rootA;
            rootA = rootB;
            rootB = swap;
        }
        parent[rootB] = rootA;
        size[rootA] += size[rootB];
    }
}
