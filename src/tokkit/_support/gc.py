"""Pause Python's cyclic garbage collector around allocation-heavy loops.

Encoding a corpus or training allocates millions of small acyclic lists and
tuples; the collector would rescan the growing heap again and again (half of
``encode_batch``'s time on 26 MB of text).  Nothing in these loops builds
reference cycles, so pausing it changes no result.

Re-enabling it is not free either: the first collection after the pause would
examine every object made during it, as young objects (a quarter of
``encode_batch``'s time).  So the survivors are moved to the oldest
generation first (``gc.freeze()`` then ``gc.unfreeze()``: two list splices),
where they wait for the next full collection like any long-lived data.  A
cycle that became garbage meanwhile is still collected, by that full
collection.  This is skipped when the program has frozen objects itself
(``unfreeze`` would release them too).

>>> import gc
>>> with gc_paused():
...     gc.isenabled()
False
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic GC inside the block; restore its previous state after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():
                gc.freeze()  # everything tracked -> the permanent generation ...
                gc.unfreeze()  # ... -> the oldest one, without examining a single object
            gc.enable()
