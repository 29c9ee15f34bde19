"""Cue words as OCR garbles them: one or two letters wrong, lost or added ("Gerehmigungs-Nr",
"Ganehmigungs-Nr", "lerehmigungs-Nr"), or the word split by a stray space ("Genehm i
gungs-Nr", "Genehmi qungs- Nr,").

A cue is compared by its letters only (its *skeleton*: "Genehmigungs-Nr." -> "genehmigungsnr"),
over one to three neighbouring words of a line, with an edit distance that grows with its
length: none up to five letters, one up to nine, two from ten. Only lines that share a few
three-letter pieces with a cue are compared at all, so ordinary lines cost one regex search.
"""
from __future__ import annotations

import re
from typing import Iterator

from redaction.text import fold, trie_pattern

WORD = re.compile(r"\S+")
MAX_WORDS = 3  # a cue split by OCR into at most this many words


def allowed_edits(length: int) -> int:
    return 0 if length <= 5 else 1 if length <= 9 else 2


def skeleton(text: str) -> str:
    return "".join(char for char in fold(text) if char.isalpha())


def pieces(letters: str) -> set[str]:
    return {letters[i:i + 3] for i in range(len(letters) - 2)}


def distance(a: str, b: str, limit: int) -> int:
    """The Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` when it is more than
    ``limit`` (only a band of the table is filled)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i] + [limit + 1] * len(b)
        low, high = max(1, i - limit), min(len(b), i + limit)
        for j in range(low, high + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (char != b[j - 1]))
        if min(current[max(0, low - 1):high + 1]) > limit:
            return limit + 1
        previous = current
    return min(previous[len(b)], limit + 1)


class FuzzyCues:
    """Finds any of ``cues`` (written plainly, e.g. "Genehmigungs-Nr") in a line of text."""

    def __init__(self, cues: tuple[str, ...], stems: tuple[str, ...] = ()) -> None:
        """``stems``: the distinctive parts of the cues ("Genehmigung" of
        "Genehmigungsnummer"), whose four-letter pieces a line must hold to be looked at;
        by default the cues themselves."""
        self.cues = tuple(sorted({skeleton(cue) for cue in cues}, key=len, reverse=True))
        stems = tuple(skeleton(stem) for stem in stems) or self.cues
        # a cue of n letters with k edits keeps at least n - 2 - 3k of its three-letter
        # pieces; a run of words with fewer is not compared letter by letter
        self._needed = [(cue, pieces(cue), allowed_edits(len(cue)),
                         max(1, len(cue) - 2 - 3 * allowed_edits(len(cue))))
                        for cue in self.cues]
        # a cheap first test of a line: a four-letter piece of a stem (ten letters or more
        # with two edits keep one; shorter ones are found when OCR left one piece whole)
        self.pieces = re.compile(trie_pattern(sorted({stem[i:i + 4] for stem in stems
                                                      for i in range(len(stem) - 3)})))

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """Spans of ``text`` (whole words, one to three of them) that read as a cue."""
        folded = fold(text)
        if not self.pieces.search(folded):
            return
        words = [(m.start(), m.end(), skeleton(m.group())) for m in WORD.finditer(folded)]
        index = 0
        while index < len(words):
            end = self._cue_at(words, index)
            if end is None:
                index += 1
                continue
            yield words[index][0], words[end][1]
            index = end + 1

    def _cue_at(self, words: list[tuple[int, int, str]], first: int) -> int | None:
        """The index of the last word of a cue starting at word ``first``, if one does: of
        the runs of words that read as a cue, the closest, and of those the longest."""
        if not words[first][2]:
            return None
        letters, best = "", None
        for last in range(first, min(first + MAX_WORDS, len(words))):
            if not words[last][2]:
                break  # a number or a sign: no part of a cue
            letters += words[last][2]
            shared = pieces(letters)
            for cue, cue_pieces, limit, needed in self._needed:
                if abs(len(letters) - len(cue)) > limit or len(shared & cue_pieces) < needed:
                    continue
                edits = 0 if letters == cue else distance(letters, cue, limit)
                if edits <= limit and (best is None or edits <= best[0]):
                    best = (edits, last)
        return best[1] if best else None
