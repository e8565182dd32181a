"""Bytecode files (``.pyc``) for the archives the site serves Pyodide.

Run by ``sitegen/stdlib.mjs`` inside Pyodide, so the bytecode is made by the very Python that
will run it (its magic number and opcodes; the build's CPython is older). Compiling is most of
Python's start in the browser: Pyodide's own start-up imports some 130 modules, and compiling
their source in WebAssembly takes about 1.2 s on a 2-core machine, where loading the same
modules as bytecode takes a tenth of that. A module shipped as bytecode has no source beside
it, as ``compileall`` + "sourceless" distributions do; ``zipimport`` then loads the ``.pyc``
without comparing it to a source.

What is left out: the line and column of every instruction (``co_linetable``; in Python 3.14
it is the bulk of a ``.pyc``, 414 KB of the 1.16 MB the first score's modules take deflated).
The table is not emptied but rewritten to say "no location" for every instruction (one byte per
eight instructions, which deflates to almost nothing): an empty table makes
``code.co_positions()`` end early, and the ``traceback`` module then fails with
``RuntimeError: generator raised StopIteration`` (in 3.11 as in 3.14), where a "no location"
entry gives a traceback that names the file and the function without a line, and
``frame.f_lineno`` ``None``. Nothing the calculator does reads line numbers. The file names
(``co_filename``) stay, relative to the archive (``json/decoder.py``).
"""

from __future__ import annotations

import importlib.util
import marshal
import types

# the 16-byte header of a .pyc: magic number, flags 0 (checked by timestamp), and a zero
# timestamp and size, which zipimport only compares with a source file, and there is none
HEADER = importlib.util.MAGIC_NUMBER + bytes(12)


# a location table entry (PEP 626, InternalDocs/code_objects.md): a first byte of 1 (starts an
# entry), the kind in the next four bits (15: no location), and the count of code units less one
# in the last three (at most 8 a byte)
NO_LOCATION = 0x80 | 15 << 3
UNITS_PER_ENTRY = 8


def no_locations(units: int) -> bytes:
    """A location table saying "no location" for ``units`` code units (2-byte instructions and
    their caches)."""
    full, rest = divmod(units, UNITS_PER_ENTRY)
    return bytes([NO_LOCATION | UNITS_PER_ENTRY - 1]) * full + (bytes([NO_LOCATION | rest - 1]) if rest else b"")


def _lean(code: types.CodeType) -> types.CodeType:
    """``code`` and every code object inside it with no location for any instruction."""
    consts = tuple(_lean(const) if isinstance(const, types.CodeType) else const for const in code.co_consts)
    return code.replace(co_consts=consts, co_linetable=no_locations(len(code.co_code) // 2))


def pyc(source: str, name: str) -> bytes:
    """The ``.pyc`` file of ``source`` (the module file ``name`` in its archive)."""
    return HEADER + marshal.dumps(_lean(compile(source, name, "exec", dont_inherit=True)))
