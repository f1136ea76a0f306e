"""Token spans of a normalized string -> original offsets, for many tokens at once.

``NormalizedString.offsets_of`` maps one span; a split that is a whole 10 MB
text has millions of tokens, so ``many_offsets`` maps them with whole-list
steps (``map``, ``zip``), through the alignment list or through the implicit
"prefix, then identity" alignments a NormalizedString keeps until it needs a
list.

>>> many_offsets([(0, 2), (2, 4)] * 16, None, 1, 3, 10)[:2]
[(10, 11), (11, 13)]
"""

from __future__ import annotations

from itertools import compress, count, islice, repeat
from operator import add, ge, gt, is_, itemgetter
from typing import Optional

from .span_runs import SpanRuns
from .token import Offsets

__all__ = ["many_offsets"]

_START, _END = itemgetter(0), itemgetter(1)


def many_offsets(spans: list[Offsets], alignments: Optional[SpanRuns], lead: int, original_length: int,
                 shift: int) -> Optional[list[Offsets]]:
    """The original offsets (plus ``shift``) of normalized ``spans``; None when one-by-one is better.

    ``alignments`` (runs) None stands for ``lead`` chars with the first char's span,
    then the identity.  None is returned for a few spans, and for an empty or
    out-of-range span (``offsets_of`` has its own rule for those).
    """
    if len(spans) >= 1024 and 4 * sum(map(is_, spans, islice(spans, 1, None))) > len(spans):
        # Many tokens share one span object (the <0xHH> pieces of one char): map each distinct
        # span once, and let those tokens share the result too.
        distinct = list(dict.fromkeys(spans))
        mapped = many_offsets(distinct, alignments, lead, original_length, shift)
        return None if mapped is None else list(map(dict(zip(distinct, mapped)).__getitem__, spans))
    size = lead + original_length if alignments is None else len(alignments)
    starts, ends = list(map(_START, spans)), list(map(_END, spans))
    if len(spans) < 32 or min(starts) < 0 or max(ends) > size or any(map(ge, starts, ends)):
        return None
    if alignments is None:  # char i has the span (max(i - lead, 0), max(i - lead, 0) + 1)
        firsts, lasts = list(map(add, starts, repeat(shift - lead))), list(map(add, ends, repeat(shift - lead)))
        for i in compress(count(), map(gt, repeat(lead), starts)):  # tokens inside the prefix
            firsts[i] = shift
        for i in compress(count(), map(ge, repeat(lead), ends)):
            lasts[i] = shift + 1
        return list(zip(firsts, lasts))
    return alignments.many(starts, ends, shift)
