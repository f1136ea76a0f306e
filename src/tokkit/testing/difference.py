"""A difference between tokkit and HF, and how it reads.

>>> d = Difference("héllo", "tokens", ["[CLS]", "h", "##ello"], ["[CLS]", "hello"], True)
>>> d.position
1
>>> print(d)
tokkit and HF differ in 'tokens' of the input 'héllo' (add_special_tokens=True)
  first difference at index 1 (tokkit has 3 items, HF 2):
    tokkit: ['[CLS]', 'h', '##ello']
    HF:     ['[CLS]', 'hello']
               tokkit 'h'  !=  HF 'hello'
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, Optional, Sequence, Union

__all__ = ["Difference", "Input", "first_difference"]

#: One input: a text, or a (first, second) pair of texts.
Input = Union[str, tuple[str, str]]
#: Items shown on each side of the first differing one.
WINDOW = 4


def first_difference(ours: Any, theirs: Any) -> Optional[int]:
    """The first index where two sequences differ (the shorter one's length if one extends the other).

    >>> first_difference([1, 2, 3], [1, 5]), first_difference("abc", "abc"), first_difference("ab", "abc")
    (1, None, 2)
    """
    if ours == theirs:
        return None
    if not isinstance(ours, (list, tuple, str)) or not isinstance(theirs, (list, tuple, str)):
        return None
    for index, (a, b) in enumerate(zip(ours, theirs)):
        if a != b:
            return index
    return min(len(ours), len(theirs))


@dataclass(frozen=True)
class Difference:
    """The first place where tokkit and HF disagree.

    ``field`` names what differs: an Encoding field (``"ids"``, ``"overflowing[1].offsets"``),
    ``"decode(skip_special_tokens=True)"``, or ``"error"`` when only one library raised.

    >>> from tokkit import Tokenizer, models
    >>> from tokkit.testing import diff_with_hf
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]"))
    >>> reference = tok.to_str().replace('"hi"', '"ho"')  # HF loads a vocab without "hi"
    >>> found = diff_with_hf(tok, ["hi"], reference=reference); found.field, found.tokkit, found.hf, found.position
    ('ids', [1], [0], 0)
    """

    input: Input
    field: str
    tokkit: Any
    hf: Any
    add_special_tokens: bool = True
    #: what else to say (the token and offsets at the differing index, in both libraries)
    note: str = ""
    position: Optional[int] = dataclass_field(init=False)

    def __post_init__(self) -> None:
        # an error message has no position worth pointing at: both messages are shown whole
        position = None if self.field == "error" else first_difference(self.tokkit, self.hf)
        object.__setattr__(self, "position", position)

    def __str__(self) -> str:
        lines = [f"tokkit and HF differ in {self.field!r} of the input {_short(self.input)} "
                 f"(add_special_tokens={self.add_special_tokens})"]  # fmt: skip
        if self.position is None:
            lines += [f"    tokkit: {_short(self.tokkit)}", f"    HF:     {_short(self.hf)}"]
        else:
            lines += _around(self.tokkit, self.hf, self.position)
        if self.note:
            lines.append(f"  {self.note}")
        return "\n".join(lines)


def _around(ours: Sequence[Any], theirs: Sequence[Any], position: int) -> list[str]:
    """The lines showing both values around ``position``, the differing items side by side."""
    kind = "char" if isinstance(ours, str) else "index"
    unit = "chars" if isinstance(ours, str) else "items"
    lines = [f"  first difference at {kind} {position} (tokkit has {len(ours)} {unit}, HF {len(theirs)}):"]
    start = max(position - WINDOW, 0)
    prefix = "..., " if start else ""
    if isinstance(ours, str):
        lines += [f"    tokkit: {'...' if start else ''}{ours[start:position + WINDOW]!r}",
                  f"    HF:     {'...' if start else ''}{theirs[start:position + WINDOW]!r}"]  # fmt: skip
    else:
        for name, values in (("tokkit", ours), ("HF:    ", theirs)):
            shown = ", ".join(repr(v) for v in values[start : position + WINDOW + 1])
            more = ", ..." if len(values) > position + WINDOW + 1 else ""
            lines.append(f"    {name if name != 'tokkit' else 'tokkit:'} [{prefix}{shown}{more}]")
    mine = repr(ours[position]) if position < len(ours) else "(nothing)"
    hers = repr(theirs[position]) if position < len(theirs) else "(nothing)"
    lines.append(f"{' ' * 15}tokkit {mine}  !=  HF {hers}")
    return lines


def _short(value: Any, limit: int = 200) -> str:
    """``repr(value)``, cut to ``limit`` chars."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 5] + "...)"
