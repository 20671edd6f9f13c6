"""Text → feature matrix. Accented and accent-free views, so unaccented letters match."""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from classifier.normalize import canonical, folded

MAX_CHARS = 6000  # the opening pages carry the substance; very long letters repeat themselves
# Training rows are each letter plus two or three augmented variants of it: a word n-gram must
# occur in about two different letters to be kept. Phrases of one letter only teach the model that
# letter, and their vocabulary made the model slow to load (selected by writer-grouped CV).
MIN_ROWS = 6


def accented_view(text: str) -> str:
    return canonical(text[:MAX_CHARS])


def folded_view(text: str) -> str:
    return folded(text[:MAX_CHARS])


def closing_view(text: str) -> str:
    """The last third of the letter, accent-free: where the writer says what they ask for
    ("nay tôi làm đơn này đề nghị…"). Titles mislead; the request seldom does."""
    words = text[-3 * MAX_CHARS // 2:].split()
    return folded(" ".join(words[len(words) * 2 // 3:]))


# Words with which a writer states what they want; a sentence holding one says the letter's type
# more reliably than its title or its story ("tôi xin trình bày" is a cue too: it is harmless).
_REQUEST_CUE = re.compile(
    r"\b(de nghi|yeu cau|kinh mong|mong|xin|kien nghi|de xuat|khieu nai|to cao|to giac|"
    r"phan anh|kinh bao|trinh bao)\b"
)
_SENTENCE_END = re.compile(r"[.!?;\n]+")
_REQUEST_WORDS = 25  # a request is stated in its first words; the rest is the story again


def request_view(text: str) -> str:
    """Every sentence that states a request, accent-free, from the request word on: wherever
    the writer puts it (opening, middle or closing), this is what decides the type."""
    requests = []
    for sentence in _SENTENCE_END.split(text[:MAX_CHARS]):
        sentence = folded(sentence)
        cue = _REQUEST_CUE.search(sentence)
        if cue:
            requests.append(" ".join(sentence[cue.start():].split()[:_REQUEST_WORDS]))
    return " | ".join(requests)


def build_features() -> FeatureUnion:
    """Syllable 1-3-grams on the accent-free view, on the closing part and on the request
    sentences; character n-grams; accented words."""
    return FeatureUnion([
        ("syllables_folded", TfidfVectorizer(
            preprocessor=folded_view, ngram_range=(1, 3), min_df=MIN_ROWS, max_df=0.9,
            sublinear_tf=True, token_pattern=r"(?u)\b\w+\b", max_features=150_000,
        )),
        ("syllables_accented", TfidfVectorizer(
            preprocessor=accented_view, ngram_range=(1, 2), min_df=MIN_ROWS, max_df=0.9,
            sublinear_tf=True, token_pattern=r"(?u)\b\w+\b", max_features=80_000,
        )),
        ("syllables_closing", TfidfVectorizer(
            preprocessor=closing_view, ngram_range=(1, 3), min_df=MIN_ROWS, max_df=0.9,
            sublinear_tf=True, token_pattern=r"(?u)\b\w+\b", max_features=80_000,
        )),
        ("syllables_request", TfidfVectorizer(
            preprocessor=request_view, ngram_range=(1, 3), min_df=MIN_ROWS, max_df=0.9,
            sublinear_tf=True, token_pattern=r"(?u)\b\w+\b", max_features=80_000,
        )),
        ("chars_folded", TfidfVectorizer(
            preprocessor=folded_view, analyzer="char_wb", ngram_range=(3, 5), min_df=MIN_ROWS + 1,
            sublinear_tf=True, max_features=150_000,
        )),
    ])
