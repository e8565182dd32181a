"""The termbase (rubrics/terms.yaml): one term for one thing, checked over every text we publish.

The termbase names, for each recurring term, the Chinese and English we use and the
variants we do not. :func:`scan` runs it over the rubrics (guidance included), the
crosswalk, the weight profiles and examples, the string catalogue, the hand-written pages,
the templates and the README, and returns one :class:`Hit` per variant found, naming the
file, the path inside it (or the line) and the variant. Original wording of a standard is
exempt ("a text whose provenance is original is the standard's own wording and is never
corrected"); everything else is ours.

The glossary uses :meth:`Termbase.renderings` to link our words to the definitions they
render (CTS prints "warranty period" for both 3.9 and 3.11; our English does not).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from calculator.loaders import known_standards, read_file

ROOT = Path(__file__).resolve().parent.parent
TERMS = ROOT / "rubrics" / "terms.yaml"
SCHEMA = ROOT / "rubrics" / "terms.schema.json"
LANGS = ("zh", "en")
# Chinese sentences end at these marks (and at a line end); "；" does not end one.
SENTENCE_END = re.compile(r"[。！？\n]")


class TermbaseError(Exception):
    """terms.yaml is malformed; the message names the entry and the problem."""


@dataclass(frozen=True)
class Hit:
    """One variant found: where (file and path or line), which rule, what was found, what to use."""

    file: str
    at: str
    rule: str
    found: str
    use: str

    def __str__(self) -> str:
        return f"{self.file}: {self.at}: {self.found!r} ({self.rule}: use {self.use})"


def _pattern(variant: str, lang: str) -> re.Pattern[str]:
    """A variant as a pattern: /regex/ as given; a Chinese word as written; an English word
    as a whole word, ignoring case, with an optional plural ending."""
    if len(variant) > 2 and variant.startswith("/") and variant.endswith("/"):
        return re.compile(variant[1:-1], re.IGNORECASE if lang == "en" else 0)
    if lang == "zh":
        return re.compile(re.escape(variant))
    return re.compile(rf"(?<![\w-]){re.escape(variant)}(?:s|es)?(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """A term or a convention: patterns to avoid per language, and what to write instead."""

    id: str
    use: dict[str, str]
    avoid: dict[str, tuple[re.Pattern[str], ...]]
    pair: tuple[str, re.Pattern[str], str] | None = None  # (Chinese word, English it requires, shown)
    defines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mixing:
    """Words our Chinese never uses together in one sentence."""

    id: str
    words: tuple[re.Pattern[str], ...]
    shown: str


@dataclass
class Termbase:
    """The checked termbase."""

    rules: list[Rule]
    mixing: list[Mixing]
    allow: list[dict[str, str]]
    data: dict[str, Any] = field(repr=False)

    def text_hits(self, text: str, lang: str) -> Iterator[tuple[str, str, str]]:
        """(rule id, variant found, what to use) for each avoided variant in ``text``."""
        for rule in self.rules:
            for pattern in rule.avoid.get(lang, ()):
                for match in pattern.finditer(text):
                    yield rule.id, match.group(0), rule.use.get(lang) or rule.use["en"]
        if lang == "zh":
            for mix in self.mixing:
                for sentence in SENTENCE_END.split(text):
                    found = [m.group(0) for p in mix.words for m in [p.search(sentence)] if m]
                    if len(found) > 1:
                        yield mix.id, " + ".join(found) + f" in {sentence.strip()[:40]!r}", f"one of {mix.shown} per sentence"

    def pair_hits(self, zh: str, en: str) -> Iterator[tuple[str, str, str]]:
        """Where ``zh`` has a paired term and ``en`` lacks our English for it."""
        for rule in self.rules:
            if rule.pair and rule.pair[0] in zh and not rule.pair[1].search(en):
                yield rule.id, f"{rule.pair[0]} without {rule.pair[2]!r}", rule.use["en"]

    def renderings(self) -> dict[str, dict[str, str]]:
        """``{"<standard>/<term id>": {"zh": ..., "en": ...}}``: our words for defined terms."""
        return {ref: rule.use for rule in self.rules for ref in rule.defines}


def _compile(entry: dict[str, Any], where: str) -> dict[str, tuple[re.Pattern[str], ...]]:
    out = {}
    for lang, variants in entry.get("avoid", {}).items():
        try:
            out[lang] = tuple(_pattern(v, lang) for v in variants)
        except re.error as exc:
            raise TermbaseError(f"{where}: avoid.{lang}: bad regular expression ({exc})") from None
    return out


def parse(data: Any, name: str = "terms.yaml") -> Termbase:
    """Check a termbase (schema, then meaning) and compile it; raises :class:`TermbaseError`."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = "/".join(map(str, error.absolute_path)) or "(top)"
        raise TermbaseError(f"{name}: {path}: {error.message}")
    rules: list[Rule] = []
    ids: set[str] = set()
    for section in ("terms", "conventions", "mixing"):
        for entry in data[section]:
            if entry["id"] in ids:
                raise TermbaseError(f"{name}: {section}[{entry['id']}]: duplicate id")
            ids.add(entry["id"])
    for entry in data["terms"]:
        where = f"{name}: terms[{entry['id']}]"
        use = entry["preferred"]
        for lang in LANGS:
            for pattern in _compile(entry, where).get(lang, ()):
                if pattern.search(use[lang]):
                    raise TermbaseError(f"{where}: the preferred {lang} {use[lang]!r} matches a variant to avoid")
        pair_en = entry.get("pair")
        shown = use["en"] if pair_en is True else str(pair_en).strip("/")
        pair = (use["zh"], _pattern(use["en"] if pair_en is True else pair_en, "en"), shown) if pair_en else None
        rules.append(Rule(entry["id"], use, _compile(entry, where), pair, tuple(entry.get("defines", ()))))
    for entry in data["conventions"]:
        rules.append(Rule(entry["id"], {"en": entry["use"], "zh": entry["use"]},
                          _compile(entry, f"{name}: conventions[{entry['id']}]")))
    mixing = []
    for entry in data["mixing"]:
        try:
            words = tuple(_pattern(w, "zh") for w in entry["words"])
        except re.error as exc:
            raise TermbaseError(f"{name}: mixing[{entry['id']}]: bad regular expression ({exc})") from None
        shown = "/".join(re.sub(r"\(\?<?[!=][^)]*\)|[/\\]", "", w) for w in entry["words"])
        mixing.append(Mixing(entry["id"], words, shown))
    for index, allow in enumerate(data["allow"]):
        if allow["rule"] not in ids:
            raise TermbaseError(f"{name}: allow[{index}]: no term, convention or mixing entry {allow['rule']!r}")
    return Termbase(rules, mixing, list(data["allow"]), data)


@lru_cache(maxsize=1)
def load(path: Path = TERMS) -> Termbase:
    """The repository's termbase, checked."""
    return parse(read_file(path), path.name)


# --- where the texts are -------------------------------------------------------------

def _texts(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every bilingual mapping {zh, en} in a YAML document, with a readable path
    (list entries named by their ``id``, e.g. ``sections[A.1].clauses[A.1.1].intent``)."""
    if isinstance(node, dict):
        if all(isinstance(node.get(k), str) for k in LANGS):
            yield path, node
            return
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            label = value.get("id", index) if isinstance(value, dict) else index
            yield from _texts(value, f"{path}[{label}]")


def _ours(text: dict[str, Any], path: str, default: dict[str, str], lang: str) -> bool:
    """Is this language of the text ours (checked), not a standard's original wording?
    Guidance is always ours; otherwise the text's own provenance, else the file's default."""
    if ".guidance." in f".{path}.":
        return True
    return (text.get("provenance") or {}).get(lang, default.get(lang, "summary")) != "original"


def yaml_files(root: Path = ROOT) -> list[Path]:
    """The data files with bilingual texts: the standards, crosswalk, catalogue, profiles, examples."""
    rubrics = root / "rubrics"
    return ([rubrics / f"{sid}.yaml" for sid in known_standards(rubrics)]
            + [rubrics / "crosswalk.yaml", rubrics / "strings.yaml", rubrics / "sources.yaml"]
            + sorted(rubrics.glob("profiles/*/*.yaml")) + sorted(rubrics.glob("examples/*.yaml")))


def line_files(root: Path = ROOT) -> list[Path]:
    """The pages and templates, checked line by line (all of their text is ours)."""
    return sorted(root.glob("docs/*.md")) + sorted(p for p in (root / "sitegen" / "templates").iterdir()
                                                    if p.is_file()) + [root / "README.md"]


def yaml_hits(termbase: Termbase, data: Any, name: str) -> Iterator[Hit]:
    """Variants in one YAML document's bilingual texts (original wording exempt)."""
    default = data.get("text_provenance", {}) if isinstance(data, dict) else {}
    for path, text in _texts(data):
        for lang in LANGS:
            if _ours(text, path, default, lang):
                for rule, found, use in termbase.text_hits(text[lang], lang):
                    yield Hit(name, f"{path}.{lang}", rule, found, use)
        if _ours(text, path, default, "en"):
            for rule, found, use in termbase.pair_hits(text["zh"], text["en"]):
                yield Hit(name, f"{path}.en", rule, found, use)


INLINE_CODE = re.compile(r"`[^`\n]*`")


def _prose(text: str, name: str) -> list[str]:
    """The lines of a file with Markdown code left out (``inline code``, indented and fenced
    blocks): a command or file name there, such as ``aftersales``, is a name, not our wording."""
    if not name.endswith(".md"):
        return text.splitlines()
    out, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            out.append("")
        elif fenced or line.startswith("    "):
            out.append("")
        else:
            out.append(INLINE_CODE.sub("", line))
    return out


def line_hits(termbase: Termbase, text: str, name: str) -> Iterator[Hit]:
    """Variants in a page or template, by line (both languages' rules on every line; Markdown
    code left out)."""
    for number, line in enumerate(_prose(text, name), 1):
        for lang in LANGS:
            for rule, found, use in termbase.text_hits(line, lang):
                yield Hit(name, f"line {number}", rule, found, use)


def _allowed(hit: Hit, allow: Iterable[dict[str, str]]) -> dict[str, str] | None:
    return next((a for a in allow if a["file"] == hit.file and hit.at.startswith(a["at"])
                 and a["rule"] == hit.rule), None)


def scan(termbase: Termbase | None = None, root: Path = ROOT) -> tuple[list[Hit], list[dict[str, str]]]:
    """Every variant found in what we publish, and the allow entries that excused nothing."""
    termbase = termbase or load()
    found: list[Hit] = []
    for path in yaml_files(root):
        found += yaml_hits(termbase, read_file(path), path.relative_to(root).as_posix())
    for path in line_files(root):
        found += line_hits(termbase, path.read_text(encoding="utf-8"), path.relative_to(root).as_posix())
    used: list[dict[str, str]] = []
    hits = []
    for hit in found:
        allow = _allowed(hit, termbase.allow)
        if allow is None:
            hits.append(hit)
        elif allow not in used:
            used.append(allow)
    return hits, [a for a in termbase.allow if a not in used]
