"""Scoring for after-sales service evaluation standards.

Pure Python, standard library only: the same code runs in CPython (tests, CLI) and in
the visitor's browser through Pyodide (see :mod:`calculator.api`).

Modules, one concern each:

* :mod:`.model`        -- the rubric as frozen objects, checked on load
* :mod:`.assessment`   -- an assessment file, checked against its rubric
* :mod:`.completeness` -- CTS Q/ZG025-2022 scoring (6.2, 6.3)
* :mod:`.explain`      -- next level and what to fix first
* :mod:`.numbers`      -- exact decimals and half-up rounding
* :mod:`.errors`       -- the exception hierarchy
* :mod:`.report`       -- the text report
* :mod:`.api`          -- the browser's text-in, text-out entry point
* :mod:`.cli`, :mod:`.loaders` -- the command line and file reading (CPython only)
"""

from .errors import AssessmentError, CalculatorError, InputFileError, RatingError, RubricError, UnknownStandardError
from .model import Rubric, load_rubric
from .scoring import score

__all__ = [
                     "AssessmentError",
                     "CalculatorError",
                     "InputFileError",
                     "RatingError",
                     "Rubric",
                     "RubricError",
                     "UnknownStandardError",
                     "load_rubric",
                     "score",
]
