"""Text → feature matrix. Accented and accent-free views, so unaccented letters match."""

from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from classifier.normalize import canonical, folded

MAX_CHARS = 6000  # the opening pages carry the substance; very long letters repeat themselves


def accented_view(text: str) -> str:
    return canonical(text[:MAX_CHARS])


def folded_view(text: str) -> str:
    return folded(text[:MAX_CHARS])


def closing_view(text: str) -> str:
    """The last third of the letter, accent-free: where the writer says what they ask for
    ("nay tôi làm đơn này đề nghị…"). Titles mislead; the request seldom does."""
    words = text[-3 * MAX_CHARS // 2:].split()
    return folded(" ".join(words[len(words) * 2 // 3:]))


def build_features() -> FeatureUnion:
    """Syllable 1-3-grams on the accent-free view and on the closing request, character
    n-grams, and accented words."""
    return FeatureUnion([
        ("syllables_folded", TfidfVectorizer(
            preprocessor=folded_view, ngram_range=(1, 3), min_df=2, max_df=0.9,
            sublinear_tf=True, token_pattern=r"(?u)\b\w+\b", max_features=150_000,
        )),
        ("syllables_accented", TfidfVectorizer(
            preprocessor=accented_view, ngram_range=(1, 2), min_df=2, max_df=0.9,
            sublinear_tf=True, token_pattern=r"(?u)\b\w+\b", max_features=80_000,
        )),
        ("syllables_closing", TfidfVectorizer(
            preprocessor=closing_view, ngram_range=(1, 3), min_df=2, max_df=0.9,
            sublinear_tf=True, token_pattern=r"(?u)\b\w+\b", max_features=80_000,
        )),
        ("chars_folded", TfidfVectorizer(
            preprocessor=folded_view, analyzer="char_wb", ngram_range=(3, 5), min_df=3,
            sublinear_tf=True, max_features=150_000,
        )),
    ])
