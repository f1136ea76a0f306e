"""The HTML of a tokenized text: one span per run of chars sharing a token and an annotation.

This is the engine behind :class:`~tokkit.tools.EncodingVisualizer`; it gives
HF's ``tokenizers.tools`` HTML char for char (the style sheet's text aside).
Each char of the text gets a :class:`CharState` (the tokens covering it, the
annotation over it); consecutive chars with the same first token and the same
annotation become one ``<span>``; annotations wrap their spans in an
``annotation`` span whose colour is picked per label.

>>> class Enc:  # anything with HF's Encoding.tokens and token_to_chars
...     tokens = ["hi", "!"]
...     def token_to_chars(self, index): return [(0, 2), (2, 3)][index]
>>> print(spans_html("hi!", Enc(), []))
<span class="token even-token"  >hi</span><span class="token odd-token"  >!</span>
"""

from __future__ import annotations

import html
import itertools
import re
from typing import NamedTuple, Optional, Protocol, Sequence

from .._errors import TokkitError
from .styles import CSS

__all__ = [
    "Annotation",
    "AnnotationLike",
    "AnnotationRangeError",
    "CharState",
    "CharStateKey",
    "EmptyTextError",
    "EncodingLike",
    "HTMLBody",
    "UNK_TOKEN_REGEX",
    "calculate_label_colors",
    "char_states",
    "consecutive_chars_html",
    "page_html",
    "spans_html",
]

#: A token whose name contains "unk" or "oov" (any case) is shown as a special token over its text.
#: HF writes ``"(.{1}\b)?(unk|oov)(\b.{1})?"`` in a non-raw string, so its ``\b`` are backspace
#: chars inside optional groups: a search succeeds exactly when this simpler pattern is found.
UNK_TOKEN_REGEX = re.compile("unk|oov", flags=re.IGNORECASE)


class EncodingLike(Protocol):
    """What the visualizer reads of an encoding (tokkit's or HF's ``Encoding``)."""

    @property
    def tokens(self) -> list[str]: ...

    def token_to_chars(self, token_index: int) -> Optional[tuple[int, int]]: ...


class AnnotationLike(Protocol):
    """What the visualizer reads of an annotation: a char range and a label."""

    start: int
    end: int
    label: str


class Annotation:
    """A labelled char range ``[start, end)`` of the text, drawn under it.

    >>> Annotation(0, 5, "greeting")
    Annotation(start=0, end=5, label='greeting')
    """

    start: int
    end: int
    label: str

    def __init__(self, start: int, end: int, label: str) -> None:
        self.start = start
        self.end = end
        self.label = label

    def __repr__(self) -> str:
        return f"Annotation(start={self.start!r}, end={self.end!r}, label={self.label!r})"


class AnnotationRangeError(TokkitError, IndexError):
    """An annotation covers chars outside the text (HF raises IndexError there too).

    >>> from tokkit import Tokenizer, models
    >>> from tokkit.tools import Annotation, EncodingVisualizer
    >>> show = EncodingVisualizer(Tokenizer(models.WordLevel({"a": 0}, unk_token="a")), default_to_notebook=False)
    >>> show("a a", annotations=[Annotation(0, 9, "x")])
    Traceback (most recent call last):
    ...
    tokkit.tools.rendering.AnnotationRangeError: annotation 0 covers chars 0..9 but the text has 3 chars: give annotations ranges inside the text (0 <= start <= end <= len(text))
    """


class EmptyTextError(TokkitError, IndexError):
    """The visualizer got an empty text (HF raises IndexError there too).

    >>> from tokkit import Tokenizer, models
    >>> from tokkit.tools import EncodingVisualizer
    >>> EncodingVisualizer(Tokenizer(models.WordLevel({"a": 0}, unk_token="a")), default_to_notebook=False)("")
    Traceback (most recent call last):
    ...
    tokkit.tools.rendering.EmptyTextError: EncodingVisualizer cannot show an empty text: give it at least one char
    """


class CharStateKey(NamedTuple):
    """What makes two neighbouring chars share a span: the first token and the annotation."""

    token_ix: Optional[int]
    anno_ix: Optional[int]


class CharState:
    """One char of the text: the tokens that cover it and the annotation over it.

    >>> state = CharState(4)
    >>> state.tokens += [7, 8]
    >>> state.token_ix, state.is_multitoken, state.partition_key()
    (7, True, CharStateKey(token_ix=7, anno_ix=None))
    """

    def __init__(self, char_ix: Optional[int]) -> None:
        self.char_ix = char_ix
        self.anno_ix: Optional[int] = None
        self.tokens: list[int] = []

    @property
    def token_ix(self) -> Optional[int]:
        """The first token covering this char, or None (a char no token covers)."""
        return self.tokens[0] if self.tokens else None

    @property
    def is_multitoken(self) -> bool:
        """Whether several tokens cover this char (byte-level BPE splits a char's bytes)."""
        return len(self.tokens) > 1

    def partition_key(self) -> CharStateKey:
        """The key that groups this char with its neighbours into one span."""
        return CharStateKey(token_ix=self.token_ix, anno_ix=self.anno_ix)


def calculate_label_colors(annotations: Sequence[AnnotationLike]) -> dict[str, str]:
    """An HSL colour per label, hues spread in the labels' sorted order (as HF picks them).

    >>> calculate_label_colors([Annotation(0, 1, "b"), Annotation(1, 2, "a")])
    {'a': 'hsl(10,32%,64%)', 'b': 'hsl(137,32%,64%)'}
    """
    labels = sorted({annotation.label for annotation in annotations})
    if not labels:
        return {}
    # HF steps the hue by 255 / labels, at least 20, and lets it run past 360 with many labels.
    step = max(int(255 / len(labels)), 20)
    return {label: f"hsl({10 + index * step},32%,64%)" for index, label in enumerate(labels)}


def char_states(text: str, encoding: EncodingLike, annotations: Sequence[AnnotationLike]) -> list[CharState]:
    """The state of each char of ``text``: its tokens (in token order) and its annotation.

    A later annotation wins over an earlier one on the chars they share, and
    ranges index the text as a Python list does (negative indices count from
    the end), as in HF.

    >>> class Enc:
    ...     tokens = ["ab", "b"]
    ...     def token_to_chars(self, index): return [(0, 2), (1, 2)][index]
    >>> [(s.tokens, s.anno_ix) for s in char_states("ab", Enc(), [Annotation(1, 2, "x")])]
    [([0], None), ([0, 1], 0)]
    """
    states = [CharState(char_ix) for char_ix in range(len(text))]
    for anno_ix, annotation in enumerate(annotations):
        start, end = annotation.start, annotation.end
        if start < end and (start < -len(text) or end > len(text)):
            raise AnnotationRangeError(
                f"annotation {anno_ix} covers chars {start}..{end} but the text has {len(text)} chars: "
                "give annotations ranges inside the text (0 <= start <= end <= len(text))"
            )
        for char_ix in range(start, end):
            states[char_ix].anno_ix = anno_ix
    for token_ix in range(len(encoding.tokens)):
        offsets = encoding.token_to_chars(token_ix)
        if offsets is not None:  # special tokens added by the post-processor have no chars
            for char_ix in range(*offsets):
                states[char_ix].tokens.append(token_ix)
    return states


def consecutive_chars_html(chars: Sequence[CharState], text: str, tokens: Sequence[str]) -> str:
    """The ``<span>`` of a run of chars that share a first token and an annotation.

    >>> state = CharState(0)
    >>> state.tokens.append(0)
    >>> consecutive_chars_html([state], "x<", ["[UNK]"])
    '<span class="token even-token special-token"  data-stok="[UNK]" >x</span>'
    """
    first = chars[0]
    if first.char_ix is None:
        # HF's markup for a special token without text (its attribute value is not quoted there).
        return f'<span class="special-token" data-stoken={tokens[first.token_ix or 0]}></span>'
    last_ix = chars[-1].char_ix
    end = (first.char_ix if last_ix is None else last_ix) + 1
    classes: list[str] = []
    data = ""
    if first.token_ix is None:
        classes.append("non-token")  # text the tokenizer dropped, e.g. spaces
    else:
        token = tokens[first.token_ix]
        classes.append("token")
        if first.is_multitoken:
            classes.append("multi-token")
        # Tokens alternate by index, not by span: an annotation may cut one token into two spans.
        classes.append("odd-token" if first.token_ix % 2 else "even-token")
        if UNK_TOKEN_REGEX.search(token) is not None:
            classes.append("special-token")
            data = f' data-stok="{token}"'  # HF does not escape the token here
    return f'<span class="{" ".join(classes)}" {data} >{html.escape(text[first.char_ix : end])}</span>'


def spans_html(text: str, encoding: EncodingLike, annotations: Sequence[AnnotationLike]) -> str:
    """The body of the page: the text's spans, annotations wrapped around theirs.

    >>> class Enc:
    ...     tokens = ["a"]
    ...     def token_to_chars(self, index): return (0, 1)
    >>> spans_html("a b", Enc(), [Annotation(1, 3, "L")])
    '<span class="token even-token"  >a</span><span class="annotation" style="color:hsl(10,32%,64%)" \
data-label="L"><span class="non-token"  > b</span></span>'
    """
    if not text:
        raise EmptyTextError("EncodingVisualizer cannot show an empty text: give it at least one char")
    states = char_states(text, encoding, annotations)
    colors = calculate_label_colors(annotations)
    tokens = encoding.tokens
    parts: list[str] = []
    open_anno: Optional[int] = None
    for key, run in itertools.groupby(states, key=CharState.partition_key):
        if key.anno_ix != open_anno:
            if open_anno is not None:
                parts.append("</span>")
            if key.anno_ix is not None:
                label = annotations[key.anno_ix].label
                parts.append(f'<span class="annotation" style="color:{colors[label]}" data-label="{label}">')
            open_anno = key.anno_ix
        parts.append(consecutive_chars_html(list(run), text, tokens))
    if open_anno is not None:
        parts.append("</span>")
    return "".join(parts)


def HTMLBody(children: Sequence[str], css_styles: str = CSS) -> str:  # noqa: N802 (HF's name)
    """The whole HTML page around the given elements, with the style sheet (HF's layout).

    >>> print(HTMLBody(["<b>x</b>"], css_styles="b {}").strip().splitlines()[3].strip())
    b {}
    """
    return f"""
    <html>
        <head>
            <style>
                {css_styles}
            </style>
        </head>
        <body>
            <div class="tokenized-text" dir=auto>
            {"".join(children)}
            </div>
        </body>
    </html>
    """


def page_html(text: str, encoding: EncodingLike, annotations: Sequence[AnnotationLike]) -> str:
    """The full page for ``text``, its encoding and its annotations.

    >>> class Enc:
    ...     tokens = ["a"]
    ...     def token_to_chars(self, index): return (0, 1)
    >>> '<span class="token even-token"  >a</span>' in page_html("a", Enc(), [])
    True
    """
    return HTMLBody([spans_html(text, encoding, annotations)])
