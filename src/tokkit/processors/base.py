"""The post-processor base class, its registry, ``default_process`` and shared field checks."""

from __future__ import annotations

from typing import Any, ClassVar, Mapping, Optional

from .._errors import ArgumentTypeError, ConfigurationError, SerializationError
from .._json.component import Component, CustomWrapper
from .._json.registry import Registry
from .._validation import json_array, json_at, json_field, json_str, json_u32, unsigned
from ..encoding import Encoding, RowLayout, merge_into

__all__ = ["PROCESSORS", "register", "PostProcessor", "default_process"]

# HF: processors/mod.rs (PostProcessorWrapper) is an untagged enum, and serde does not check
# the tags: Roberta is tried before Bert, Template matches on its fields, ByteLevel and Sequence
# only when named.
PROCESSORS: Registry["PostProcessor"] = Registry(
    "post_processor", "processors",
    untagged=("RobertaProcessing", "BertProcessing", "ByteLevel", "TemplateProcessing", "Sequence"),
    untagged_first=("RobertaProcessing", "BertProcessing", "ByteLevel", "TemplateProcessing", "Sequence"),
    only_when_named=("ByteLevel", "Sequence"),
    refuses_duplicates=True,
)
register = PROCESSORS.register


class PostProcessor(Component):
    """Base class of post-processors.

    Subclasses implement ``added_tokens(is_pair)`` and
    ``process_encodings(encodings, add_special_tokens)``; ``process`` is HF's
    default: set each encoding's type ids and sequence id, process, merge.

    >>> from tokkit.processors import BertProcessing
    >>> BertProcessing(("[SEP]", 1), ("[CLS]", 0)).process(Encoding(ids=[7], tokens=["hi"])).tokens
    ['[CLS]', 'hi', '[SEP]']
    """

    _registry: ClassVar[Registry["PostProcessor"]] = PROCESSORS

    def added_tokens(self, is_pair: bool) -> int:
        """How many special tokens ``process`` adds to a single input or a pair.

        >>> from tokkit.processors import BertProcessing
        >>> BertProcessing(("[SEP]", 1), ("[CLS]", 0)).added_tokens(False)
        2
        """
        return 0

    def num_special_tokens_to_add(self, is_pair: bool) -> int:
        """Same as ``added_tokens`` (HF's Python name)."""
        return self.added_tokens(bool(is_pair))

    def single_layout(self, add_special_tokens: bool) -> Optional[RowLayout]:
        """What ``process`` does to every single encoding, when it is always the same (else None).

        A batch of single texts then keeps the model's tokens as columns and lays each row
        out when read (``tokkit.encoding.LayoutColumns``).  A subclass that overrides
        ``process_encodings`` gets None unless it says otherwise.

        >>> from tokkit.processors import BertProcessing
        >>> print(BertProcessing(("[SEP]", 1), ("[CLS]", 0)).single_layout(True))
        None
        """
        return None

    def process_encodings(self, encodings: list[Encoding], add_special_tokens: bool) -> list[Encoding]:
        """Add the special tokens to the encodings of one input (two for a pair); ``process`` merges the result.

        Subclasses implement this; the encodings are theirs to change.

        >>> from tokkit.processors import BertProcessing
        >>> out = BertProcessing(("[SEP]", 1), ("[CLS]", 0)).process_encodings([Encoding(ids=[7], tokens=["hi"])], True)
        >>> [e.tokens for e in out]
        [['[CLS]', 'hi', '[SEP]']]
        """
        raise NotImplementedError(f"{type(self).__name__} must implement process_encodings")

    def process(
        self, encoding: Encoding, pair: Optional[Encoding] = None, add_special_tokens: bool = True
    ) -> Encoding:
        """Post-process one encoding (and its pair) into the final encoding.

        The inputs are not modified (HF works on clones).

        >>> from tokkit.processors import BertProcessing
        >>> post = BertProcessing(("[SEP]", 1), ("[CLS]", 0))
        >>> encoding = post.process(Encoding(ids=[7], tokens=["hi"]), Encoding(ids=[8], tokens=["yo"]))
        >>> encoding.tokens, encoding.type_ids
        (['[CLS]', 'hi', '[SEP]', 'yo', '[SEP]'], [0, 0, 0, 1, 1])
        """
        encodings = [_checked(encoding, "encoding")._copy()]
        if pair is not None:
            encodings.append(_checked(pair, "pair")._copy())
        return self.process_owned(encodings, add_special_tokens)

    def process_owned(self, encodings: list[Encoding], add_special_tokens: bool = True) -> Encoding:
        """``process`` on encodings the caller gives away: they are changed and reused, not copied.

        The tokenizer's own encodings go this way, so a huge text's lists are not copied twice.

        >>> from tokkit.processors import BertProcessing
        >>> BertProcessing(("[SEP]", 1), ("[CLS]", 0)).process_owned([Encoding(ids=[7], tokens=["hi"])]).ids
        [0, 7, 1]
        """
        for i, enc in enumerate(encodings):
            enc._sequence_ranges[i] = (0, len(enc._ids))
            for overflow in enc._overflowing:
                overflow._sequence_ranges[i] = (0, len(overflow._ids))
            enc._type_ids = [i] * len(enc._ids)
        return _merge(self.process_encodings(encodings, bool(add_special_tokens)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "PostProcessor":
        """Build a post-processor from its JSON object (the family registry's rule).

        >>> bert = PostProcessor.from_dict({"type": "BertProcessing", "sep": ["[SEP]", 102], "cls": ["[CLS]", 101]})
        >>> bert.num_special_tokens_to_add(is_pair=False), bert.num_special_tokens_to_add(is_pair=True)
        (2, 3)
        """
        return cls._registry.build(data)

    @classmethod
    def custom(cls, processor: Any) -> "PostProcessor":
        """Wrap a user object with ``process_encodings`` (and optionally ``added_tokens``).

        It works in a tokenizer but cannot be saved; to save one, register a
        ``PostProcessor`` subclass with ``tokkit.processors.register("Name")``.

        >>> class Mark:
        ...     def process_encodings(self, encodings, add_special_tokens):
        ...         return encodings + [Encoding(ids=[9], tokens=["!"])]
        >>> PostProcessor.custom(Mark()).process(Encoding(ids=[7], tokens=["hi"])).tokens
        ['hi', '!']
        """
        if not callable(getattr(processor, "process_encodings", None)):
            raise ConfigurationError(
                "PostProcessor.custom needs an object with a process_encodings(encodings, add_special_tokens) method"
            )
        return _CustomPostProcessor(processor)


# CustomWrapper hashes by identity, over Component's ``__hash__ = None``: mypy cannot accept a
# subclass making an unhashable base hashable again.
class _CustomPostProcessor(CustomWrapper, PostProcessor):  # type: ignore[misc]
    _family = "PostProcessor"

    def added_tokens(self, is_pair: bool) -> int:
        for name in ("added_tokens", "num_special_tokens_to_add"):
            method = getattr(self.inner, name, None)
            if callable(method):
                return int(method(is_pair))
        return 0

    def process_encodings(self, encodings: list[Encoding], add_special_tokens: bool) -> list[Encoding]:
        return list(self.call_inner("process_encodings", encodings, add_special_tokens))


def _checked(encoding: Any, name: str) -> Encoding:
    if not isinstance(encoding, Encoding):
        raise ArgumentTypeError(f"{name}: '{type(encoding).__name__}' object is not an instance of 'Encoding'")
    return encoding


def _merge(encodings: list[Encoding]) -> Encoding:
    """``Encoding.merge(encodings, growing_offsets=False)`` in place: they are all ours, the first grows."""
    if not encodings:
        return Encoding._raw([], [], [], [], [], [], [], [], {})
    result = encodings[0]
    for encoding in encodings[1:]:
        merge_into(result, encoding, False)
    return result


def default_process(
    encoding: Encoding, pair: Optional[Encoding] = None, add_special_tokens: bool = True
) -> Encoding:
    """What a tokenizer without post-processor does (HF ``default_process``).

    A single encoding is returned unchanged (no sequence id, type ids as
    encoded); a pair gets sequence ids 0 and 1 and is concatenated with
    ``growing_offsets=False``.  The inputs are consumed.

    >>> merged = default_process(Encoding(ids=[7], tokens=["hi"]), Encoding(ids=[8], tokens=["yo"], type_ids=[1]))
    >>> merged.ids, merged.type_ids, merged.sequence_ids
    ([7, 8], [0, 1], [0, 1])
    """
    if pair is None:
        return encoding
    encoding._sequence_ranges[0] = (0, len(encoding._ids))
    pair._sequence_ranges[1] = (0, len(pair._ids))
    return _merge([encoding, pair])


# -- shared field checks -----------------------------------------------------------
def _token_pair(value: Any, name: str) -> tuple[str, int]:
    """A ``(token, id)`` tuple, as HF's ``(String, u32)`` argument."""
    if isinstance(value, (tuple, list)) and len(value) == 2 and isinstance(value[0], str):
        return value[0], unsigned(value[1], f"{name} id", 2**32 - 1)
    raise ArgumentTypeError(f"{name} must be a (token: str, id: int) tuple, got {value!r:.60}")


def _json_token_pair(data: Mapping[str, Any], name: str) -> tuple[str, int]:
    """A ``[token, id]`` field, as serde reads HF's ``(String, u32)``."""
    return json_field(data, name, _read_token_pair)  # type: ignore[no-any-return]


def _read_token_pair(value: Any, name: str) -> tuple[str, int]:
    items = json_array(value)
    if len(items) != 2:
        raise SerializationError(f"expected a [token, id] pair, got an array of {len(items)} items")
    return json_at(0, json_str, items[0]), json_at(1, json_u32, items[1])
