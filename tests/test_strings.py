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
    "points_badge": ("rubrics/profile.schema.json", None),
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


def raised_codes() -> dict[str, list[str]]:
    """Every ``raise SomeError(...)`` in calculator/ whose class is a CalculatorError: the code it
    names (its first argument, which must be a literal string), or None, by place in the source."""
    import ast

    from calculator import errors

    classes = {name for name, value in vars(errors).items()
               if isinstance(value, type) and issubclass(value, errors.CalculatorError)}
    found: dict[str, list[str]] = {}
    for path in sorted((REPO / "calculator").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else ast.unparse(func)
            if name not in classes and name != "type(exc)":
                continue
            first = node.exc.args[0] if node.exc.args else None
            code = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
            found.setdefault(code, []).append(f"{path.name}:{node.lineno}")
    return found


def test_every_raise_names_a_code_the_catalogue_words(catalogue: Catalogue) -> None:
    """Each raise of a CalculatorError in calculator/ names, as a literal, a code with an error entry in both languages."""
    found = raised_codes()
    assert len(found) > 80
    assert None not in found, f"raises without a literal code: {found.get(None)}"
    missing = {code: where for code, where in found.items() if f"error.{code}" not in catalogue}
    assert not missing, f"codes the catalogue does not word: {missing}"


# Where the entries of each group of ours must be named (beyond the generic check below):
# files (separated by "|", each a path or a brace list) and the pattern of a use.
CALC_PAGE = "docs/assets/calc/{app,state,assessment,form,results,share,report,bridge,plan}.js"
GROUP_USES = {
    "report": ("calculator/report.py", "'{key}'|\"{key}\""),
    "cli": ("calculator/cli.py", "\"cli.{key}\""),
    # the calculator page's modules name their entries; the form model (calculator/form.py)
    # names the labels of the rating choices as message codes the page words
    "calc": (CALC_PAGE + "|calculator/form.py", "\"calc.{key}\"|_message\\(\"{key}\""),
    "examples": ("sitegen/templates/examples.md.j2", "E\\('{key}'"),
    # (the fix-first rows are worded by a message calculator/explain.py chooses by the model)
    "format": ("docs/assets/calc/strings.js|calculator/explain.py|" + CALC_PAGE, "\"format.{key}\""),
    # the comparison: its text report (words("key")) and the calculator page's compare view
    "compare": ("calculator/compare.py|docs/assets/calc/compare.js", "words\\(\"{key}\"|\"compare.{key}\""),
    "csv": ("calculator/exports.py|calculator/xlsx.py", "\"csv.{key}\""),
    "xlsx": ("calculator/xlsx.py", "\"xlsx.{key}\""),
}


def _texts(files: str) -> str:
    """The text of ``a|b`` files, each a path or a brace list like ``docs/{x,y}.js``."""
    paths = []
    for spec in files.split("|"):
        match = re.fullmatch(r"(.*)\{([^}]*)\}(.*)", spec)
        paths += [f"{match[1]}{name}{match[3]}" for name in match[2].split(",")] if match else [spec]
    return "\n".join((REPO / path).read_text(encoding="utf-8") for path in paths)


def test_every_entry_of_our_groups_is_used_where_it_belongs(catalogue: Catalogue) -> None:
    """error entries are raised, result and study codes written by the Python package, calc keys named by app.js ..."""
    codes = set(raised_codes())
    python = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "calculator").glob("*.py"))
    study = (REPO / "docs/assets/calc/study.js").read_text(encoding="utf-8")
    unused = []
    for name in catalogue:
        group, key = name.split(".", 1)
        if group == "error":
            used = key in codes
        elif group == "result":
            used = f'"{key}"' in python
        elif group == "study":
            used = f'"study.{key}"' in study or f'"{key}"' in (REPO / "calculator/study.py").read_text(encoding="utf-8")
        elif group in GROUP_USES:
            files, pattern = GROUP_USES[group]
            used = re.search(pattern.format(key=re.escape(key)), _texts(files)) is not None
        else:
            continue
        if not used:
            unused.append(name)
    assert not unused, f"entries not used where their group belongs: {unused}"


def _string_literals(script: str) -> list[str]:
    """The string literals of a script: '...', "..." and `...`, after removing comments, regular
    expression literals and the messages of programming errors (``throw new Error``), which are
    for developers."""
    script = re.sub(r"(?m)^\s*//[^\n]*|\s//[^\n]*|/\*.*?\*/", "", script, flags=re.S)
    script = re.sub(r"(?:(?<=[(,=:\[!&|?{};])|(?<=return))\s*/(?![/*])(?:\\.|\[[^\]\n]*\]|[^/\n])+/[a-z]*", " ", script)
    script = re.sub(r"throw new Error\([^;]*\);", "", script)
    return re.findall(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'|`((?:[^`\\]|\\.)*)`', script)


@pytest.mark.parametrize("name", ["app.js", "state.js", "assessment.js", "form.js", "results.js", "share.js",
                                  "report.js", "bridge.js", "study.js", "strings.js", "dom.js", "worker.js",
                                  "compare.js"])
def test_scripts_hold_no_words_for_the_reader(name: str) -> None:
    """The pages' scripts carry no Chinese and no English sentence: every word comes from the catalogue."""
    script = (REPO / "docs/assets/calc" / name).read_text(encoding="utf-8")
    literals = ["".join(parts) for parts in _string_literals(script)]
    assert literals, name
    chinese = [text for text in literals if re.search(r"[\u3000-\u9fff\uff00-\uffef]", text)]
    assert not chinese, chinese
    # a sentence: three words in a row, outside ${...} substitutions (CSS selectors and ids have none)
    sentences = [text for text in literals if re.search(r"\b[A-Za-z]{2,} [a-z]{2,} [a-z]{2,}\b", re.sub(r"\$\{[^}]*\}", "", text))]
    assert not sentences, sentences


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
