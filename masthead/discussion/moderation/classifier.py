"""The offline toxicity score: alt-profanity-check's model, evaluated without sklearn's overhead.

The package ships a TF-IDF vectoriser and a calibrated linear SVM (five folds,
each with a sigmoid). Its ``predict_prob`` costs about 4 ms per call, nearly all
of it sklearn's input validation, which would spend the whole screening budget.
The model is linear, so this module reads the same fitted weights once and
computes the same probability in pure Python in microseconds; a test checks it
agrees with ``predict_prob``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class LinearModel:
    """TF-IDF weights and, per calibrated fold, the SVM weights and the sigmoid."""

    token_pattern: re.Pattern[str]
    lowercase: bool
    stop_words: frozenset[str]
    # term -> (idf, weight in each fold)
    terms: dict[str, tuple[float, tuple[float, ...]]]
    intercepts: tuple[float, ...]
    sigmoids: tuple[tuple[float, float], ...]

    def probability(self, text: str) -> float:
        """Return the probability that ``text`` is offensive, as ``predict_prob`` would."""
        if self.lowercase:
            text = text.lower()
        counts = Counter(
            word for word in self.token_pattern.findall(text) if word not in self.stop_words
        )
        weights = [0.0] * len(self.intercepts)
        square_norm = 0.0
        for word, count in counts.items():
            known = self.terms.get(word)
            if known is None:
                continue
            idf, fold_weights = known
            value = count * idf
            square_norm += value * value
            for fold, weight in enumerate(fold_weights):
                weights[fold] += value * weight
        norm = math.sqrt(square_norm) or 1.0
        total = 0.0
        for fold, (a, b) in enumerate(self.sigmoids):
            decision = weights[fold] / norm + self.intercepts[fold]
            total += _expit(-(a * decision + b))
        return total / len(self.sigmoids)


def _expit(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


@lru_cache(maxsize=1)
def model() -> LinearModel:
    """Return the package's model as a :class:`LinearModel`, loaded once per process."""
    import warnings

    with warnings.catch_warnings():
        # The pickles were made with an older scikit-learn; the linear weights are unaffected.
        warnings.simplefilter("ignore")
        from profanity_check import profanity_check as package
    return from_sklearn(package.vectorizer, package.model)


def from_sklearn(vectorizer: Any, calibrated: Any) -> LinearModel:
    """Read the fitted weights out of a TfidfVectorizer and a CalibratedClassifierCV."""
    folds = calibrated.calibrated_classifiers_
    coefficients = [fold.estimator.coef_[0] for fold in folds]
    terms = {
        term: (float(vectorizer.idf_[index]), tuple(float(c[index]) for c in coefficients))
        for term, index in vectorizer.vocabulary_.items()
    }
    return LinearModel(
        token_pattern=re.compile(vectorizer.token_pattern),
        lowercase=bool(vectorizer.lowercase),
        stop_words=frozenset(vectorizer.get_stop_words() or ()),
        terms=terms,
        intercepts=tuple(float(fold.estimator.intercept_[0]) for fold in folds),
        sigmoids=tuple(
            (float(fold.calibrators[0].a_), float(fold.calibrators[0].b_)) for fold in folds
        ),
    )


def probability(text: str) -> float:
    """Return the offensive-language probability of ``text`` (0 to 1)."""
    return model().probability(text)
