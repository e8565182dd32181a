"""Python source without its docstrings and comments, for the reduced standard library.

Run by ``sitegen/stdlib.mjs`` inside Pyodide, so the sources are parsed by the Python that
will import them (Pyodide's, newer than the build's). From every module, class and function
the docstring goes, as ``python -OO`` drops them: the standard library is tested under
``-OO``, so a module that reads docstrings (``functools.wraps`` copies them, ``enum`` and
``dataclasses`` set them) takes ``None`` in its stride. Pyodide's own modules (``KEEP``) keep
theirs: Pyodide builds the documentation of its JavaScript API from them and is not tested
without them. Comments go with the
re-formatting: the source is printed back from its syntax tree (``ast.unparse``), which
keeps ``from __future__`` imports first and compiles to the same behaviour; every result is
compiled before it is kept.
"""

from __future__ import annotations

import ast

DEFINITIONS = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
KEEP = ("pyodide/", "_pyodide/")  # the archive's folders whose modules keep their docstrings


def _is_docstring(statement: ast.stmt) -> bool:
    return (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str))


def strip(source: str, name: str) -> str:
    """``source`` (the file ``name`` in its archive) printed back without comments and, unless it
    is one of Pyodide's own (``KEEP``), without docstrings; raises ``SyntaxError`` if the result
    does not compile."""
    tree = ast.parse(source, name)
    if not name.startswith(KEEP):
        for node in ast.walk(tree):
            if isinstance(node, DEFINITIONS) and node.body and _is_docstring(node.body[0]):
                del node.body[0]
                if not node.body and not isinstance(node, ast.Module):
                    node.body.append(ast.Pass())
    text = ast.unparse(tree) + "\n"
    compile(text, name, "exec", dont_inherit=True)
    return text
