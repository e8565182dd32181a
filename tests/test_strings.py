"""The string catalogue (rubrics/strings.yaml): complete in both languages, and every entry used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from calculator.loaders import read_catalogue
from calculator.messages import Catalogue, CatalogueError

REPO = Path(__file__).resolve().parent.parent
# Where entries are used: code, templates, hand-written pages and the pages' scripts.
SOURCES = [*REPO.glob("calculator/**/*.py"), *REPO.glob("sitegen/**/*.py"), *REPO.glob("sitegen/templates/*"),
           *REPO.glob("sitegen/overrides/**/*.html"), *REPO.glob("docs/**/*.md"), *REPO.glob("docs/assets/**/*.js")]
# Groups whose keys are values in the data (a text's provenance, a link's type ...), not names in code.
DATA_GROUPS = {
    "lang_name": ("sitegen/i18n.py", r'LANGS = \(([^)]*)\)'),
    "provenance": ("rubrics/schema.json", None),
    "points_provenance": ("rubrics/profile.schema.json", None),
    "kind": ("rubrics/schema.json", None),
    "link_type": ("rubrics/crosswalk.schema.json", None),
    "link_meaning": ("rubrics/crosswalk.schema.json", None),
    "link_sentence": ("rubrics/crosswalk.schema.json", None),
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return read_catalogue()


def _sources_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)


def test_every_entry_has_both_languages_and_the_same_placeholders(catalogue: Catalogue) -> None:
    """Each entry has non-empty Chinese and English text using the same placeholders."""
    assert len(catalogue) > 100
    for name, entry in catalogue.items():
        assert entry["zh"].strip() and entry["en"].strip(), name
        assert set(re.findall(r"\{(\w+)\}", entry["zh"])) == set(re.findall(r"\{(\w+)\}", entry["en"])), name


@pytest.mark.parametrize("data, problem", [
    ({"site": {"home": {"zh": "首页"}}}, "site.home must have non-empty 'zh' and 'en'"),
    ({"site": {"home": {"zh": "首页", "en": " "}}}, "site.home must have non-empty"),
    ({"site": {"home": {"zh": "首页", "en": "Home", "fr": "Accueil"}}}, "and nothing else"),
    ({"site": {"n": {"zh": "共 {count} 项", "en": "{total} items"}}}, "placeholders ['count'] in zh but ['total']"),
    ({"site": "home"}, "group 'site' must map keys"),
])
def test_a_malformed_catalogue_is_refused_naming_the_entry(data: dict, problem: str) -> None:
    """A missing language, an extra one, or mismatched placeholders name the entry at fault."""
    with pytest.raises(CatalogueError, match=re.escape(problem)):
        Catalogue(data)


def test_text_fills_placeholders_and_refuses_a_missing_one() -> None:
    """Placeholders are filled from parameters; a missing parameter is an error, never a half-filled text."""
    catalogue = Catalogue({"site": {"n": {"zh": "共 {count} 项", "en": "{count} items"}}})
    assert catalogue.text("site.n", "zh", count=3) == "共 3 项"
    assert catalogue.text("site.n", "en", count=3) == "3 items"
    with pytest.raises(KeyError, match="count"):
        catalogue.text("site.n", "en")


def test_every_entry_is_used(catalogue: Catalogue) -> None:
    """No entry is dead: each is named in code, a template, a page or a script, or is a value of the data."""
    text = _sources_text()
    unused = []
    for name in catalogue:
        group, key = name.split(".", 1)
        if group in DATA_GROUPS:
            file, pattern = DATA_GROUPS[group]
            haystack = (REPO / file).read_text(encoding="utf-8")
            if pattern:
                haystack = re.search(pattern, haystack).group(1)
            if f'"{key}"' not in haystack:
                unused.append(name)
        elif f'"{name}"' not in text and f"'{name}'" not in text and f'"{key}"' not in text and f"'{key}'" not in text:
            unused.append(name)
    assert not unused, f"entries no code, template or page uses: {unused}"
