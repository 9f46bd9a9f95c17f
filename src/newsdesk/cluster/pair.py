"""The pair model: how likely an article (or a story taken whole) reports the same event as a
story, from the features in ``profile.FEATURES``.

A logistic regression whose coefficients live in ``pair_model.json`` beside this module,
written by ``bench/train_pair_model.py`` from labelled pairs of ECB+ train.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from newsdesk.cluster.profile import FEATURES
from newsdesk.errors import ConfigError

MODEL_FILE = "pair_model.json"


@dataclass(frozen=True)
class PairModel:
    """Standardise, weigh, squash: ``sigmoid(((x - mean) / scale) @ coef + intercept)``; an
    unknown feature (NaN) counts as its training mean."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    version: str

    def probability(self, rows: np.ndarray) -> np.ndarray:
        z = self.standardise(rows) @ self.coef + self.intercept
        result: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return result

    def standardise(self, rows: np.ndarray) -> np.ndarray:
        result: np.ndarray = np.nan_to_num((rows - self.mean) / self.scale, nan=0.0)
        return result

    def to_json(self, trained_on: str) -> dict[str, Any]:
        return {"version": self.version, "trained_on": trained_on, "features": list(FEATURES),
                "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "intercept": self.intercept}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PairModel:
        if list(data.get("features", [])) != list(FEATURES):
            raise ConfigError(f"{MODEL_FILE} was trained on other features; rerun "
                              "bench/train_pair_model.py")
        return cls(np.array(data["mean"]), np.array(data["scale"]), np.array(data["coef"]),
                   float(data["intercept"]), str(data["version"]))


def bundled_model() -> PairModel:
    """The model shipped with newsdesk."""
    text = resources.files("newsdesk.cluster").joinpath(MODEL_FILE).read_text("utf-8")
    return PairModel.from_json(json.loads(text))
