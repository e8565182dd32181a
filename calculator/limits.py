"""What the calculator reads or shows at most, each limit in one place, with the reason for it.

Hostile input (an alias bomb, a number of a million digits, text nested ten thousand deep, a
file of gigabytes) is refused with a message that states the limit, in bounded time and
memory, before it reaches the scoring. Every limit leaves real files far behind: a combined
GB/T 27922 + CTS assessment rating all 139 items with a 300-character note on each is 130 KB
and under 600 values; the largest rubric (SB/T 10401-2006) is 270 KB, under 6,000 values and
11 levels deep.
"""

from __future__ import annotations

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A file the CLI reads (an assessment, a weight profile, a CSV export, a rubric, the string
catalogue) holds at most 2 MiB (2,097,152 bytes): fifteen times that assessment, seven times
the largest rubric. No more than that is ever read, even from an endless file."""

MAX_VALUES = 50_000
"""A JSON or YAML document holds at most 50,000 values (texts, numbers, lists, mappings; a
key counts), an alias counting as every value it repeats: eight times the largest rubric.
This bounds the time and memory of reading YAML (each value is an object, built before the
document can be checked) and defuses alias bombs (a few lines that repeat a list nine times
nine times ... stand for billions of values)."""

MAX_DEPTH = 64
"""Nesting deeper than this is refused: no assessment, profile or rubric comes near it (a
rubric nests 11 deep). Python's JSON parser gives up at about a thousand levels, the
pure-Python YAML parser at a few hundred, and PyYAML's C composer (over libyaml), which
recurses in C, crashed the process at some thirty thousand."""

MAX_NUMBER_CHARS = 100
"""A number is written with at most 100 characters (``0.1`` written out as the exact binary
fraction it stands for takes 57). JSON and YAML numbers are read as binary floats, as the
browser reads them, and scored by their shortest decimal text; a longer number would only be
rounded, and reading one of a million digits (or a YAML base-60 ``1:59:59:...``) takes
seconds, so it is refused."""

MAX_NOTE_CHARS = 4000
"""A note (an item's remark or evidence reference) holds at most 4,000 characters, in the CLI
and in the calculator page, which keeps every note in the browser's storage (a few MB in all)
and says so under the field when one is longer."""

MAX_OWNER_CHARS = 200
"""Who owns an improvement-plan step (a name, a team) holds at most 200 characters."""

MAX_SHOWN = 200
"""A text a message names (an item id, a key, a file name) is shown with at most this many
characters; the middle of a longer one is left out."""
