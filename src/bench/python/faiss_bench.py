#!/usr/bin/env python3
"""Peer measurements for `simdex bench`: FAISS IndexFlatIP search and range search, and numpy sgemm, on a fixed
thread count.

`simdex bench` runs this once per thread count, because OpenBLAS reads OPENBLAS_NUM_THREADS when numpy is
imported; this script sets it (and OMP_NUM_THREADS) from --threads before importing numpy, so it can also
be run by hand:

    /usr/bin/python3 faiss_bench.py --threads 1 --sizes 10000,100000

It prints one JSON object on stdout; progress goes to stderr. Timings are raw samples in milliseconds; the
Java side computes medians and percentiles the same way for every system. Missing numpy or faiss is
reported in the JSON ("error" / "faiss_error"), never as a traceback.

Vectors are seeded standard normals, normalized to unit length: the same shape and distribution as the
Java side's, not the same values.

--pair-sizes times the exact all-pairs scan the library way: IndexFlatIP.range_search(X, min_score) with every
vector as a query, then the pairs i < j (self-matches and the mirrored half dropped). Its vectors are its own,
made like the Java side's VectorSet.withNearCopies (a share of them replaced by near copies of earlier ones,
cosine 0.91 to 0.995), so the pair counts are close to simdex's but need not be equal. Memory is the process's
resident set from /proc/self/status: before the scans, after them (last result held) and the peak during them.
"""

import argparse
import json
import os
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, required=True, help="BLAS and OpenMP threads")
    p.add_argument("--sizes", default="", help="comma-separated database sizes; empty: sgemm only")
    p.add_argument("--dim", type=int, default=384)
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--batch", type=int, default=64, help="queries per batch search")
    p.add_argument("--iterations", type=int, default=20, help="most timed runs per configuration")
    p.add_argument("--warmup", type=int, default=3, help="untimed runs first")
    p.add_argument("--max-seconds", type=float, default=20.0, help="time budget per configuration")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--sgemm-size", type=int, default=2048, help="n of the n×n·n×n sgemm; 0 skips it")
    p.add_argument("--pair-sizes", default="", help="comma-separated vector counts for range search; empty: none")
    p.add_argument("--min-score", type=float, default=0.9, help="range search threshold (inner product)")
    p.add_argument("--near-copies", type=float, default=0.03, help="share of vectors replaced by near copies")
    p.add_argument("--warmup-max-n", type=int, default=10000, help="range search warms up at sizes up to this only")
    p.add_argument("--single-run-from", type=int, default=50000,
                   help="range search over this many vectors or more is timed once (a run takes minutes)")
    return p.parse_args()


def log(message):
    print("[faiss_bench] " + message, file=sys.stderr, flush=True)


def sample(run, iterations, warmup, max_seconds):
    """Raw timings in ms: warm-up (at most a third of the budget), then at least min(iterations, 3) runs."""
    start = time.perf_counter()
    for _ in range(warmup):
        if time.perf_counter() - start >= max_seconds / 3:
            break
        run()
    samples = []
    start = time.perf_counter()
    min_samples = min(iterations, 3)
    while len(samples) < iterations and (len(samples) < min_samples or time.perf_counter() - start < max_seconds):
        t0 = time.perf_counter()
        run()
        samples.append((time.perf_counter() - t0) * 1e3)
    return samples


def blas_library():
    """The BLAS shared object numpy actually loaded, read from this process's memory map."""
    try:
        with open("/proc/self/maps") as maps:
            libs = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})
        return ", ".join(libs) if libs else "unknown"
    except OSError:
        return "unknown"


def unit_vectors(np, rng, n, dim):
    x = rng.standard_normal((n, dim), dtype=np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


def with_near_copies(np, rng, x, fraction):
    """Replaces about `fraction` of the rows (never the first) by normalize(u + g), u a random earlier row and g
    Gaussian noise of squared length t ~ U[0.01, 0.2]: cosine about 1/sqrt(1 + t). A copy may be copied again."""
    n, dim = x.shape
    for i in np.nonzero(rng.random(n) < fraction)[0]:
        if i == 0:
            continue
        sigma = np.sqrt((0.01 + 0.19 * rng.random()) / dim)
        v = x[rng.integers(i)] + sigma * rng.standard_normal(dim, dtype=np.float32)
        x[i] = v / np.linalg.norm(v)
    return x


def memory_mib(field):
    """VmRSS or VmHWM of this process in MiB, or None where /proc cannot tell."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def reset_peak_rss():
    """Restarts VmHWM at the current resident set (Linux 4.0+); False where that is not allowed."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def pairs(np, faiss, args, n):
    """Times range search of every vector against all of them: one timed run from --single-run-from vectors,
    warm-up only up to --warmup-max-n. Each run includes counting the pairs i < j from the result."""
    rng = np.random.default_rng([args.seed, n, 2])
    x = with_near_copies(np, rng, unit_vectors(np, rng, n, args.dim), args.near_copies)
    t0 = time.perf_counter()
    index = faiss.IndexFlatIP(args.dim)
    index.add(x)
    build_s = time.perf_counter() - t0
    last = [0]

    def scan():
        lims, _, labels = index.range_search(x, args.min_score)
        queries = np.repeat(np.arange(n, dtype=labels.dtype), np.diff(lims.astype(np.int64)))
        last[0] = int(np.count_nonzero(labels > queries))

    large = n >= args.single_run_from
    warmup = args.warmup if n <= args.warmup_max_n else 0
    log("pairs n=%d threads=%d range search %g" % (n, args.threads, args.min_score))
    rss_before = memory_mib("VmRSS")
    peak_reset = reset_peak_rss()
    samples = sample(scan, 1 if large else args.iterations, warmup, args.max_seconds)
    peak = memory_mib("VmHWM") if peak_reset else None
    row = {"n": n, "min_score": args.min_score, "near_copy_fraction": args.near_copies, "build_s": build_s,
           "pairs": last[0], "samples_ms": samples, "rss_before_mib": rss_before,
           "rss_after_mib": memory_mib("VmRSS"), "peak_rss_mib": peak}
    index.reset()
    return row


def sgemm(np, args):
    n = args.sgemm_size
    rng = np.random.default_rng(args.seed)
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    out = np.empty((n, n), dtype=np.float32)
    samples = sample(lambda: np.matmul(a, b, out=out), max(args.iterations, 5), max(args.warmup, 1),
                     min(args.max_seconds, 10.0))
    return {"n": n, "flops": 2.0 * n ** 3, "samples_ms": samples}


def search(np, faiss, args, n):
    rng = np.random.default_rng([args.seed, n])
    xb = unit_vectors(np, rng, n, args.dim)
    queries = unit_vectors(np, rng, args.batch, args.dim)
    t0 = time.perf_counter()
    index = faiss.IndexFlatIP(args.dim)
    index.add(xb)
    build_s = time.perf_counter() - t0
    del xb
    rows = []
    position = [0]

    def one():
        i = position[0] % args.batch
        position[0] += 1
        index.search(queries[i:i + 1], args.k)

    log("n=%d threads=%d single" % (n, args.threads))
    rows.append({"n": n, "mode": "single", "queries_per_call": 1, "build_s": build_s,
                 "samples_ms": sample(one, args.iterations, args.warmup, args.max_seconds)})
    log("n=%d threads=%d batch of %d" % (n, args.threads, args.batch))
    rows.append({"n": n, "mode": "batch", "queries_per_call": args.batch, "build_s": build_s,
                 "samples_ms": sample(lambda: index.search(queries, args.k), args.iterations, args.warmup,
                                      args.max_seconds)})
    index.reset()
    return rows


def main():
    args = parse_args()
    # Must happen before numpy (and the BLAS it loads) and faiss (and its OpenMP runtime) are imported.
    os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    os.environ["MKL_NUM_THREADS"] = str(args.threads)
    # libgomp's idle threads spin by default and then fight OpenBLAS's threads for the cores: on two cores a
    # 2-thread batch search took 4.7 ms per query at n=50k instead of 1.7. Passive waiting is FAISS's fair
    # setting here; an OMP_WAIT_POLICY from the environment wins.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    result = {"threads": args.threads, "python": sys.version.split()[0],
              "omp_wait_policy": os.environ["OMP_WAIT_POLICY"]}
    try:
        import numpy as np
    except ImportError as e:
        result["error"] = "cannot import numpy: %s" % e
        print(json.dumps(result))
        return 0
    result["numpy"] = np.__version__
    if args.sgemm_size > 0:
        log("sgemm %d×%d, %d thread(s)" % (args.sgemm_size, args.sgemm_size, args.threads))
        result["sgemm"] = sgemm(np, args)
    result["blas"] = blas_library()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    pair_sizes = sorted(int(s) for s in args.pair_sizes.split(",") if s.strip())
    if sizes or pair_sizes:
        try:
            import faiss
        except ImportError as e:
            result["faiss_error"] = "cannot import faiss: %s" % e
            print(json.dumps(result))
            return 0
        faiss.omp_set_num_threads(args.threads)
        result["faiss"] = getattr(faiss, "__version__", "unknown")
        if sizes:
            result["search"] = [row for n in sizes for row in search(np, faiss, args, n)]
        if pair_sizes:
            result["pairs"] = [pairs(np, faiss, args, n) for n in pair_sizes]
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
