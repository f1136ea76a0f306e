"""An Encoding as self-contained HTML: its tokens coloured over the text they came from.

Each token's span of its input text gets a background colour; hovering shows
the token's index, id, string and offsets (a ``title=``, so no JavaScript).
Tokens that share chars (ByteLevel splits a multi-byte char into several
tokens with one span) share one highlighted segment whose title lists them
all. Special tokens are framed; those the post-processor added (no input
sequence) and padding are drawn as chips where they stand in the encoding.
Without the input text (an Encoding built by hand or unpickled), the tokens
are drawn as chips only.

Every piece of text goes through ``html.escape``: a text holding ``<script>``
shows those characters, nothing runs (HF's visualizer lacked this until
tokenizers PR #1937).

>>> from tokkit import Encoding
>>> '<span class="tk-tok tk-chip tk-c0" title="#0 id=5 &quot;a&lt;b&quot; (0, 0)">a&lt;b</span>' in Encoding(ids=[5], tokens=["a<b"])._repr_html_()
True

What this module does not do: pick the text (the tokenizer's encode path
attaches it), or show the pipeline's stages (``tokkit.views`` does).
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, NamedTuple, Optional, Sequence

if TYPE_CHECKING:
    from .encoding import Encoding

__all__ = ["STYLE", "MAX_TOKENS", "encoding_html", "encoding_body", "token_title", "colour_class", "quoted"]

#: Tokens drawn at most: a notebook cell holding a book's worth of spans freezes the browser.
MAX_TOKENS = 5000
_COLOURS = 6

#: The style sheet every view embeds (scoped under ``.tk-view``, so it touches nothing else).
STYLE = """<style>
.tk-view{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;line-height:1.9}
.tk-view .tk-text{white-space:pre-wrap;word-break:break-word}
.tk-view .tk-tok{border-radius:3px;padding:1px 0;cursor:default}
.tk-view .tk-c0{background:#ffe08a}.tk-view .tk-c1{background:#a8e6cf}.tk-view .tk-c2{background:#ffb3ba}
.tk-view .tk-c3{background:#bae1ff}.tk-view .tk-c4{background:#e0c3fc}.tk-view .tk-c5{background:#ffd6a5}
.tk-view .tk-shared{text-decoration:underline dashed}
.tk-view .tk-special{outline:2px solid #c0392b;outline-offset:-2px}
.tk-view .tk-chip{display:inline-block;margin:0 2px;padding:0 4px;white-space:pre}
.tk-view .tk-pad{opacity:.45}
.tk-view .tk-gap{color:#999}
.tk-view .tk-note{color:#666;font-size:11px;font-family:sans-serif}
.tk-view table{border-collapse:collapse;margin:4px 0 10px}
.tk-view td,.tk-view th{border:1px solid #ddd;padding:1px 6px;text-align:left;vertical-align:top;white-space:pre}
.tk-view h4{margin:10px 0 2px;font-family:sans-serif}
</style>"""


def quoted(text: str) -> str:
    """``text`` in double quotes with every invisible char escaped (JSON's rules, non-ASCII kept).

    >>> print(quoted("a b\\n▁"))
    "a b\\n▁"
    """
    out = json.dumps(text, ensure_ascii=False)
    # JSON leaves these visible-looking but blank chars as they are: spell them out.
    return "".join(c if c.isprintable() or c == " " else _escape(c) for c in out)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"  # Python's spelling past the BMP


def colour_class(index: int) -> str:
    """The background class of the ``index``-th token (colours cycle, so neighbours differ)."""
    return f"tk-c{index % _COLOURS}"


def token_title(index: int, token_id: int, token: str, offsets: tuple[int, int]) -> str:
    """A token's hover text: its index, id, string and offsets."""
    return f"#{index} id={token_id} {quoted(token)} ({offsets[0]}, {offsets[1]})"


class _Columns(NamedTuple):
    """The encoding's lists, read once (its properties copy on every access)."""

    ids: list[int]
    tokens: list[str]
    offsets: list[tuple[int, int]]
    special: list[int]
    attention: list[int]
    sequences: list[Optional[int]]


def encoding_html(encoding: "Encoding", texts: Optional[Sequence[str]]) -> str:
    """The HTML of ``encoding``: tokens over ``texts`` (one per input sequence), else chips."""
    return f'{STYLE}<div class="tk-view">{encoding_body(encoding, texts)}</div>'


def encoding_body(encoding: "Encoding", texts: Optional[Sequence[str]]) -> str:
    """``encoding_html`` without the style sheet and outer ``tk-view`` block (for a page holding several)."""
    n = len(encoding)
    shown = min(n, MAX_TOKENS)
    cols = _Columns(encoding.ids, encoding.tokens, encoding.offsets, encoding.special_tokens_mask,
                    encoding.attention_mask, encoding.sequence_ids)
    if texts is not None and any(s is not None and (s >= len(texts) or cols.offsets[i][1] > len(texts[s]))
                                 for i, s in enumerate(cols.sequences[:shown])):
        texts = None  # e.g. an encoding merged by hand: its offsets point at texts we do not have
    parts = []
    i = 0
    while i < shown:
        seq = cols.sequences[i]
        if texts is None or seq is None:
            parts.append(_chip(cols, i))
            i += 1
            continue
        j = i
        while j < shown and cols.sequences[j] == seq:
            j += 1
        first = seq not in cols.sequences[:i]
        last = shown == n and seq not in cols.sequences[j:]
        parts.append(_text_block(cols, texts[seq], range(i, j), first, last))
        i = j
    note = f"{n} tokens" + (f", the first {shown} shown" if shown < n else "") + "; hover a token for its id and offsets"
    return f'<div class="tk-text">{"".join(parts)}</div><div class="tk-note">{html.escape(note)}</div>'


def _classes(cols: _Columns, i: int, base: str) -> str:
    classes = [base, colour_class(i)]
    if cols.special[i]:
        classes.append("tk-special")
    if not cols.attention[i]:
        classes.append("tk-pad")
    return " ".join(classes)


def _title(cols: _Columns, i: int) -> str:
    return token_title(i, cols.ids[i], cols.tokens[i], cols.offsets[i])


def _chip(cols: _Columns, i: int) -> str:
    return (f'<span class="{_classes(cols, i, "tk-tok tk-chip")}" title="{html.escape(_title(cols, i))}">'
            f"{html.escape(cols.tokens[i])}</span>")


def _text_block(cols: _Columns, text: str, indexes: range, first: bool, last: bool) -> str:
    """Tokens ``indexes`` (one sequence) over ``text``; the sequence's first block starts at the
    text's start and its last one runs to its end, so the chars no token covers show (greyed)."""
    spans = cols.offsets[indexes.start:indexes.stop]
    lo = 0 if first else min(s for s, _ in spans)
    hi = len(text) if last else max(e for _, e in spans)
    cuts = sorted({lo, hi, *(s for s, _ in spans), *(e for _, e in spans)})
    position = {cut: k for k, cut in enumerate(cuts)}
    covering: list[list[int]] = [[] for _ in cuts]
    empty: list[list[int]] = [[] for _ in cuts]  # zero-width tokens, drawn as chips at their place
    for i, (s, e) in zip(indexes, spans):
        if s == e:
            empty[position[s]].append(i)
        for k in range(position[s], position[e]):
            covering[k].append(i)
    out = []
    for k, cut in enumerate(cuts):
        out += [_chip(cols, i) for i in empty[k]]
        if k + 1 < len(cuts):
            out.append(_segment(cols, text[cut:cuts[k + 1]], covering[k]))
    return "".join(out)


def _segment(cols: _Columns, piece: str, tokens: list[int]) -> str:
    if not tokens:
        return f'<span class="tk-gap">{html.escape(piece)}</span>'
    titles = "\n".join(_title(cols, i) for i in tokens)
    classes = _classes(cols, tokens[0], "tk-tok") + (" tk-shared" if len(tokens) > 1 else "")
    return f'<span class="{classes}" title="{html.escape(titles)}">{html.escape(piece)}</span>'
