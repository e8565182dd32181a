"""Build-time site generation: rubric checks, generated pages, the calculator bundle.

* :mod:`.rubrics`    -- load every rubric, check it against ``rubrics/schema.json`` and lint it
* :mod:`.crosswalk`  -- the typed links between clauses, checked
* :mod:`.sources`    -- the documents the project cites, by name
* :mod:`.terms`      -- the termbase and its checks over every published text
* :mod:`.i18n`       -- the two site languages and the catalogue labels pages use
* :mod:`.langmark`   -- ``lang`` marks for text of the other language
* :mod:`.clauses`    -- the rubric as pages walk it: clauses with items, the profiles shown
* :mod:`.links`      -- where generated pages live and links between them (MkDocs' URLs)
* :mod:`.templating` -- the one Jinja environment and what every template shares
* :mod:`.pages`      -- overview, clause and worksheet pages of one standard
* :mod:`.reference`  -- crosswalk, changes, glossary, comparison and sources pages; CSV downloads
* :mod:`.examples`   -- the worked examples page, computed by the calculator
* :mod:`.splits`     -- equal splits of points (provisional weight profiles)
* :mod:`.bundle`     -- the rubric JSON and the calculator package zip the browser loads
* :mod:`.stdlib`     -- the standard library archives served to Pyodide: the first score's
  modules (traced with :mod:`.firstscore`, stripped by :mod:`.pystrip`, part of them compiled
  by :mod:`.pycompile`) and the rest; the calculator package as served
* :mod:`.offline`    -- the service worker's list of files (``sw.js``) and the offline page
* :mod:`.hooks`      -- the MkDocs hooks that put all of it into the build
* :mod:`.jsstrip`    -- the site's own scripts served without comments
* :mod:`.precompress` -- ``NAME.gz`` and ``NAME.br`` beside the built site's larger files
* :mod:`.build`      -- both languages' builds, sw.js and the precompressed copies in one process (``scripts/build``)
* :mod:`.macros`     -- mkdocs-macros variables for the hand-written pages
* :mod:`.engines`, :mod:`.bench` -- the three browser engines for tests and the benchmark
"""
