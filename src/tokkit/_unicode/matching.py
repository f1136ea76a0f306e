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
        seconds = time_limit(text)
        try:
            return _spans(compiled.for_text(text), text, seconds)
        except TimeoutError:
            raise PatternTimeoutError(
                f"the pattern {compiled.source!r} needed more than {seconds:.1f} s of CPU time on a text of "
                f"{len(text)} chars (catastrophic backtracking; HF's Oniguruma stops it with its retry limit). "
                f"Rewrite it without a repeated group that holds a repeat or alternation, like (a+)+ or (a|b)*"
            ) from None
    if type(compiled) is OnigPattern:
        compiled = compiled.for_text(text)
    return _spans(compiled, text, None)


def _spans(compiled: "regex.Pattern[str]", text: str, seconds: Optional[float]) -> list[Span]:
    """The spans, under a limit of ``seconds`` of CPU time (``regex`` measures CPU time too) unless None."""
    deadline = None if seconds is None else time.process_time() + seconds
    spans = []
    for match in compiled.finditer(text, timeout=seconds):
        start, end = match.span()
        if start == end:
            return _spans_with_empty(compiled, text, deadline)
        spans.append((start, end))
    return spans


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
