"""What the calculator reads or shows at most, each limit in one place, with the reason for it."""

from __future__ import annotations

MAX_SHOWN = 200
"""A text a message names (an item id, a key, a file name) is shown with at most this many
characters; the middle of a longer one is left out."""
