"""Build-time site generation: rubric checks, generated pages, the calculator bundle.

* :mod:`.rubrics`  -- load every rubric, check it against ``rubrics/schema.json`` and lint it
* :mod:`.i18n`     -- the two site languages and the labels generated pages use
* :mod:`.pages`    -- Markdown for the overview and clause pages (Jinja templates in templates/)
* :mod:`.bundle`   -- the rubric JSON and the calculator package zip the browser loads
* :mod:`.hooks`    -- the MkDocs hooks that put all of it into the build
* :mod:`.macros`   -- mkdocs-macros variables for the hand-written pages
"""
