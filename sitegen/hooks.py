"""MkDocs hooks: check the rubrics, generate the pages, ship the calculator.

The site is built twice from the same ``docs/`` and the same hooks: ``mkdocs.yml``
builds Chinese (the default language) into ``site/``; ``mkdocs.en.yml`` inherits it and
builds English into ``site/en/``. The build's language is ``theme.language``.

* ``on_config`` -- load and check every rubric (schema + lint), build the navigation;
  any problem fails the build naming the file, the path inside it and the reason. The
  site's name, description and heading-link title come from the string catalogue.
* ``on_env`` -- give the theme's templates the catalogue (``site_label(key)``).
* ``on_files``  -- choose each hand-written page's language version (``x.md`` is
  Chinese, ``x.en.md`` English; one without the other fails the build), add the
  generated overview and clause pages, and (Chinese build only, served to both
  languages from the site root) the rubric JSON, the schema, the calculator zip and each
  standard's calculator form (``assets/calc/form/<id>.json``, by ``calculator.form``).
  The English build writes nothing under ``assets/``: its pages load the theme's files and
  ours from the Chinese build's ``assets/`` at the site root (the same URLs, so switching
  language downloads no stylesheet or script again).
* ``on_env`` -- the templates' ``url`` filter leads English pages to those root assets.
* ``on_page_context`` -- the language switch's links, to the same page in the other
  language; the way to the site's root (for sw.js) and the texts of reading offline.
* ``on_template_context`` -- the same for the 404 page, which is served at any address:
  its links are absolute paths under the address the site is published at (``SITE_URL``),
  in its language.
* ``on_post_page`` / ``on_post_template`` -- ``<html lang>`` says the script: ``zh-Hans``.
* ``on_post_build`` -- copy the Pyodide runtime from ``node_modules/`` and the XlsxWriter wheel
  from ``build/wheels/``, and write the two standard library archives of ``sitegen.stdlib``
  (Chinese build).

MkDocs loads this file by its path; ``scripts/build`` runs ``python -m sitegen.build`` (MkDocs'
command line for both languages, in one process) from the checkout's root, which puts the root
on ``sys.path`` so that ``sitegen`` (a build tool, not part of the installed package) imports,
and ``calculator`` is the editable install that ``scripts/setup`` made.

``SITE_URL`` (environment, optional): the address the site is published at, e.g.
``https://org.github.io/repo/``. Only the 404 pages and the sitemap use it; every other page
links relatively and works under any folder. Without it the site root is assumed at ``/``.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

from sitegen import bundle, examples, i18n, links, offline, pages, reference, stdlib
from sitegen.clauses import leaf_clauses
from sitegen.crosswalk import crosswalk_for_build
from sitegen.langmark import HTML_LANG
from sitegen.rubrics import PROFILE_SCHEMA, SCHEMA, rubrics_for_build

HAND_WRITTEN = ("index.md", "calculator.md", "study.md", "about.md")
SHARED_ASSETS = "assets/"  # the theme's files and docs/assets/: one copy, at the site root, for both languages
KEEPS_CALCULATOR = ("calculator.md", "study.md")  # pages that have the service worker keep the calculator


def _lang(config: MkDocsConfig) -> str:
    lang = config.theme["language"]
    if lang not in i18n.LANGS:
        raise PluginError(f"theme.language {lang!r} is not one of the site languages {i18n.LANGS}")
    return lang


def _site_url(lang: str) -> str | None:
    """``SITE_URL`` checked and ending in ``/``, with ``en/`` added for the English build."""
    value = os.environ.get("SITE_URL", "").strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise PluginError(f"SITE_URL {value!r} is not the address of a folder like https://org.github.io/repo/")
    return value.rstrip("/") + "/" + i18n.PREFIX[lang]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check every rubric and build the navigation in the build's language."""
    lang = _lang(config)
    config["site_url"] = _site_url(lang)
    config["site_name"] = i18n.label("site_name", lang)
    config["site_description"] = i18n.label("site_description", lang)
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = i18n.label("permalink", lang)
    nav: list[Any] = [{i18n.label("home", lang): "index.md"}]
    for rubric in rubrics_for_build().values():
        nav.append({rubric.data["code"]: pages.nav_entries(rubric, lang)})
    nav.append({i18n.label("reference", lang): [{i18n.label(name, lang): f"{name}.md"} for name in reference.PAGES]})
    nav.append({i18n.label("examples", lang): "examples.md"})
    nav.append({i18n.label("worksheets", lang): [{r.data["code"]: links.worksheet_src(r.id)}
                                                for r in rubrics_for_build().values()]})
    nav.append({i18n.label("calculator", lang): "calculator.md"})
    nav.append({i18n.label("study", lang): "study.md"})
    nav.append({i18n.label("about", lang): "about.md"})
    config["nav"] = nav
    if not config.extra.get("alternate"):
        raise PluginError("extra.alternate must be set so that the theme shows the language switch")
    return config


def shared_asset_url(value: str, lang: str) -> str:
    """A path the templates give the ``url`` filter, as the build's language finds it: an asset
    (``assets/...``) of another language's pages is the same file at the site's root, one
    folder up per folder of the language's prefix (``en/``); any other path is unchanged."""
    if not value.startswith(SHARED_ASSETS):
        return value
    return "../" * i18n.PREFIX[lang].count("/") + value


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """The theme's templates print catalogue labels through ``site_label(key)``, and find the
    theme's assets at the site's root in every language (``url``)."""
    lang = _lang(config)
    env.globals["site_label"] = lambda key: i18n.label(key, lang)
    if i18n.PREFIX[lang]:
        env.filters["url"] = _root_assets_filter(env.filters["url"], lang)
    return env


def _root_assets_filter(url: Any, lang: str) -> Any:
    """MkDocs' ``url`` filter, with ``assets/...`` taken from the site's root (:func:`shared_asset_url`);
    on the 404 page (no page: URLs absolute under ``base_url``) the path is normalised."""
    from jinja2 import pass_context

    @pass_context
    def root_assets_url(context: Any, value: Any) -> str:
        shared = shared_asset_url(str(value), lang)
        result = str(url(context, shared))
        if shared != str(value) and context.get("page") is None and result.startswith("/"):
            result = posixpath.normpath(result)  # /en/../assets/x -> /assets/x
        return result

    return root_assets_url


def _choose_language(files: Files, config: MkDocsConfig, lang: str) -> None:
    """Keep one language version of each hand-written page; fail on a missing twin."""
    docs = Path(config.docs_dir)
    for name in HAND_WRITTEN:
        english = name[:-3] + ".en.md"
        if not (docs / name).is_file() or not (docs / english).is_file():
            raise PluginError(f"docs/{name} and docs/{english} must both exist (every page in both languages)")
        twin = files.get_file_from_path(english)
        if twin is not None:
            files.remove(twin)
        if lang == "en":
            page = files.get_file_from_path(name)
            assert page is not None  # docs/{name} exists (checked above)
            page.abs_src_path = str(docs / english)  # same URL, English source
    stray = [f.src_uri for f in files if f.src_uri.endswith(".en.md")]
    if stray:
        raise PluginError(f"{stray[0]}: English page without a place in the site; add it to HAND_WRITTEN")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Pick the language of hand-written pages; add generated pages and data files."""
    lang = _lang(config)
    _choose_language(files, config, lang)
    rubrics = rubrics_for_build()
    crosswalk = crosswalk_for_build()
    titles = reference.clause_titles(rubrics)
    for rubric in rubrics.values():
        files.append(File.generated(config, links.overview_src(rubric.id),
                                    content=pages.overview_page(rubric, lang)))
        for ref in leaf_clauses(rubric.data):
            linker = reference.glossary_linker(rubrics, rubric.id, lang,
                                               links.href(links.clause_src(rubric.id, ref.clause["id"]), "glossary.md"))
            content = pages.clause_page(rubric, ref, lang, crosswalk.of(rubric.id, ref.clause["id"]), titles, linker,
                                        crosswalk.predecessors(rubric.id, ref.clause["id"]), crosswalk.no_successor())
            files.append(File.generated(config, links.clause_src(rubric.id, ref.clause["id"]), content=content))
        if lang == i18n.DEFAULT:
            files.append(File.generated(config, f"data/{rubric.id}.json", content=bundle.rubric_json(rubric.bundle())))
            files.append(File.generated(config, f"assets/calc/data/{rubric.id}.json",
                                        content=bundle.calculator_rubric_json(rubric.bundle())))
            files.append(File.generated(config, f"assets/calc/form/{rubric.id}.json",
                                        content=bundle.form_json(rubric.bundle(), rubric.model)))
            files.append(File.generated(config, f"data/{rubric.id}-clauses.csv", content=reference.clause_csv(rubric)))
    for rubric in rubrics.values():
        files.append(File.generated(config, links.worksheet_src(rubric.id), content=pages.worksheet_page(rubric, lang)))
    files.append(File.generated(config, examples.PAGE_SRC, content=examples.examples_page(rubrics, lang)))
    if lang == i18n.DEFAULT:
        files.append(File.generated(config, "assets/calc/data/strings-csv.json",
                                    content=bundle.csv_strings_json(i18n.CATALOGUE)))
        files.append(File.generated(config, "assets/calc/data/strings-xlsx.json",
                                    content=bundle.xlsx_strings_json(i18n.CATALOGUE)))
        for example in examples.examples():
            files.append(File.generated(config, f"data/examples/{example['id']}.json",
                                        content=examples.assessment_json(example)))
    files.append(File.generated(config, "crosswalk.md", content=reference.crosswalk_page(rubrics, crosswalk, lang)))
    files.append(File.generated(config, "changes.md", content=reference.changes_page(rubrics, crosswalk, lang)))
    files.append(File.generated(config, "glossary.md", content=reference.glossary_page(rubrics, lang)))
    files.append(File.generated(config, "compare.md", content=reference.compare_page(rubrics, lang)))
    files.append(File.generated(config, "sources.md", content=reference.sources_page(rubrics, lang)))
    files.append(File.generated(config, offline.PAGE_SRC, content=offline.offline_page(lang)))
    if lang == i18n.DEFAULT:
        files.append(File.generated(config, "data/rubric.schema.json", content=SCHEMA.read_text(encoding="utf-8")))
        files.append(File.generated(config, "data/profile.schema.json",
                                    content=PROFILE_SCHEMA.read_text(encoding="utf-8")))
        try:  # the package in two, made with the standard library's archives (sitegen/stdlib.py)
            made = stdlib.archives(rubrics)
        except (FileNotFoundError, RuntimeError) as exc:
            raise PluginError(str(exc)) from None
        files.append(File.generated(config, f"assets/calc/{stdlib.CALCULATOR}", content=made.calculator))
        files.append(File.generated(config, f"assets/calc/{stdlib.MORE}", content=made.more))
    else:
        for shared in [f for f in files if f.src_uri.startswith(SHARED_ASSETS)]:
            files.remove(shared)
    return files


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Links to this same page in each language, relative to the page."""
    lang = _lang(config)
    to_root = links.relative("", links.site_path(page.url, lang))
    context["page_alternates"] = [  # by way of the site's root, as a path that works under any folder
        {"key": other, "lang": HTML_LANG[other], "name": i18n.NAMES[other], "current": other == lang,
         "href": ((to_root if to_root != "./" else "") + links.site_path(page.url, other)) or "./"}
        for other in i18n.LANGS
    ]
    context["site_root"] = to_root
    context["offline_text"] = _offline_text(lang)
    context["offline_keep"] = "calculator" if page.file.src_uri in KEEPS_CALCULATOR else None
    return context


def _offline_text(lang: str) -> dict[str, str]:
    return {key: entry[lang] for key, entry in i18n.CATALOGUE.group("offline").items()}


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """The 404 page: a static host serves it for a missing address at any depth, so its links
    and assets are absolute paths under the published address, and they stay in its language.

    MkDocs gives error pages the path of ``site_url`` (else ``/``) for the Chinese build;
    the English 404 page lives in ``en/``, so without ``SITE_URL`` its base is ``/en/``.
    """
    if template_name != "404.html":
        return context
    lang = _lang(config)
    base = urlsplit(config.site_url).path if config.site_url else "/" + i18n.PREFIX[lang]
    root = base[: len(base) - len(i18n.PREFIX[lang])]
    context["base_url"] = base
    context["extra_css"] = [normalize_url(str(path), None, root if str(path).startswith(SHARED_ASSETS) else base)
                            for path in config.extra_css]
    context["extra_javascript"] = [normalize_url(str(path), None, root if str(path).startswith(SHARED_ASSETS) else base)
                                   for path in config.extra_javascript]
    context["site_root"] = root
    context["offline_text"] = _offline_text(lang)
    context["offline_keep"] = None
    context["page_alternates"] = [
        {"key": other, "lang": HTML_LANG[other], "name": i18n.NAMES[other], "current": other == lang,
         "href": root + i18n.PREFIX[other]} for other in i18n.LANGS]
    context["not_found_links"] = [{"href": base, "text": i18n.label("not_found_home", lang)}] + [
        {"href": f"{base}{rubric.id}/", "text": f'{rubric.data["code"]} {rubric.data["title"][lang]}'}
        for rubric in rubrics_for_build().values()]
    context["not_found_other"] = [
        {"href": root + i18n.PREFIX[other], "lang": HTML_LANG[other], "text": i18n.label("language_home", other)}
        for other in i18n.LANGS if other != lang]
    return context


def _html_lang(output: str, config: MkDocsConfig) -> str:
    """The page's ``<html lang>``: the theme writes the language's name, we want its script."""
    lang = _lang(config)
    return output.replace(f'<html lang="{lang}"', f'<html lang="{HTML_LANG[lang]}"', 1)


SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def _search_dialog_name(output: str, config: MkDocsConfig) -> str:
    """The theme's search is a dialog without a name (screen readers announce "dialog"
    only): it is named by the catalogue's ``site.search_dialog``. A page without the
    theme's search element fails the build, so a theme update cannot drop the name unseen."""
    if SEARCH_DIALOG not in output:
        raise PluginError(f"the theme's search element changed; expected {SEARCH_DIALOG!r} on every page")
    named = SEARCH_DIALOG[:-1] + f' aria-label="{i18n.label("search_dialog", _lang(config))}">'
    return output.replace(SEARCH_DIALOG, named, 1)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Every page says its language as ``HTML_LANG`` does, and names its search dialog."""
    return _search_dialog_name(_html_lang(output, config), config)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page too."""
    if not template_name.endswith(".html"):
        return output
    return _search_dialog_name(_html_lang(output, config), config) if template_name == "404.html" else _html_lang(output, config)


def on_post_build(config: MkDocsConfig) -> None:
    """Serve Pyodide from the site itself (Chinese build, shared by both languages), with the
    XlsxWriter wheel the Excel export unpacks into it on demand, and the standard library as
    the archive the first score needs and the rest (``sitegen.stdlib``)."""
    if _lang(config) != i18n.DEFAULT:
        return
    try:
        sources = bundle.served_pyodide_files() + [bundle.xlsx_wheel()]
        archives = stdlib.archives(rubrics_for_build())
    except (FileNotFoundError, RuntimeError) as exc:
        raise PluginError(str(exc)) from None
    target = Path(config.site_dir) / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for source in sources:
        shutil.copy2(source, target / source.name)
    (target / stdlib.CORE).write_bytes(archives.core)
    (target / stdlib.REST).write_bytes(archives.rest)
