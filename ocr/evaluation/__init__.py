"""Measuring the package on labelled receipt sets: ``scoring`` compares a ``ParsedReceipt``
with ground truth; ``python -m ocr.evaluate`` runs whole sets."""
