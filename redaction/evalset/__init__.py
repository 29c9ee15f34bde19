"""The labelled evaluation set: receipts generated from a fixed seed (content with labels,
then photos), a small tesseract reader, and the scoring used by ``python -m redaction.evaluate``
and by the CI guard in ``tests/redaction``."""
