"""The upload benchmark's baseline: a bare WSGI endpoint that writes the request's bytes to
disk as the panel's local storage does (a temporary file, fsync, rename, fsync of the folder)
and answers 202. Served by gunicorn with the panel's settings: ``benchmarks.bare_upload:app``.
"""
import os
import tempfile
import uuid

FOLDER = os.environ.get("BARE_UPLOAD_DIR", tempfile.gettempdir())


def app(environ, start_response):
    size = int(environ.get("CONTENT_LENGTH") or 0)
    data = environ["wsgi.input"].read(size)
    fd, temp_name = tempfile.mkstemp(dir=FOLDER)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temp_name, os.path.join(FOLDER, uuid.uuid4().hex))
    folder = os.open(FOLDER, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
    start_response("202 Accepted", [("Content-Type", "application/json")])
    return [b'{"status": "queued"}']
