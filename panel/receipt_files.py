"""Where a receipt's files live in storage. Originals exist only until redaction has run."""
import threading
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


# Seconds an upload that failed to store waits for the clean-up of its pages before it is
# answered: a failing storage can take a second per call (its own retries), and the 503 must
# come fast; the clean-up goes on meanwhile.
CLEAN_UP_WAIT = 0.5


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
        cleaning = threading.Thread(target=forget_originals, args=(storage, receipt_id),
                                    name="forget-originals", daemon=True)
        cleaning.start()
        cleaning.join(CLEAN_UP_WAIT)
        raise


def forget_originals(storage, receipt_id: str) -> None:
    """Best effort, after a failure: the storage may be the thing that failed."""
    with suppress(Exception):
        storage.delete_prefix(original_prefix(receipt_id))
