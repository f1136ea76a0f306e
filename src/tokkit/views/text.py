"""An ``Explanation`` as plain-text tables, for a terminal (``str(explanation)``, ``tokkit explain``).

Every string is printed in double quotes with JSON's escapes (``\\n``,
``\\t``, ``\\u00a0``...), so spaces, newlines and invisible chars are
unambiguous; a legend names the stand-in chars (``▁``, ``Ġ``, ``##``...) that
occur.  Each table stops after ``MAX_ROWS`` rows.

>>> print(table(["a", "bb"], [["1", "2"], ["333", "4"]]))
  a    bb
  1    2
  333  4

What this module does not do: compute the stages (``explain``) or write HTML
(``page``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional, Sequence

from ..encoding.html_view import quoted
from .stages import SequenceStages

if TYPE_CHECKING:
    from .explain import Explanation

__all__ = ["render", "table", "legend", "span_text", "MAX_ROWS", "MARKERS"]

MAX_ROWS = 200

#: Chars and affixes that stand for something else in tokens, and what.
MARKERS = {
    "\u2581": "\u2581 (U+2581) stands for a space (Metaspace, SentencePiece)",
    "\u0120": "\u0120 (U+0120) is the space byte (ByteLevel)",
    "\u010a": "\u010a (U+010A) is the newline byte (ByteLevel)",
    "\u0109": "\u0109 (U+0109) is the tab byte (ByteLevel)",
    "##": "## starts a token that continues a word (WordPiece)",
    "</w>": "</w> ends a word (BPE end_of_word_suffix)",
}


def span_text(span: tuple[int, int]) -> str:
    """A span as ``Encoding.offsets`` prints it: ``(0, 5)``."""
    return f"({span[0]}, {span[1]})"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Left-aligned columns two spaces apart, indented by two; at most ``MAX_ROWS`` rows."""
    rows = list(rows)
    more = len(rows) - MAX_ROWS
    rows = rows[:MAX_ROWS]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  " + "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [header, *rows]]
    if more > 0:
        lines.append(f"  ... {more} more rows")
    return "\n".join(lines)


def legend(strings: Iterable[str]) -> list[str]:
    """The ``MARKERS`` lines for the markers found in ``strings``."""
    found: set[str] = set()
    for s in strings:
        found.update(marker for marker in MARKERS if marker in s)
    return [MARKERS[m] for m in MARKERS if m in found]


def render(explanation: "Explanation") -> str:
    """The whole explanation as text."""
    c = explanation.components
    chain = [c.normalizer or "no normalizer", c.pre_tokenizer or "no pre-tokenizer", c.model,
             c.post_processor or "no post-processor", f"decoder {c.decoder}" if c.decoder else "no decoder"]
    out = ["tokenizer: " + " -> ".join(chain)]
    for stages in explanation.sequences:
        out += _sequence(stages, explanation)
    out += _final(explanation)
    return "\n".join(out) + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _header(title: str, note: Optional[str] = None) -> str:
    return f"\n== {title}" + (f"  ({note})" if note else "")


def _sequence(stages: SequenceStages, explanation: "Explanation") -> list[str]:
    c = explanation.components
    name = "text" if len(explanation.sequences) == 1 else f"sequence {stages.sequence_id}"
    out = [_header(f"{name}: original", _count(len(stages.text), "char")), "  " + quoted(stages.text)]
    out.append(_header("added tokens", "matched before the model; normalized=False ones in the original "
                                       "text, before the normalizer"))
    out.append(table(["token", "id", "span", "special", "matched in"],
                     [[quoted(m.content), str(m.id), span_text(m.span), "yes" if m.special else "no",
                       "normalized text" if m.normalized else "original text"] for m in stages.added])
               if stages.added else "  none")
    out.append(_header("normalized", c.normalizer or "no normalizer"))
    out.append("  " + quoted(stages.normalized))
    out.append(table(["normalized", "original", "span", "kind"],
                     [[quoted(r.normalized), quoted(r.original), span_text(r.span), r.kind] for r in stages.runs]))
    out.append(_header("pre-tokenized", f"{c.pre_tokenizer or 'no pre-tokenizer'}: {_count(len(stages.pieces), 'piece')}, "
                                        "spans in the original text"))
    out.append(table(["#", "piece", "span", ""], [[str(i), quoted(p.text), span_text(p.span),
                                                   "added token" if p.added else ""]
                                                  for i, p in enumerate(stages.pieces)]))
    out.append(_header("model", f"{c.model}: {_count(len(stages.tokens), 'token')}"))
    out.append(table(["#", "id", "token", "span", "piece"],
                     [[str(i), str(t.id), quoted(t.token), span_text(t.span), str(t.piece)]
                      for i, t in enumerate(stages.tokens)]))
    return out


def _final(explanation: "Explanation") -> list[str]:
    c = explanation.components
    added = sum(t.origin == "post-processor" for t in explanation.final)
    padded = sum(t.origin == "padding" for t in explanation.final)
    what = f"{c.post_processor or 'no post-processor'}: added {_count(added, 'token')}"
    what += f", padding {padded}" if padded else ""
    if not explanation.add_special_tokens:
        what += " (add_special_tokens=False)"
    overflow = len(explanation.encoding.overflowing)
    if overflow:
        what += f"; truncated, {overflow} overflowing encodings"
    out = [_header("final encoding", what)]
    out.append(table(["#", "id", "token", "span", "type", "seq", "special_mask", "from"],
                     [[str(i), str(t.id), quoted(t.token), span_text(t.span), str(t.type_id),
                       "-" if t.sequence_id is None else str(t.sequence_id), "1" if t.special else "0",
                       t.origin] for i, t in enumerate(explanation.final)]))
    out.append(_header("decoded", c.decoder or "no decoder"))
    out.append(table(["skip_special_tokens", "text"], [["True", quoted(explanation.decoded)],
                                                       ["False", quoted(explanation.decoded_with_special)]]))
    strings = [t.token for t in explanation.final] + [p.text for s in explanation.sequences for p in s.pieces]
    notes = ['strings are in double quotes with JSON escapes (\\n newline, \\t tab, \\u00a0 ...)', *legend(strings)]
    out.append(_header("legend"))
    out += ["  " + note for note in notes]
    return out
