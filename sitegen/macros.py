"""mkdocs-macros variables for the hand-written pages (home, calculator, about).

Numbers on those pages (item counts, points, levels) come from the checked rubrics,
never typed by hand.
"""

from __future__ import annotations

from typing import Any

from sitegen import i18n
from sitegen.rubrics import rubrics_for_build


def define_env(env: Any) -> None:
    """Expose ``rubrics`` (id -> data), ``lang`` and helpers to page Markdown."""
    lang = env.conf["theme"]["language"]
    loaded = rubrics_for_build()
    env.variables["lang"] = lang
    env.variables["rubrics"] = {key: value.data for key, value in loaded.items()}
    env.variables["item_count"] = {key: len(value.model.items) for key, value in loaded.items()}
    env.variables["clause_count"] = {
        key: sum(1 for c in value.model.clauses.values() if c.items) for key, value in loaded.items()}

    @env.macro
    def calculator_manifest() -> str:
        """Codes and titles of every standard, as an HTML attribute value (JSON), so the
        calculator can label its choices before it has loaded any rubric."""
        import html
        import json

        data = {key: {"code": value.data["code"], "title": value.data["title"]} for key, value in loaded.items()}
        return html.escape(json.dumps(data, ensure_ascii=False), quote=True)

    @env.macro
    def page_strings(*groups: str) -> str:
        """The catalogue entries of ``groups`` in this page's language, as the JSON that
        docs/assets/calc/strings.js reads: written into the page, so the words arrive with it
        (no second request) and each page carries only its own language and groups."""
        import json

        text = json.dumps(i18n.CATALOGUE.as_json_data(lang, groups), ensure_ascii=False, separators=(",", ":"))
        text = text.replace("</", "<\\/")  # never ends the script element early
        return f'<script type="application/json" id="calc-strings" data-lang="{lang}">{text}</script>'

    @env.macro
    def overview_sections(*keys: str) -> str:
        """Where each named section of a standard's overview page starts, as an HTML attribute
        value (JSON): ``key -> {anchor, label}``, the heading being the site label ``key``. The
        anchor comes from the same slugify the table of contents uses, so it is the heading's id."""
        import html
        import json

        from markdown.extensions.toc import slugify as default_slugify

        toc = (env.conf.get("mdx_configs") or {}).get("toc") or {}
        slugify = toc.get("slugify", default_slugify)
        separator = toc.get("separator", "-")
        data = {key: {"anchor": slugify(i18n.label(key, lang), separator), "label": i18n.label(key, lang)}
                for key in keys}
        return html.escape(json.dumps(data, ensure_ascii=False), quote=True)

    @env.macro
    def pyodide_mb() -> str:
        """The size of the Pyodide runtime a visit to the calculator keeps, in MB (one decimal):
        the files of the npm package the site serves and the first score's standard library
        (the rest of it is kept when the Excel export fetches it)."""
        from sitegen import bundle, stdlib

        total = sum(path.stat().st_size for path in bundle.served_pyodide_files())  # says what to run if missing
        return f"{(total + len(stdlib.archives(loaded).core)) / 1_000_000:.1f}"

    @env.macro
    def pyodide_bytes() -> int:
        """The bytes the worker downloads of the Pyodide runtime for a score (the wasm and the
        standard library archive of the first score), so the page can show the download's
        progress in percent."""
        from sitegen import bundle, stdlib

        wasm = sum(path.stat().st_size for path in bundle.served_pyodide_files() if path.name == "pyodide.asm.wasm")
        return wasm + len(stdlib.archives(loaded).core)

    @env.macro
    def python_snapshot() -> str:
        """The hex part of the Python snapshot's key for this build (:func:`sitegen.stdlib.snapshot_id`),
        so that a return visit reads its snapshot while the archives download."""
        from sitegen import stdlib

        return stdlib.snapshot_id(stdlib.archives(loaded))

    @env.macro
    def pyodide_lock() -> str:
        """The package lock the worker gives Pyodide inline (:func:`sitegen.stdlib.lock_json`),
        as an HTML attribute value, so that no request fetches ``pyodide-lock.json``."""
        import html

        from sitegen import stdlib

        return html.escape(stdlib.lock_json(), quote=True)

    @env.macro
    def xlsx_wheel() -> str:
        """The file name of the XlsxWriter wheel under pyodide/ (the Excel export loads it)."""
        from sitegen import bundle

        return bundle.xlsx_wheel().name

    @env.macro
    def offline_save() -> str:
        """The "save for offline reading" control: the whole reference of this language
        (docs/assets/offline.js asks the service worker its size, shows it in MB on the
        button, and stores it on a click). Texts from the catalogue's ``offline`` group;
        ``{size}``, ``{done}``, ``{total}`` are filled in the browser."""
        import html

        def text(key: str) -> str:
            return html.escape(i18n.CATALOGUE.text(f"offline.{key}", lang, size="{size}", done="{done}",
                                                   total="{total}"), quote=True)

        data = " ".join(f'data-{name}="{text(key)}"' for name, key in (
            ("save", "save"), ("saving", "saving"), ("saved", "saved"), ("problem-offline", "problem_offline"),
            ("problem-changed", "problem_changed"), ("problem-full", "problem_full"),
            ("unsupported", "unsupported")))
        return (f'<div class="offline-save" data-offline-save="{lang}" {data} hidden>\n'
                f'<p>{text("save_intro")}</p>\n'
                f'<button type="button" class="md-button md-button--primary" data-testid="save-offline" disabled>'
                f'{text("preparing")}</button>\n'
                f'<p class="offline-status" role="status" data-offline-status data-testid="offline-status"></p>\n'
                f"</div>")

    @env.macro
    def t(node: dict[str, Any]) -> str:
        """The current language's text of a bilingual mapping."""
        return i18n.text_of(node, lang)

    @env.macro
    def label(key: str) -> str:
        """A site label in the current language."""
        return i18n.label(key, lang)
