"""Match spans as HF's Oniguruma loop yields them, with a time limit for patterns that need one.

>>> onig_match_spans(regex.compile("b*"), "abba")
[(0, 0), (1, 3), (4, 4)]
>>> from .oniguruma import Regex
>>> onig_match_spans(Regex(r"(a|b)+c").compiled, "xabcx")
[(1, 4)]
"""

from __future__ import annotations

import time
from typing import Optional

import regex

from .._errors import PatternTimeoutError
from .oniguruma import LimitedPattern, OnigPattern
from .regex_safety import time_limit

__all__ = ["onig_match_spans"]

Span = tuple[int, int]


def onig_match_spans(compiled: "regex.Pattern[str] | OnigPattern | LimitedPattern", text: str) -> list[Span]:
    """Match spans in the order the ``onig`` crate's ``find_iter`` yields them (HF's regex loop).

    Empty matches are kept, except one right where the previous match ended.
    A :class:`LimitedPattern` that runs out of time raises :class:`PatternTimeoutError`,
    where HF's Oniguruma stops with its retry limit.
    """
    if type(compiled) is LimitedPattern:
        return _limited_spans(compiled, text)
    if type(compiled) is OnigPattern:
        compiled = compiled.for_text(text)
    spans = []
    for match in compiled.finditer(text):
        start, end = match.span()
        if start == end:
            return _spans_with_empty(compiled, text, None)
        spans.append((start, end))
    return spans


def _limited_spans(limited: LimitedPattern, text: str) -> list[Span]:
    seconds = time_limit(text)
    deadline = time.process_time() + seconds  # ``regex`` measures its timeout in CPU time too
    compiled = limited.for_text(text)
    try:
        spans = []
        for match in compiled.finditer(text, timeout=seconds):
            start, end = match.span()
            if start == end:
                return _spans_with_empty(compiled, text, deadline)
            spans.append((start, end))
        return spans
    except TimeoutError:
        raise PatternTimeoutError(
            f"the pattern {limited.source!r} needed more than {seconds:.1f} s of CPU time on a text of "
            f"{len(text)} chars (catastrophic backtracking; HF's Oniguruma stops it with its retry limit). "
            f"Rewrite it without a repeated group that holds a repeat or alternation, like (a+)+ or (a|b)*"
        ) from None


def _spans_with_empty(compiled: "regex.Pattern[str]", text: str, deadline: Optional[float]) -> list[Span]:
    spans: list[Span] = []
    position = 0
    last_end = -1
    while position <= len(text):
        if deadline is None:
            match = compiled.search(text, position)
        else:
            match = compiled.search(text, position, timeout=max(deadline - time.process_time(), 1e-6))
        if match is None:
            break
        start, end = match.span()
        if start == end == last_end:
            # onig: no empty match right where the last match ended; retry one char on.
            position += 1
            continue
        spans.append((start, end))
        position = last_end = end
    return spans
