"""Where a receipt's files live in storage. Originals exist only until redaction has run."""
from contextlib import suppress


def original_key(receipt_id: str, page: int) -> str:
    return f"originals/{receipt_id}/{page}.jpg"


def text_layer_key(receipt_id: str) -> str:
    """An e-receipt's words and their boxes (a PDF's text layer, an e-mail's text): an
    original too, gone with the pages once redaction has run."""
    return f"originals/{receipt_id}/text.json"


def original_prefix(receipt_id: str) -> str:
    return f"originals/{receipt_id}/"


def redacted_key(receipt_id: str) -> str:
    return f"redacted/{receipt_id}.jpg"


def erase(storage, receipt_id: str) -> None:
    """Every file of a receipt, in every version: the original pages and the redacted image."""
    storage.delete_prefix(original_prefix(receipt_id))
    storage.delete(redacted_key(receipt_id))


def store_originals(storage, receipt_id: str, pages: list[bytes],
                    text_layer: bytes | None = None) -> None:
    """Store every page (and the text layer, if any), or none: a page that fails takes the
    pages stored before it along (as far as the storage still answers)."""
    try:
        for number, data in enumerate(pages, 1):
            storage.put(original_key(receipt_id, number), data)
        if text_layer is not None:
            storage.put(text_layer_key(receipt_id), text_layer)
    except Exception:
        forget_originals(storage, receipt_id)
        raise


def forget_originals(storage, receipt_id: str) -> None:
    """Best effort, after a failure: the storage may be the thing that failed."""
    with suppress(Exception):
        storage.delete_prefix(original_prefix(receipt_id))
