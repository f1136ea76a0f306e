"""An ``Explanation`` as one self-contained HTML block (a notebook's ``_repr_html_``).

The page holds its style sheet and no script: hovering works through
``title=`` attributes.  Every string from the text or the vocabulary goes
through ``html.escape``; table cells show strings as ``text`` does (quoted,
invisible chars escaped), the drawings show them as they are.

>>> print(cells(["<a>", "b&c"], header=True))
<tr><th>&lt;a&gt;</th><th>b&amp;c</th></tr>

What this module does not do: compute the stages (``explain``).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Iterable, Sequence

from ..encoding.html_view import MAX_TOKENS, STYLE, colour_class, encoding_body, quoted
from .stages import AddedMatch, AlignmentRun, SequenceStages
from .text import MAX_ROWS, legend, span_text

if TYPE_CHECKING:
    from .explain import Explanation

__all__ = ["render", "cells"]

#: What the stage drawings add to the Encoding's style sheet.
PAGE_STYLE = """<style>
.tk-view .tk-same{}
.tk-view .tk-changed{background:#ffe08a}
.tk-view .tk-removed{background:#ffb3ba;text-decoration:line-through}
.tk-view .tk-added{outline:2px solid #2e86c1;outline-offset:-2px;border-radius:3px}
.tk-view .tk-chain{font-family:sans-serif;color:#444}
</style>"""


def cells(values: Iterable[str], header: bool = False) -> str:
    """One table row of escaped plain-text cells."""
    tag = "th" if header else "td"
    return "<tr>" + "".join(f"<{tag}>{html.escape(v)}</{tag}>" for v in values) + "</tr>"


def render(explanation: "Explanation") -> str:
    """The whole explanation as HTML."""
    c = explanation.components
    chain = " \u2192 ".join([c.normalizer or "no normalizer", c.pre_tokenizer or "no pre-tokenizer", c.model,
                             c.post_processor or "no post-processor", f"decoder {c.decoder or 'none'}"])
    parts = [f'<div class="tk-chain">{html.escape(chain)}</div>']
    for stages in explanation.sequences:
        parts += _sequence(stages, explanation)
    parts += _final(explanation)
    return f'{STYLE}{PAGE_STYLE}<div class="tk-view">{"".join(parts)}</div>'


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    rows = list(rows)
    body = "".join(cells(row) for row in rows[:MAX_ROWS])
    more = f'<div class="tk-note">... {len(rows) - MAX_ROWS} more rows</div>' if len(rows) > MAX_ROWS else ""
    return f"<table>{cells(header, header=True)}{body}</table>{more}"


def _h(title: str, note: str = "") -> str:
    note_html = f' <span class="tk-note">{html.escape(note)}</span>' if note else ""
    return f"<h4>{html.escape(title)}{note_html}</h4>"


def _text(inner: str) -> str:
    return f'<div class="tk-text">{inner}</div>'


def _span(text: str, classes: str, title: str) -> str:
    return f'<span class="{classes}" title="{html.escape(title)}">{html.escape(text)}</span>'


def _sequence(stages: SequenceStages, explanation: "Explanation") -> list[str]:
    c = explanation.components
    name = "Text" if len(explanation.sequences) == 1 else f"Sequence {stages.sequence_id}"
    return [
        _h(f"{name}: original", f"{len(stages.text)} chars; added tokens framed"),
        _text(_original(stages.text, stages.added)),
        _h("Added tokens", "matched before the model: normalized=False ones in the original text, "
                           "before the normalizer; the others in the normalized text"),
        _table(["token", "id", "span", "special", "matched in"],
               [[quoted(m.content), str(m.id), span_text(m.span), "yes" if m.special else "no",
                 "normalized text" if m.normalized else "original text"] for m in stages.added])
        if stages.added else '<div class="tk-note">none</div>',
        _h("Normalized", f"{c.normalizer or 'no normalizer'}; hover a run for the original chars it came from"),
        _text(_capped([_run(run) for run in stages.runs], "runs")),
        _table(["normalized", "original", "span", "kind"],
               [[quoted(r.normalized), quoted(r.original), span_text(r.span), r.kind] for r in stages.runs]),
        _h("Pre-tokenized", f"{c.pre_tokenizer or 'no pre-tokenizer'}: {len(stages.pieces)} pieces, "
                            "spans in the original text"),
        _text(_capped([_span(p.text, f"tk-tok tk-chip {colour_class(i)}" + (" tk-added" if p.added else ""),
                                   f"#{i} {quoted(p.text)} {span_text(p.span)}" + (" added token" if p.added else ""))
                             for i, p in enumerate(stages.pieces)], "pieces")),
        _h("Model", f"{c.model}: {len(stages.tokens)} tokens"),
        encoding_body(stages.encoding, (stages.text,)),
        _table(["#", "id", "token", "span", "piece"],
               [[str(i), str(t.id), quoted(t.token), span_text(t.span), str(t.piece)]
                for i, t in enumerate(stages.tokens)]),
    ]


def _capped(items: list[str], what: str) -> str:
    """The first ``MAX_TOKENS`` drawn items (a long text's drawing would freeze the browser)."""
    more = len(items) - MAX_TOKENS
    note = f'<div class="tk-note">... {more} more {what}</div>' if more > 0 else ""
    return "".join(items[:MAX_TOKENS]) + note


def _original(text: str, added: Sequence[AddedMatch]) -> str:
    """The text with each added-token match framed, its id and flags on hover."""
    out, position = [], 0
    for match in sorted(added, key=lambda m: m.span):
        start, end = match.span
        if start < position:
            continue
        out.append(html.escape(text[position:start]))
        where = "normalized text" if match.normalized else "original text, before the normalizer"
        title = f"added token {quoted(match.content)} id={match.id} {span_text(match.span)}, matched in the {where}"
        out.append(_span(text[start:end], "tk-added", title + (" (special)" if match.special else "")))
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)


def _run(run: AlignmentRun) -> str:
    title = f"{run.kind}: from the original {quoted(run.original)} {span_text(run.span)}"
    if run.kind == "removed":
        return _span(run.original, "tk-removed", f"removed: the original {quoted(run.original)} {span_text(run.span)}")
    classes = {"same": "tk-same", "changed": "tk-changed", "added token": "tk-added"}[run.kind]
    return _span(run.normalized, classes, title)


def _final(explanation: "Explanation") -> list[str]:
    c = explanation.components
    added = sum(t.origin == "post-processor" for t in explanation.final)
    note = f"{c.post_processor or 'no post-processor'} added {added} tokens"
    if not explanation.add_special_tokens:
        note += " (add_special_tokens=False)"
    if explanation.encoding.overflowing:
        note += f"; truncated, {len(explanation.encoding.overflowing)} overflowing encodings"
    texts = [s.text for s in explanation.sequences]
    strings = [t.token for t in explanation.final] + [p.text for s in explanation.sequences for p in s.pieces]
    notes = ["Strings in tables are in double quotes with JSON escapes (\\n newline, \\t tab, \\u00a0 ...).",
             *legend(strings)]
    return [
        _h("Final encoding", note + "; special tokens outlined in red"),
        encoding_body(explanation.encoding, texts),
        _table(["#", "id", "token", "span", "type", "seq", "special_mask", "from"],
               [[str(i), str(t.id), quoted(t.token), span_text(t.span), str(t.type_id),
                 "-" if t.sequence_id is None else str(t.sequence_id), "1" if t.special else "0", t.origin]
                for i, t in enumerate(explanation.final)]),
        _h("Decoded", c.decoder or "no decoder"),
        _table(["skip_special_tokens", "text"], [["True", quoted(explanation.decoded)],
                                                 ["False", quoted(explanation.decoded_with_special)]]),
        "".join(f'<div class="tk-note">{html.escape(n)}</div>' for n in notes),
    ]
