"""Near-duplicate letters: the same letter sent again (re-typed, re-scanned, re-dated), found
with MinHash over word shingles so a large backlog is searched without comparing every pair."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from classifier.normalize import folded

SHINGLE_WORDS = 3
PERMUTATIONS = 128
THRESHOLD = 0.5  # estimated Jaccard of shingles; a re-typed, re-dated copy scores >= 0.68


def shingles(text: str) -> set[str]:
    words = folded(text).split()
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def fingerprint(text: str) -> MinHash:
    signature = MinHash(num_perm=PERMUTATIONS, seed=1)
    for shingle in shingles(text):
        signature.update(shingle.encode("utf-8"))
    return signature


@dataclass(frozen=True)
class Match:
    letter_id: str
    similarity: float


class LetterIndex:
    """Letters already known (being handled or archived), searchable for near-duplicates.
    The service keeps one and adds each letter as it is registered."""

    def __init__(self, *, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
        self._signatures: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, letter_id: object) -> bool:
        return letter_id in self._signatures

    def add(self, letter_id: str, text: str) -> None:
        """Index a letter (adding the same id twice replaces it)."""
        if letter_id in self._signatures:
            self._lsh.remove(letter_id)
        signature = fingerprint(text)
        self._signatures[letter_id] = signature
        self._lsh.insert(letter_id, signature)

    def add_all(self, letters: Mapping[str, str] | Iterable[tuple[str, str]]) -> None:
        for letter_id, text in (letters.items() if isinstance(letters, Mapping) else letters):
            self.add(letter_id, text)

    def matches(self, text: str, *, exclude: str | None = None) -> list[Match]:
        """Known letters like this one, most similar first."""
        signature = fingerprint(text)
        found = [Match(str(key), round(float(signature.jaccard(self._signatures[key])), 3))
                 for key in self._lsh.query(signature) if key != exclude]
        found = [m for m in found if m.similarity >= self.threshold]
        return sorted(found, key=lambda m: (-m.similarity, m.letter_id))


def find_duplicate(text: str, known_letters: LetterIndex | Mapping[str, str] | None,
                   *, exclude: str | None = None) -> Match | None:
    """The most similar known letter, if one is a near-duplicate of this text."""
    if not known_letters:
        return None
    if isinstance(known_letters, LetterIndex):
        index = known_letters
    else:
        index = LetterIndex()
        index.add_all(known_letters)
    found = index.matches(text, exclude=exclude)
    return found[0] if found else None
