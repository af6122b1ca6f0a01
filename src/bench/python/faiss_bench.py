#!/usr/bin/env python3
"""Peer measurements for `simdex bench`: FAISS IndexFlatIP search and numpy sgemm, on a fixed thread count.

`simdex bench` runs this once per thread count, because OpenBLAS reads OPENBLAS_NUM_THREADS when numpy is
imported; this script sets it (and OMP_NUM_THREADS) from --threads before importing numpy, so it can also
be run by hand:

    /usr/bin/python3 faiss_bench.py --threads 1 --sizes 10000,100000

It prints one JSON object on stdout; progress goes to stderr. Timings are raw samples in milliseconds; the
Java side computes medians and percentiles the same way for every system. Missing numpy or faiss is
reported in the JSON ("error" / "faiss_error"), never as a traceback.

Vectors are seeded standard normals, normalized to unit length: the same shape and distribution as the
Java side's, not the same values.
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
    if sizes:
        try:
            import faiss
        except ImportError as e:
            result["faiss_error"] = "cannot import faiss: %s" % e
            print(json.dumps(result))
            return 0
        faiss.omp_set_num_threads(args.threads)
        result["faiss"] = getattr(faiss, "__version__", "unknown")
        result["search"] = [row for n in sizes for row in search(np, faiss, args, n)]
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
