"""Batch analysis on a Dask cluster: the same records as :func:`~vnparty_nlp.pipeline.analyze_many`, from many machines.

``analyze_many(items, scheduler="tcp://host:8786")`` (an existing ``dask.distributed`` scheduler) or
``scheduler=4`` (a local cluster of 4 worker processes; ``pip install vnparty_nlp[dask]``). Inputs are
read in partitions of ``partition_size`` articles, at most a few partitions per worker in flight (a
long input is never read ahead into memory); each worker process loads underthesea once (a worker
plugin warms it up) and analyzes whole partitions; the partitions' records are merged back in input
order. A partition whose worker dies is run again elsewhere (the scheduler reschedules the tasks of a
lost worker; ``retries`` more for one that fails), so every article comes out exactly once.
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from vnparty_nlp.pipeline import InputError, _analyze_item
from vnparty_nlp.records import Record

log = logging.getLogger(__name__)

#: articles per partition (a task): large enough that scheduling costs little, small enough to balance
PARTITION_SIZE = 25
#: partitions in flight per worker: keeps every worker busy while the client merges in order
IN_FLIGHT_PER_WORKER = 3


def analyze_partition(items: list[tuple[str, Mapping[str, Any]]]) -> list[Record | InputError]:
    """One partition, analyzed in a worker process; an article that fails is a value, not an error."""
    return [_analyze_item(item) for item in items]


def _warm_up_plugin() -> Any:
    """A worker plugin that loads underthesea's models once, when each worker process starts."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class WarmUp(WorkerPlugin):
        name = "vnparty-warm-up"
        idempotent = True

        def setup(self, worker: Any = None) -> None:
            from vnparty_nlp.pipeline import analyze

            analyze("Đảng bộ tỉnh tổ chức đại hội.", tokenize=True)

    return WarmUp()


def connect(scheduler: Any) -> tuple[Any, Any]:
    """(client, cluster we started or None) for a scheduler address, a worker count or a Client."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("analysis on Dask needs dask.distributed: pip install 'vnparty_nlp[dask]'") from None
    if isinstance(scheduler, Client):
        return scheduler, None
    if isinstance(scheduler, int) and not isinstance(scheduler, bool):
        if scheduler < 1:
            raise ValueError(f"workers must be >= 1, not {scheduler}")
        cluster = LocalCluster(n_workers=scheduler, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), cluster
    if isinstance(scheduler, str) and scheduler:
        return Client(scheduler, timeout="30s"), None
    raise ValueError(f"scheduler must be a tcp:// address, a number of local workers or a Client, not {scheduler!r}")


def analyze_on_dask(
    items: Iterable[tuple[str, Mapping[str, Any]]],
    scheduler: Any,
    *,
    partition_size: int = PARTITION_SIZE,
    retries: int = 2,
    bar: Any = None,
) -> Iterator[Record | InputError]:
    """The results of ``items`` in input order, analyzed by the cluster's workers partition by partition."""
    if partition_size < 1:
        raise ValueError(f"partition_size must be >= 1, not {partition_size}")
    client, cluster = connect(scheduler)
    try:
        client.register_plugin(_warm_up_plugin())
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        it = iter(items)
        in_flight: deque[Any] = deque()
        n = 0
        while True:
            while len(in_flight) < IN_FLIGHT_PER_WORKER * workers:
                part = list(islice(it, partition_size))
                if not part:
                    break
                # pure=False: two partitions with the same articles are still two tasks
                in_flight.append(client.submit(analyze_partition, part, retries=retries, pure=False,
                                               key=f"vnparty-partition-{n}-{id(in_flight)}"))
                n += 1
            if not in_flight:
                break
            future = in_flight.popleft()
            results = future.result()
            future.release()
            if bar is not None:
                bar.update(len(results))
            yield from results
            workers = max(len(client.scheduler_info().get("workers", {})), 1)
    finally:
        if cluster is not None:
            client.close()
            cluster.close()
