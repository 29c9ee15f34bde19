"""The panel's request class: an upload's files are parsed into memory up to one photo's
size limit (UPLOAD_MAX_IMAGE_BYTES), rather than into werkzeug's temporary file above
500 KB, which costs a file written and read back per upload and leaves the unstripped photo
in the disk's free blocks. A larger part (refused as too large anyway) still goes to disk."""
from __future__ import annotations

from tempfile import SpooledTemporaryFile
from typing import IO

from flask import Request


def request_class(max_in_memory: int) -> type[Request]:
    class PanelRequest(Request):
        def _get_file_stream(self, total_content_length: int | None,
                             content_type: str | None, filename: str | None = None,
                             content_length: int | None = None) -> IO[bytes]:
            return SpooledTemporaryFile(max_size=max_in_memory, mode="rb+")
    return PanelRequest
