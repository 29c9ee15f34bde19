"""What the classifier says of one item line: plain data, no text of the line kept."""
from __future__ import annotations

from dataclasses import dataclass

RESTAURANT = "restaurant"  # the receipt is a restaurant's: food and drink served there
PHARMACY = "pharmacy"  # the receipt is a pharmacy's: what is not known to be ordinary is health


@dataclass(frozen=True)
class Product:
    """``code``: COICOP 2018 class (``01.1.4``), or division (``01``) where the text allows
    no more, or None when unknown; ``confidence`` 0..1 (0 when unknown); ``brand`` as the
    brand list prints it where the line holds one; ``signals``: sensitive meanings
    (``products.meaning.SIGNALS``)."""

    code: str | None
    name: str | None
    confidence: float
    brand: str | None = None
    signals: tuple[str, ...] = ()

    @property
    def division(self) -> str | None:
        return self.code[:2] if self.code else None

    @property
    def sensitive(self) -> bool:
        return bool(self.signals)
