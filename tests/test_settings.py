"""Settings: documented, layered (defaults < newsdesk.toml < overrides), strict about mistakes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from newsdesk.errors import ConfigError
from newsdesk.settings import Settings, iter_fields


def sections() -> list[dataclasses.Field[object]]:
    return list(dataclasses.fields(Settings))


def leaves() -> list[tuple[str, dataclasses.Field[object]]]:
    found = []
    for section in sections():
        section_type = type(getattr(Settings(), section.name))
        found += [(f"{section.name}.{leaf.name}", leaf)
                  for leaf in dataclasses.fields(section_type)]
    return found


@pytest.mark.parametrize("section", sections(), ids=lambda f: f.name)
def test_every_settings_section_has_help(section: dataclasses.Field[object]) -> None:
    assert str(section.metadata.get("help", "")).strip(), f"[{section.name}] has no help text"


@pytest.mark.parametrize(("name", "leaf"), leaves(), ids=[name for name, _ in leaves()])
def test_every_setting_has_help(name: str, leaf: dataclasses.Field[object]) -> None:
    assert str(leaf.metadata.get("help", "")).strip(), f"{name} has no help text"


def test_iter_fields_lists_every_leaf_with_its_help() -> None:
    listed = {name: help_text for name, _, help_text in iter_fields(Settings())}
    assert set(listed) == {name for name, _ in leaves()}
    assert "cluster.similarity_threshold" in listed


def test_settings_are_frozen() -> None:
    settings = Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.cluster.similarity_threshold = 0.9  # type: ignore[misc]


def write_toml(folder: Path, text: str, name: str = "newsdesk.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_without_file_or_overrides_gives_the_defaults() -> None:
    assert Settings.load() == Settings()


def test_toml_file_beats_defaults(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "[cluster]\nsimilarity_threshold = 0.4\n")
    loaded = Settings.load(path)
    assert loaded.cluster.similarity_threshold == 0.4
    assert loaded.cluster.max_features == Settings().cluster.max_features


def test_overrides_beat_the_toml_file(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "[cluster]\nsimilarity_threshold = 0.4\nmax_features = 10\n")
    loaded = Settings.load(path, {"cluster.similarity_threshold": "0.7"})
    assert loaded.cluster.similarity_threshold == 0.7
    assert loaded.cluster.max_features == 10


def test_newsdesk_toml_in_the_working_folder_is_read_when_no_path_is_given() -> None:
    write_toml(Path.cwd(), "[store]\ndb = \"from-toml.db\"\n")
    assert Settings.load().store.db == "from-toml.db"


def test_override_text_is_parsed_to_the_setting_type() -> None:
    loaded = Settings.load(overrides={"ingest.max_file_bytes": "1000",
                                      "clean.favor_recall": "yes",
                                      "cluster.similarity_threshold": "1"})
    assert loaded.ingest.max_file_bytes == 1000
    assert loaded.clean.favor_recall is True
    assert loaded.cluster.similarity_threshold == 1.0
    assert isinstance(loaded.cluster.similarity_threshold, float)


@pytest.mark.parametrize(("toml", "key"), [
    ("[cluster]\nsimilarity_threshold = \"high\"\n", "cluster.similarity_threshold"),
    ("[ingest]\nmax_file_bytes = 1.5\n", "ingest.max_file_bytes"),
    ("[ingest]\nmax_file_bytes = true\n", "ingest.max_file_bytes"),
    ("[clean]\nfavor_recall = 1\n", "clean.favor_recall"),
    ("[store]\ndb = 5\n", "store.db"),
])
def test_wrong_type_in_toml_is_a_config_error_naming_file_and_key(
        tmp_path: Path, toml: str, key: str) -> None:
    path = write_toml(tmp_path, toml)
    with pytest.raises(ConfigError) as raised:
        Settings.load(path)
    assert str(path) in str(raised.value)
    assert key in str(raised.value)


def test_unknown_key_in_toml_is_a_config_error_naming_file_and_key(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "[cluster]\nsimilarity = 0.3\n")
    with pytest.raises(ConfigError) as raised:
        Settings.load(path)
    assert str(path) in str(raised.value)
    assert "cluster.similarity" in str(raised.value)


def test_unknown_section_in_toml_is_a_config_error_naming_it(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "[clustering]\nsimilarity_threshold = 0.3\n")
    with pytest.raises(ConfigError, match=r"unknown settings section \[clustering\]") as raised:
        Settings.load(path)
    assert str(path) in str(raised.value)


def test_section_that_is_not_a_table_is_a_config_error(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "cluster = 3\n")
    with pytest.raises(ConfigError, match=r"\[cluster\] must be a table"):
        Settings.load(path)


def test_unreadable_toml_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "[cluster\nsimilarity_threshold = 0.3\n")
    with pytest.raises(ConfigError, match="cannot read settings") as raised:
        Settings.load(path)
    assert str(path) in str(raised.value)


def test_missing_settings_file_given_explicitly_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="settings file not found"):
        Settings.load(tmp_path / "nowhere.toml")


@pytest.mark.parametrize(("overrides", "words"), [
    ({"cluster.nope": "1"}, "unknown setting cluster.nope"),
    ({"threshold": "1"}, "must be written section.name"),
    ({"ingest.max_file_bytes": "lots"}, "ingest.max_file_bytes must be int"),
    ({"clean.favor_recall": "maybe"}, "clean.favor_recall must be bool"),
])
def test_bad_override_is_a_config_error_saying_what_is_wrong(
        overrides: dict[str, str], words: str) -> None:
    with pytest.raises(ConfigError, match=words):
        Settings.load(overrides=overrides)


@pytest.mark.parametrize(("key", "value"), [
    ("cluster.similarity_threshold", "nan"),
    ("cluster.similarity_threshold", "1.5"),
    ("ingest.max_file_bytes", "-1"),
    ("clean.min_article_chars", "0"),
])
def test_a_setting_out_of_its_range_is_a_config_error_naming_it(key: str, value: str) -> None:
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        Settings.load(None, {key: value})
