"""Scoring for after-sales service evaluation standards.

Pure Python, standard library only: the same code runs in CPython (tests, CLI) and in
the visitor's browser through Pyodide (see :mod:`calculator.api`).

Modules, one concern each:

* :mod:`.model`        -- the rubric as frozen objects, checked on load
* :mod:`.profiles`     -- weight profiles: the points of every scored unit, with provenance
* :mod:`.assessment`   -- an assessment file, checked against its rubric
* :mod:`.constants`    -- the standards' fixed numbers (5 special deductions, 50 %, 12 stars), each with its clause
* :mod:`.numbers`      -- exact decimals, half-up rounding and the other rounding helpers
* :mod:`.tally`        -- adding up an assessment under a profile (shared by every standard)
* :mod:`.completeness` -- CTS Q/ZG025-2022 scoring (6.2, 6.3)
* :mod:`.gbt`          -- GB/T 27922-2011 scoring (6.2, 6.3, special deductions and bonus)
* :mod:`.sbt`          -- SB/T 10401-2006 scoring (item scores, total, the 50 % item rule)
* :mod:`.scoring`      -- one entry point: the rubric, the profile, the model; the combined GB/T + CTS rating
* :mod:`.explain`      -- next level, the points it needs, and what to fix first
* :mod:`.result`       -- the one result shape every model returns
* :mod:`.study`        -- practice questions generated from the rubrics
* :mod:`.messages`     -- the string catalogue in memory (every user-facing text, zh and en)
* :mod:`.errors`       -- the exception hierarchy (a code and parameters each)
* :mod:`.report`       -- the text report
* :mod:`.compare`      -- two assessments of one standard compared (last year and this year), and its text report
* :mod:`.jsontext`     -- strict JSON reading and writing
* :mod:`.limits`       -- what is read or shown at most (file size, values, nesting, digits)
* :mod:`.api`          -- the browser's text-in, text-out entry point
* :mod:`.cli`, :mod:`.loaders` -- the command line (``aftersales``) and file reading (CPython only)
"""

from .errors import AssessmentError, CalculatorError, InputFileError, RatingError, RubricError, UnknownStandardError
from .model import Rubric, load_rubric
from .scoring import score

__all__ = [
    "AssessmentError", "CalculatorError", "InputFileError", "RatingError", "Rubric", "RubricError",
    "UnknownStandardError", "load_rubric", "score",
]
