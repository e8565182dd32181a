"""What the calculator page asks Python for at its first score, as one function.

:func:`exercise` makes the calls the page's worker makes (docs/assets/calc/worker.js) from
start-up to the printed report of a score: ``calculator.api`` imported, every rubric
added, an assessment of each standard and a combined one scored (with the standard's shipped
weight profiles, a user's profile, GB/T's special deductions and bonus, nothing rated, all
rated, refusals), the plan panel's targets and a plan (app.js, plan.js), a comparison
(compare.js), the CSV of the printed report and its import (report.js, share.js) and the form
of a custom profile. It answers every call's JSON text, in order.

It runs in two places and imports nothing but ``calculator``, so that it adds no module of
its own to what it observes:

* under Pyodide in Node at build time (``sitegen/stdlib.py``), which keeps the standard
  library modules imported meanwhile in the reduced archive the site serves, and checks
  that the same calls give the same answers on that archive;
* under CPython in ``tests/test_stdlib.py``, which checks that every module the calculator
  imports on these paths is in the archive.

The Excel export and the practice page (``xlsx_json``, ``study_json``) are not here: the
worker loads the rest of the standard library before either.
"""

from __future__ import annotations

from typing import Any


def _assessments(standard: str, items: list[str]) -> list[dict[str, Any]]:
    """Assessments of one standard: nothing rated, everything met, a mix of bands with
    exclusions, notes and report details, and the mix under each weight profile named."""
    mix = {}
    for number, item in enumerate(items):
        rating: Any = (1, 0.5, 0, 0.8, "na", None)[number % 6]
        if rating is not None:
            mix[item] = rating
    found: list[dict[str, Any]] = [
        {"standard": standard, "ratings": {}},
        {"standard": standard, "ratings": dict.fromkeys(items, 1)},
        {"standard": standard, "ratings": mix, "notes": {items[0]: "证据 evidence, \"quoted\"\n第二行"},
         "report": {"enterprise": "某某有限公司", "site": "北京", "assessor": "张三", "date": "2026-11-30"},
         "plan": {"steps": {items[1]: {"owner": "李四", "due": "2027-03-31", "status": "in-progress"}}}},
    ]
    if standard.startswith("gb-t"):
        found.append({"standard": standard, "ratings": mix, "special_deductions": 2, "special_bonus": 1})
        found.append({"standard": standard, "ratings": mix, "special_deductions": 5})
    return found


def exercise(api: Any, inputs_text: str) -> list[str]:
    """Make the page's calls on ``api`` (the module ``calculator.api``) with ``inputs_text``:
    JSON ``{"rubrics": {id: rubric JSON text}, "strings_csv": text, "examples": [assessment],
    "profiles": [shipped weight profile]}``, as the site build writes them. Answers every call's text."""
    from calculator.jsontext import dumps, loads

    inputs = loads(inputs_text)
    answers: list[str] = []

    def ask(answer: str) -> Any:
        answers.append(answer)
        return loads(answer)

    items: dict[str, list[str]] = {}
    for text in inputs["rubrics"].values():
        added = ask(api.add_rubric(text))
        items[added["id"]] = added["items"]
    ask(api.add_rubric('{"id": "broken"}'))
    ask(api.add_strings(inputs["strings_csv"]))

    files: list[dict[str, Any]] = list(inputs["examples"])
    for standard, ids in items.items():
        files += _assessments(standard, ids)
    gbt = [f for f in files if f.get("standard", "").startswith("gb-t")]
    cts = [f for f in files if f.get("standard", "").startswith("cts")]
    files += [{"assessments": [a, b]} for a, b in zip(gbt, cts)]
    for profile in inputs["profiles"]:
        files += [{**f, "profile": profile["id"]} for f in files[:] if f.get("standard") == profile["standard"]][:2]

    for number, file in enumerate(files):
        text = dumps(file)
        ask(api.score_json(text))
        aims = ask(api.plan_json(text, None, None))
        if aims.get("ok") and aims["targets"] and number % 3 == 0:
            ask(api.plan_json(text, aims["targets"][0]["id"], None))
        for lang in ("zh", "en"):
            table = ask(api.csv_json(text, lang, None))
            if table.get("ok"):
                ask(api.read_csv_json(table["text"]))
    for a, b in zip(files, files[1:]):  # noqa: RUF007 (no import here: see the module docstring)
        if a.get("standard") == b.get("standard") or ("assessments" in a and "assessments" in b):
            ask(api.compare_json(dumps(a), dumps(b), None, "去年", "今年"))
    for standard in items:
        ask(api.form_json(standard))
    for profile in inputs["profiles"]:  # each shipped profile once more, as a user's own
        text = dumps({**profile, "id": f"custom-{profile['id']}"})
        ask(api.profile_view_json(text))
        rated = [f for f in files if f.get("standard") == profile["standard"] and "profile" not in f][1]
        ask(api.score_json(dumps(rated), text))
        ask(api.plan_json(dumps(rated), None, text))
        ask(api.csv_json(dumps(rated), "zh", text))
    for bad in ("", "{", "[]", '{"standard": "x-1"}', '{"standard": "cts-q-zg025-2022", "ratings": {"nope": 1}}',
                '{"standard": "gb-t-27922-2011", "ratings": {}, "special_deductions": -1}',
                '{"standard": "cts-q-zg025-2022", "ratings": {}, "report": {"date": "2026-02-30"}}'):
        ask(api.score_json(bad))
        ask(api.plan_json(bad, "five-star", None))
        ask(api.csv_json(bad, "en", None))
        ask(api.compare_json(bad, dumps(files[0]), None, "A", "B"))
    ask(api.profile_view_json('{"standard": "sb-t-10401-2006"}'))
    ask(api.read_csv_json("a,b\n1,2\n"))
    ask(api.read_csv_json(""))
    return answers
