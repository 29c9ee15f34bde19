"""The registry: which recognizers run. ``default_registry()`` is what the pipeline uses."""
from __future__ import annotations

from typing import Iterable, Iterator

from redaction.recognizers.base import Recognizer


class Registry:
    def __init__(self, recognizers: Iterable[Recognizer] = ()) -> None:
        self._recognizers: dict[str, Recognizer] = {}
        for recognizer in recognizers:
            self.add(recognizer)

    def add(self, recognizer: Recognizer) -> None:
        if recognizer.name in self._recognizers:
            raise ValueError(f"a recognizer named {recognizer.name!r} is already registered")
        self._recognizers[recognizer.name] = recognizer

    def remove(self, name: str) -> None:
        del self._recognizers[name]

    def get(self, name: str) -> Recognizer:
        return self._recognizers[name]

    @property
    def names(self) -> list[str]:
        return list(self._recognizers)

    @property
    def categories(self) -> set[str]:
        return {recognizer.category for recognizer in self}

    def __iter__(self) -> Iterator[Recognizer]:
        return iter(list(self._recognizers.values()))

    def __len__(self) -> int:
        return len(self._recognizers)


def default_registry() -> Registry:
    """Every recognizer of the package, in a fixed order."""
    from redaction.recognizers import ALL_RECOGNIZERS

    return Registry(recognizer() for recognizer in ALL_RECOGNIZERS)
