"""Fan work out to worker processes; results come back in task order.

A shard's output depends only on (seed, shard), never on the number of workers.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor


def run_tasks(fn: Callable, tasks: Sequence[tuple], workers: int) -> list:
    if workers <= 1 or len(tasks) <= 1:
        return [fn(t) for t in tasks]
    ctx = mp.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        return list(pool.map(fn, tasks))


def run_shard(args: tuple) -> dict:
    from .simulate import ShardSim

    seed, shard, scale, rate, out_dir, tmp_dir = args
    return ShardSim(seed, shard, scale, rate, out_dir, tmp_dir).run()


def run_pages(args: tuple) -> list[str]:
    from .writers.hubspot import merged_lines, write_pages

    out_dir, tmp_dir, obj, snap, shards, extras = args
    return write_pages(out_dir, obj, snap, merged_lines(tmp_dir, obj, snap, shards, extras))
