"""Image operations that both pure libraries use (``ocr`` to read, ``redaction`` to check
its paint): Pillow and numpy only, nothing of either library."""
