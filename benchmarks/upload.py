"""Sharing a 1.5 MB phone photo under load: the panel's real upload path against a bare
endpoint that only writes the same bytes to disk, both under the same gunicorn settings.

    python -m benchmarks.upload [--clients 16] [--seconds 20] [--workers 4]

The panel runs on a throwaway PostgreSQL database with local storage and no worker (no
broker, EMBEDDED_WORKER=off), so only the upload is measured. Each client is a panelist who
joined by invite; it posts the photo as multipart (``image``) to /api/v1/receipts with its
bearer token and a fresh Idempotency-Key, one request after another, on 127.0.0.1 only. The
photo is a real scan from ../shared/eval pasted onto a 12-megapixel frame with sensor noise,
stored sideways with EXIF orientation 6 as phones do, and JPEG quality chosen for 1.5 MB.
Goals: p99 under 250 ms and at least half the bare endpoint's throughput. Also the CPU the
gunicorn workers spend per upload (from /proc), which the machine's load does not change much.
"""
from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

import numpy as np
from PIL import Image

from benchmarks import served
from benchmarks.table import Figure, render

SCANS = served.ROOT.parent / "shared" / "eval" / "softmatic"
PHOTO_BYTES = 1_500_000


def phone_photo() -> bytes:
    """About 1.5 MB of JPEG: a receipt on a 3024x4032 frame, stored sideways, orientation 6."""
    scans = sorted(SCANS.glob("*.jpg"))
    canvas = Image.new("RGB", (3024, 4032), (118, 104, 92))
    if scans:
        with Image.open(scans[0]) as scan:
            receipt = scan.convert("RGB")
        width = round(receipt.width * 3700 / receipt.height)
        canvas.paste(receipt.resize((width, 3700), Image.Resampling.BICUBIC),
                     ((3024 - width) // 2, 166))
    noise = np.random.default_rng(9).normal(0, 6, (4032, 3024, 3))
    pixels = np.clip(np.asarray(canvas, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
    sensor = Image.fromarray(pixels).transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 degrees to show upright
    low, high, best = 30, 95, b""
    while low <= high:  # the quality whose file is closest to 1.5 MB from below
        quality = (low + high) // 2
        out = io.BytesIO()
        sensor.save(out, "JPEG", quality=quality, exif=exif)
        if out.tell() <= PHOTO_BYTES:
            best, low = out.getvalue(), quality + 1
        else:
            high = quality - 1
    return best


def multipart(photo: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; "
            f"filename=\"receipt.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").encode() \
        + photo + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def load(port: int, body: bytes, headers_of, clients: int, seconds: float,
         limit: int) -> tuple[list[float], float, dict[int, int]]:
    """``clients`` threads posting one request after another until ``seconds`` pass or
    ``limit`` requests were sent: the latencies of the 202s, the elapsed time, the statuses."""
    latencies, statuses, sent, lock = [], {}, [0], threading.Lock()
    start = threading.Barrier(clients + 1)
    finished = [0.0]

    def client(number: int) -> None:
        start.wait()
        while time.perf_counter() < deadline:
            with lock:
                if sent[0] >= limit:
                    return
                sent[0] += 1
            began = time.perf_counter()
            status, _, _ = served.request(port, "POST", "/api/v1/receipts", body,
                                          headers_of(number))
            ended = time.perf_counter()
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status == 202:
                    latencies.append(ended - began)
                    finished[0] = max(finished[0], ended)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    deadline = time.perf_counter() + seconds
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return latencies, max(finished[0] - began, 1e-9), statuses


def run_against(server: served.Served, body: bytes, headers_of,
                options) -> tuple[list[float], float, float]:
    """Latencies of the 202s, elapsed seconds, and the workers' CPU seconds per upload."""
    load(server.port, body, headers_of, options.clients, 60, options.clients)  # warm up
    cpu = server.cpu_seconds()
    latencies, elapsed, statuses = load(server.port, body, headers_of, options.clients,
                                        options.seconds, options.max_uploads)
    if set(statuses) != {202}:
        raise RuntimeError(f"uploads answered other than 202: {statuses}")
    return latencies, elapsed, (server.cpu_seconds() - cpu) / sum(statuses.values())


def normalising_cost(photo: bytes, folder: Path) -> tuple[float, float]:
    """Median seconds, in this process, for the upload's check and re-encode of the photo,
    and for writing the same bytes to a file as local storage does."""
    from panel.services import uploads
    from panel.storage import LocalStorage
    limits = uploads.UploadLimits(15 * 2**20, 6, 40_000_000, 60_000_000)
    storage = LocalStorage(folder)

    def median(action) -> float:
        times = []
        for _ in range(5):
            began = time.perf_counter()
            action()
            times.append(time.perf_counter() - began)
        return statistics.median(times)
    return (median(lambda: uploads.check_pages([photo], limits)),
            median(lambda: storage.put(f"photo/{uuid.uuid4().hex}", photo)))


def measure(clients: int = 16, seconds: float = 20, workers: int = 4,
            max_uploads: int = 1000) -> list[Figure]:
    options = argparse.Namespace(clients=clients, seconds=seconds, workers=workers,
                                 max_uploads=max_uploads)
    photo = phone_photo()
    body, content_type = multipart(photo)
    with tempfile.TemporaryDirectory(prefix="bench-upload-") as scratch, \
            served.scratch_database() as url:
        folder = Path(scratch)
        env = served.panel_environment(url, folder)
        app = served.migrated_app(env)
        with served.gunicorn("app:app", env, workers, folder / "panel.log") as server:
            tokens = [served.register(app, server.port, f"bench-upload-{n}@example.org")
                      for n in range(clients)]
            panel = run_against(server, body, lambda n: {
                "Authorization": f"Bearer {tokens[n]}", "Content-Type": content_type,
                "Idempotency-Key": uuid.uuid4().hex}, options)
        with app.app_context():
            from panel.db import db
            db.engine.dispose()
        (folder / "bare").mkdir()
        bare_env = dict(env, BARE_UPLOAD_DIR=str(folder / "bare"))
        with served.gunicorn("benchmarks.bare_upload:app", bare_env, workers,
                             folder / "bare.log") as server:
            bare = run_against(server, body, lambda n: {"Content-Type": content_type},
                               options)
        normalise, write = normalising_cost(photo, folder / "cost")
    (panel_times, panel_elapsed, panel_cpu), (bare_times, bare_elapsed, bare_cpu) = panel, bare
    rate, bare_rate = len(panel_times) / panel_elapsed, len(bare_times) / bare_elapsed
    p99, bare_p99 = (served.percentile(t, 0.99) * 1000 for t in (panel_times, bare_times))
    return [
        Figure(f"upload {len(photo) / 1e6:.1f} MB, {clients} clients: uploads/s", rate,
               bare_rate, "at least 0.5x baseline", rate >= 0.5 * bare_rate),
        Figure("upload: p50 ms", served.percentile(panel_times, 0.5) * 1000,
               served.percentile(bare_times, 0.5) * 1000),
        Figure("upload: p99 ms", p99, bare_p99, "under 250 ms", p99 < 250),
        Figure("upload: app CPU ms per upload", panel_cpu * 1000, bare_cpu * 1000),
        Figure("upload: check + re-encode one photo, ms", normalise * 1000, write * 1000),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20, help="of load per target")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--max-uploads", type=int, default=1000, help="per target")
    options = parser.parse_args()
    print(render(measure(options.clients, options.seconds, options.workers,
                         options.max_uploads)))
    print("baselines: a bare WSGI endpoint writing the same bytes to disk, same gunicorn; "
          "last row: writing the photo to a file in this process")


if __name__ == "__main__":
    main()
