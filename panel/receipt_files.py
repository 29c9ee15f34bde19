"""Where a receipt's files live in storage. Originals exist only until redaction has run."""


def original_key(receipt_id: str, page: int) -> str:
    return f"originals/{receipt_id}/{page}.jpg"


def original_prefix(receipt_id: str) -> str:
    return f"originals/{receipt_id}/"


def redacted_key(receipt_id: str) -> str:
    return f"redacted/{receipt_id}.jpg"


def erase(storage, receipt_id: str) -> None:
    """Every file of a receipt, in every version: the original pages and the redacted image."""
    storage.delete_prefix(original_prefix(receipt_id))
    storage.delete(redacted_key(receipt_id))
