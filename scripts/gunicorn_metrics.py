"""gunicorn settings for several workers sharing PROMETHEUS_MULTIPROC_DIR (docs/operations.md):
a worker that exits is marked dead, so its live gauges are no longer added up."""
from prometheus_client import multiprocess


def child_exit(server, worker):
    multiprocess.mark_process_dead(worker.pid)
