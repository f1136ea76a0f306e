"""Sequence: run pre-tokenizers one after the other.

The fast path composes the children's: substring pieces flow from one child
to the next, a WhitespaceSplit followed by a class splitter (Punctuation,
Digits, CharDelimiterSplit) becomes a single regex, and a ByteLevel or
Metaspace may come last.  Anything else takes the aligned path.

What this module does not do: reorder or simplify children.
"""

from __future__ import annotations

import operator
from typing import Any, Callable, Mapping, Union

from .._errors import ArgumentTypeError, ConfigurationError
from .._json.component import note_change
from .._unicode.char_classes import NUMERIC, PUNCTUATION, SPACE
from .._validation import json_field
from ..capabilities import CutsText, MetaspaceWords, Pieces, PreTokenizerFastPath
from ..normalized import PreTokenizedString, SplitDelimiterBehavior
from ._class_split import ClassRegex, _ClassSplitter, class_splitter
from .base import PRE_TOKENIZERS, PreTokenizer, register

__all__ = ["Sequence"]

Stage = Union[ClassRegex, PreTokenizer]
# Classes that never hold whitespace: a preceding WhitespaceSplit can be folded into their regex.
_NO_SPACE_CLASSES = (PUNCTUATION, NUMERIC, SPACE)


def _fast_stages(children: list[PreTokenizer]) -> list[Stage]:
    """Children as fast stages: fused/class regexes, or the child itself."""
    stages: list[Stage] = []
    i = 0
    while i < len(children):
        child = children[i]
        spec = child._class_spec() if isinstance(child, _ClassSplitter) and child._trusted() else None
        if spec is None:
            stages.append(child)
            i += 1
            continue
        nxt = children[i + 1] if i + 1 < len(children) else None
        next_spec = nxt._class_spec() if isinstance(nxt, _ClassSplitter) and nxt._trusted() else None
        fusable = next_spec is not None and (
            next_spec[0] in _NO_SPACE_CLASSES or next_spec[1] is SplitDelimiterBehavior.REMOVED
        )
        if spec == (SPACE, SplitDelimiterBehavior.REMOVED) and fusable:  # a WhitespaceSplit
            stages.append(class_splitter(next_spec[0], next_spec[1], True))  # type: ignore[index]
            i += 2
        else:
            stages.append(class_splitter(spec[0], spec[1], False))
            i += 1
    return stages


def _stage_pieces(stage: Stage, text: str) -> Pieces:
    if isinstance(stage, ClassRegex):
        return stage.pieces(text)
    return stage._pieces(text)


def _stage_words(stage: Stage, text: str) -> list[str]:
    if isinstance(stage, ClassRegex):
        return stage.words(text)
    return stage._words(text)


def _is_cut_stage(stage: Stage) -> bool:
    return isinstance(stage, ClassRegex) or stage._is_substring()


def _apply(stage: Stage, pieces: Pieces) -> Pieces:
    out: Pieces = []
    for text, (offset, _) in pieces:
        if offset == 0:
            out.extend(_stage_pieces(stage, text))
        else:
            out.extend((word, (offset + a, offset + b)) for word, (a, b) in _stage_pieces(stage, text))
    return out


@register("Sequence")
class Sequence(PreTokenizer):
    """Apply pre-tokenizers in order (HF flattens Sequences given to the constructor).

    >>> from tokkit.pre_tokenizers import WhitespaceSplit, Punctuation
    >>> seq = Sequence([WhitespaceSplit(), Punctuation()])
    >>> seq.pre_tokenize_str("Hi, you"), seq[1]
    ([('Hi', (0, 2)), (',', (2, 3)), ('you', (4, 7))], Punctuation(behavior=Isolated))
    """

    _fields = ("pretokenizers",)

    def __init__(self, pretokenizers: "list[PreTokenizer]") -> None:  # HF's argument name
        if not isinstance(pretokenizers, (list, tuple)):
            raise ArgumentTypeError(f"Sequence needs a list of pre-tokenizers, got {type(pretokenizers).__name__}")
        flat: list[PreTokenizer] = []
        for child in pretokenizers:
            _check_child(child)
            # HF's constructor splices a child Sequence's members in (one level).
            flat.extend(child.pretokenizers if type(child) is Sequence else [child])
        self.pretokenizers: list[PreTokenizer] = flat
        self._plan_cache: tuple[tuple[Any, ...], list[Stage], bool] | None = None

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        """Run each pre-tokenizer in order on the words the one before made, in place (offsets kept).

        >>> from tokkit import PreTokenizedString
        >>> from tokkit.pre_tokenizers import Digits, WhitespaceSplit
        >>> pts = PreTokenizedString('a1 b')
        >>> Sequence([WhitespaceSplit(), Digits()]).pre_tokenize(pts); pts.get_splits()
        [('a', (0, 1), None), ('1', (1, 2), None), ('b', (3, 4), None)]
        """
        for child in self.pretokenizers:
            child.pre_tokenize(pretok)

    # -- fast path ------------------------------------------------------------
    def _plan(self) -> tuple[list[Stage], bool]:
        """``(fast stages, every stage only cuts)``, cached while the children keep their settings."""
        children = self.pretokenizers
        # A class splitter's whole fast-path state is its _class_spec(): a changed setting makes a new key.
        key = tuple([child._class_spec() if isinstance(child, _ClassSplitter) else id(child) for child in children])
        cached = self._plan_cache
        if cached is not None and cached[0] == key:
            return cached[1], cached[2]
        stages = _fast_stages(children)
        cuts_only = all(child._is_substring() for child in children)
        if not any(isinstance(child, Sequence) for child in children):  # a nested one may change inside
            self._plan_cache = (key, stages, cuts_only)
        return stages, cuts_only

    def _is_substring(self) -> bool:
        return self._trusted() and self._plan()[1]

    def split_words(self, text: str) -> list[str]:
        """Just the words of ``pre_tokenize_str(text)``; simple cutters are fused into one pass.

        >>> from tokkit.pre_tokenizers import Punctuation, WhitespaceSplit
        >>> Sequence([WhitespaceSplit(), Punctuation()]).split_words("Hi, you!")
        ['Hi', ',', 'you', '!']
        """
        if type(text) is str and self._trusted():
            stages, cuts_only = self._plan()
            if cuts_only:
                if len(stages) == 1 and isinstance(stages[0], ClassRegex):
                    return stages[0].words(text)  # e.g. WhitespaceSplit + Punctuation, fused
                return self._stage_words(stages, text)
        return super().split_words(text)

    def pieces_function(self) -> Callable[[str], Pieces]:
        """``pre_tokenize_str`` resolved once, for loops over many texts (simple cutters fused).

        >>> from tokkit.pre_tokenizers import Punctuation, WhitespaceSplit
        >>> Sequence([WhitespaceSplit(), Punctuation()]).pieces_function()("Hi, you")
        [('Hi', (0, 2)), (',', (2, 3)), ('you', (4, 7))]
        """
        if self._trusted():
            stages, cuts_only = self._plan()
            if cuts_only and len(stages) == 1 and isinstance(stages[0], ClassRegex):
                return stages[0].pieces  # e.g. WhitespaceSplit + Punctuation, fused
        return super().pieces_function()

    def _pieces(self, text: str) -> Pieces:
        # HF: with no child to split it, even the empty initial split survives.
        pieces: Pieces = [(text, (0, len(text)))]
        for stage in self._plan()[0]:
            pieces = _apply(stage, pieces)
        return pieces

    def _words(self, text: str) -> list[str]:
        return self._stage_words(self._plan()[0], text)

    @staticmethod
    def _stage_words(stages: list[Stage], text: str) -> list[str]:
        if not stages:
            return [text]
        pieces: Pieces = [(text, (0, len(text)))]
        for stage in stages[:-1]:
            pieces = _apply(stage, pieces)
        last = stages[-1]
        if len(pieces) == 1:
            return _stage_words(last, pieces[0][0])
        return [word for piece, _ in pieces for word in _stage_words(last, piece)]

    def _transform(self, pieces: Pieces) -> Pieces | None:
        if not self._trusted():
            return None
        stages = self._plan()[0]
        for i, stage in enumerate(stages):
            if _is_cut_stage(stage):
                pieces = _apply(stage, pieces)
            elif i == len(stages) - 1:
                return stage._transform(pieces)  # type: ignore[union-attr]
            else:
                return None
        return pieces

    def fast_path(self) -> PreTokenizerFastPath:
        """Cut-only children cut; cut-only children then a Metaspace give Metaspace words; else nothing.

        >>> from tokkit.pre_tokenizers import Digits, Metaspace, WhitespaceSplit
        >>> Sequence([WhitespaceSplit(), Digits()]).fast_path().pieces("a1 b")
        [('a', (0, 1)), ('1', (1, 2)), ('b', (3, 4))]
        >>> Sequence([Digits(), Metaspace()]).fast_path().cut.pieces("a1")
        [('a', (0, 1)), ('1', (1, 2))]
        """
        paths = [child.trusted_fast_path() for child in self.pretokenizers]
        if all(isinstance(path, CutsText) for path in paths):
            first: Any = paths[0] if paths else None
            return CutsText(
                self.pieces_function(),
                removes_whitespace_first=first is not None and first.removes_whitespace_first,
                is_whitespace_split=len(paths) == 1 and first.is_whitespace_split,
            )
        *cuts, last = paths
        if not isinstance(last, MetaspaceWords) or last.cut is not None:
            return None
        if not all(isinstance(path, CutsText) for path in cuts):
            return None
        if not cuts:
            return last
        cut = cuts[0] if len(cuts) == 1 else Sequence(self.pretokenizers[:-1]).fast_path()
        return MetaspaceWords(last.replacement, last.prepend_scheme, last.split, cut)  # type: ignore[arg-type]

    # -- indexing like HF -------------------------------------------------------
    def __getitem__(self, index: int) -> PreTokenizer:
        return self.pretokenizers[_position(index, len(self.pretokenizers))]

    def __setitem__(self, index: int, value: PreTokenizer) -> None:
        # HF checks the value's kind before the index.
        _check_child(value)
        if isinstance(value, Sequence):
            raise ConfigurationError("pre tokenizer should not be a sequence")
        self.pretokenizers[_position(index, len(self.pretokenizers))] = value
        note_change()  # an item changed in place: encoders with caches start over

    def __delitem__(self, index: int) -> None:
        raise NotImplementedError("can't delete item: build a new Sequence without it")

    # -- JSON ---------------------------------------------------------------------
    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Sequence":
        children = PRE_TOKENIZERS.build_each(json_field(data, "pretokenizers"), "pretokenizers")
        sequence = cls.__new__(cls)
        sequence.pretokenizers = children  # nested Sequences from JSON stay nested (HF)
        sequence._plan_cache = None
        return sequence


def _position(index: Any, length: int) -> int:
    """HF's item index: an int (a slice or str is a ``TypeError``); negatives count from the end (tokkit extra)."""
    position = operator.index(index)
    if position < 0:
        position += length
    if not 0 <= position < length:
        raise IndexError(f"Index not found: {index} (the Sequence has {length})")
    return position


def _check_child(child: Any) -> None:
    if not isinstance(child, PreTokenizer):
        raise ArgumentTypeError(
            f"Sequence members must be pre-tokenizers, got {type(child).__name__}; "
            "wrap other objects with PreTokenizer.custom(obj)"
        )

