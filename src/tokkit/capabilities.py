"""What a component tells the encode plan and the training word counter, so neither checks its type.

The plain-string fast paths (``tokkit._encode``) and the training counter
(``tokkit._training``) skip NormalizedString alignments where that provably
changes nothing.  Whether it does depends on each component, so each one
*declares* it by overriding ``fast_path()`` in its own class and returning
one of the descriptions below; the default, and the answer for any class
that overrides ``normalize`` / ``pre_tokenize`` / ``tokenize`` without
declaring its own ``fast_path``, is "assume nothing" (the aligned path).

>>> from tokkit import normalizers, pre_tokenizers
>>> normalizers.Lowercase().trusted_fast_path().one_to_one
<OneToOne.ASCII_TEXT: 1>
>>> type(pre_tokenizers.Whitespace().trusted_fast_path()).__name__
'CutsText'

Adding a component never needs an edit of ``_encode`` or ``_training``: it
declares what it can do here, or gets the aligned path.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Callable, Optional, TypeVar, Union

from ._unicode.char_classes import ExactPattern
from .normalized import Offsets

__all__ = [
    "OneToOne", "NormalizerFastPath", "CutsText", "ByteLevelWords", "MetaspaceWords", "PreTokenizerFastPath",
    "ModelFastPath", "Pieces", "declared_with", "fast_path_of",
]  # fmt: skip

#: Substrings of a text with their ``(start, end)`` char spans in it.
Pieces = list[tuple[str, Offsets]]
T = TypeVar("T")

# ASCII control chars that BertNormalizer(clean_text) or Nmt delete or map.
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class OneToOne(enum.IntEnum):
    """On which texts a normalizer maps every char to exactly one char, from the widest set to the narrowest.

    Then its alignments are the identity (up to a prefix) and the fast path may skip them.
    """

    ANY_TEXT = 0
    ASCII_TEXT = 1
    ASCII_WITHOUT_CONTROLS = 2  # ASCII text holding no control char that BertNormalizer or Nmt drop or map
    NEVER = 3

    @staticmethod
    def narrowest_for(text: str) -> "OneToOne":
        """The narrowest set ``text`` belongs to: a normalizer declaring a wider one maps it 1:1.

        >>> OneToOne.narrowest_for("é"), OneToOne.narrowest_for("a\\x01b"), OneToOne.narrowest_for("ab")
        (<OneToOne.ANY_TEXT: 0>, <OneToOne.ASCII_TEXT: 1>, <OneToOne.ASCII_WITHOUT_CONTROLS: 2>)
        """
        if not text.isascii():
            return OneToOne.ANY_TEXT
        return OneToOne.ASCII_TEXT if _ASCII_CONTROLS.search(text) else OneToOne.ASCII_WITHOUT_CONTROLS


@dataclass(frozen=True)
class NormalizerFastPath:
    """What a normalizer guarantees about plain strings.

    Attributes:
        one_to_one: on which texts every char maps to exactly one char.
        prefix: what it puts in front of a non-empty text (its chars take the first char's span).
        new_chars: chars it may bring into the text (checks on the input text do not cover them).
        per_char: it works on each char alone and keeps ``"\\n"`` a whitespace char, so training may
            normalize many lines joined with ``"\\n"`` at once.
        identity_on: a test that a text passes through unchanged, alignments included; when it
            holds, only ``rest`` (a normalize_str, or None) still applies.
        rest: with ``identity_on``, the normalization of what follows the identity-tested head.
    """

    one_to_one: OneToOne = OneToOne.NEVER
    prefix: str = ""
    new_chars: str = ""
    per_char: bool = False
    identity_on: Optional[Callable[[str], bool]] = None
    rest: Optional[Callable[[str], str]] = None

    @staticmethod
    def chain(parts: "list[NormalizerFastPath]") -> "NormalizerFastPath":
        """The guarantees of normalizers applied one after the other (a Sequence).

        An ASCII guarantee is checked on the input text, so a part that needs it may
        not follow one that brings in chars outside the set (``Replace(" ", "▁")``).

        >>> lower = NormalizerFastPath(OneToOne.ASCII_TEXT, per_char=True)
        >>> NormalizerFastPath.chain([NormalizerFastPath(OneToOne.ANY_TEXT, "▁", "▁"), lower]).one_to_one
        <OneToOne.NEVER: 3>
        >>> NormalizerFastPath.chain([lower, NormalizerFastPath(OneToOne.ANY_TEXT, "▁", "▁")]).prefix
        '▁'
        """
        one_to_one, prefix, new_chars = OneToOne.ANY_TEXT, "", ""
        for part in parts:
            needs_check = part.one_to_one != OneToOne.ANY_TEXT
            if part.one_to_one == OneToOne.NEVER or part.identity_on is not None or (
                needs_check and new_chars and OneToOne.narrowest_for(new_chars) != OneToOne.ASCII_WITHOUT_CONTROLS
            ):
                return NormalizerFastPath(per_char=all(p.per_char for p in parts))
            one_to_one = max(one_to_one, part.one_to_one)
            prefix, new_chars = part.prefix + prefix, new_chars + part.new_chars
        return NormalizerFastPath(one_to_one, prefix, new_chars, all(p.per_char for p in parts))


@dataclass(frozen=True)
class CutsText:
    """The pre-tokenizer only cuts the text into substrings; ``pieces`` gives them with their offsets.

    Attributes:
        removes_whitespace_first: its first step cuts at every whitespace char and drops it, and the
            later steps only cut the pieces (so no step sees across a ``"\\n"`` that joins two texts).
        is_whitespace_split: it cuts exactly at runs of Unicode whitespace and drops them.
    """

    pieces: Callable[[str], Pieces]
    removes_whitespace_first: bool = False
    is_whitespace_split: bool = False


@dataclass(frozen=True)
class ByteLevelWords:
    """GPT-2 style: an optional ``" "`` prefix, words that tile the text, each word's UTF-8 bytes as chars.

    Attributes:
        add_prefix_space: put ``" "`` in front of a text that does not start with one.
        pattern: an ``ExactPattern`` whose matches tile any text (the words), or None (the whole text).
        to_model_input: maps a word to the model's input, one char per UTF-8 byte.
    """

    add_prefix_space: bool
    pattern: Optional[ExactPattern]
    to_model_input: Callable[[str], str]


@dataclass(frozen=True)
class MetaspaceWords:
    """SentencePiece style: spaces become ``replacement``, a prefix by ``prepend_scheme``, split before each.

    ``cut`` describes the cut-only pre-tokenizers that run before it, if any.
    """

    replacement: str
    prepend_scheme: str
    split: bool
    cut: Optional[CutsText] = None


PreTokenizerFastPath = Union[CutsText, ByteLevelWords, MetaspaceWords, None]


@dataclass(frozen=True)
class ModelFastPath:
    """What a model guarantees: the same tokens for the same word (so words can be cached per batch),
    and optionally a splitter whose pieces it encodes exactly as inside the whole word."""

    deterministic: bool = False
    segments: Optional[Callable[[str], list[str]]] = None


def declared_with(obj: object, capability: str, *behaviour: str) -> bool:
    """Whether the class that declares ``capability`` also owns every ``behaviour`` method.

    True when each behaviour method is defined in the capability's class or in a
    class it inherits from: a subclass that overrides ``normalize`` (say)
    without declaring its own ``fast_path`` is not trusted with its parent's.
    The answer depends on the class only, so it is worked out once per class.

    >>> class A:
    ...     def run(self): ...
    ...     def fast_path(self): ...
    >>> class B(A):
    ...     def run(self): ...
    >>> declared_with(A(), "fast_path", "run"), declared_with(B(), "fast_path", "run")
    (True, False)
    """
    key = (type(obj), capability, behaviour)
    found = _DECLARED.get(key)
    if found is None:
        found = _DECLARED[key] = _declared(type(obj), capability, behaviour)
    return found


_DECLARED: dict[tuple[type, str, tuple[str, ...]], bool] = {}


def _declared(cls: type, capability: str, behaviour: tuple[str, ...]) -> bool:
    mro = cls.__mro__
    owner = next((klass for klass in mro if capability in klass.__dict__), None)
    if owner is None:
        return False
    for method in behaviour:
        defining = next((klass for klass in mro if method in klass.__dict__), None)
        if defining is not None and not issubclass(owner, defining):
            return False
    return True


def fast_path_of(component: object, default: T) -> T:
    """The component's ``trusted_fast_path()``, or ``default`` for an object that declares none.

    Any object with the stage's methods may sit in a tokenizer (``tokkit.protocols``);
    one that does not come from a tokkit family base simply gets the aligned path.

    >>> fast_path_of(object(), ModelFastPath()).deterministic
    False
    """
    method = getattr(component, "trusted_fast_path", None)
    return default if method is None else method()
