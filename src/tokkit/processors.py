"""Post-processors: add special tokens, set type ids and sequence ids, trim offsets.

A post-processor receives the encoding of each input sequence (one, or two
for a pair) after truncation and returns the final merged encoding.  The
components follow HF's ``processors/*`` (0.23.3), quirks included: each
quirk is named where it is reproduced.

>>> from tokkit.encoding import Encoding
>>> bert = BertProcessing(("[SEP]", 102), ("[CLS]", 101))
>>> bert.process(Encoding(ids=[7, 8], tokens=["hi", "you"])).tokens
['[CLS]', 'hi', 'you', '[SEP]']

What this module does not do: truncation and padding (``tokkit.encoding``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Mapping, Optional

from ._component import Component, CustomWrapper, from_dict_of, rust_repr
from ._errors import ConfigurationError, SerializationError
from ._registry import Registry
from ._unicode import WHITESPACE_CHARS
from .encoding import Encoding, _ArgumentTypeError, _unsigned

__all__ = [
    "PROCESSORS",
    "register",
    "PostProcessor",
    "TemplateProcessing",
    "BertProcessing",
    "RobertaProcessing",
    "ByteLevel",
    "Sequence",
    "default_process",
    "process_offsets",
]

PROCESSORS: Registry["PostProcessor"] = Registry("post_processor", "processors")
register = PROCESSORS.register

# HF loads processor JSON through an untagged enum whose variants mostly ignore
# "type": Roberta is tried before Bert, and Template matches on its fields.
_HF_TYPES = ("RobertaProcessing", "BertProcessing", "ByteLevel", "TemplateProcessing", "Sequence")


class PostProcessor(Component):
    """Base class of post-processors.

    Subclasses implement ``added_tokens(is_pair)`` and
    ``process_encodings(encodings, add_special_tokens)``; ``process`` is HF's
    default: set each encoding's type ids and sequence id, process, merge.
    """

    _registry = PROCESSORS

    def added_tokens(self, is_pair: bool) -> int:
        """How many special tokens ``process`` adds to a single input or a pair."""
        return 0

    def num_special_tokens_to_add(self, is_pair: bool) -> int:
        """Same as ``added_tokens`` (HF's Python name)."""
        return self.added_tokens(bool(is_pair))

    def process_encodings(self, encodings: list[Encoding], add_special_tokens: bool) -> list[Encoding]:
        raise NotImplementedError(f"{type(self).__name__} must implement process_encodings")

    def process(
        self, encoding: Encoding, pair: Optional[Encoding] = None, add_special_tokens: bool = True
    ) -> Encoding:
        """Post-process one encoding (and its pair) into the final encoding.

        The inputs are not modified (HF works on clones).
        """
        encodings = [_checked(encoding, "encoding")._copy()]
        if pair is not None:
            encodings.append(_checked(pair, "pair")._copy())
        for i, enc in enumerate(encodings):
            enc._sequence_ranges[i] = (0, len(enc._ids))
            for overflow in enc._overflowing:
                overflow._sequence_ranges[i] = (0, len(overflow._ids))
            enc._type_ids = [i] * len(enc._ids)
        return _merge(self.process_encodings(encodings, bool(add_special_tokens)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "PostProcessor":
        """Build a post-processor from its JSON, with HF's untagged fallbacks.

        Like HF, a missing or unknown ``"type"`` is matched by shape: Roberta
        fields first, then Bert, then Template.
        """
        if isinstance(data, Mapping):
            kind = data.get("type")
            if kind is None or kind in _HF_TYPES or kind not in PROCESSORS.names():
                found = _untagged(data)
                if found is not None:
                    return found
                if kind in _HF_TYPES:
                    return from_dict_of(PROCESSORS, data)  # the specific error of that type
                if kind is None:
                    raise SerializationError(
                        "post_processor JSON matches no processor (data did not match any variant of "
                        f"untagged enum PostProcessorWrapper): {dict(data)!r:.160}"
                    )
        return from_dict_of(PROCESSORS, data)

    @classmethod
    def custom(cls, processor: Any) -> "PostProcessor":
        """Wrap a user object with ``process_encodings`` (and optionally ``added_tokens``).

        It works in a tokenizer but cannot be saved; to save one, register a
        ``PostProcessor`` subclass with ``tokkit.processors.register("Name")``.
        """
        if not callable(getattr(processor, "process_encodings", None)):
            raise ConfigurationError(
                "PostProcessor.custom needs an object with a process_encodings(encodings, add_special_tokens) method"
            )
        return _CustomPostProcessor(processor)


class _CustomPostProcessor(CustomWrapper, PostProcessor):
    _family = "PostProcessor"

    def added_tokens(self, is_pair: bool) -> int:
        for name in ("added_tokens", "num_special_tokens_to_add"):
            method = getattr(self.inner, name, None)
            if callable(method):
                return int(method(is_pair))
        return 0

    def process_encodings(self, encodings: list[Encoding], add_special_tokens: bool) -> list[Encoding]:
        return list(self.inner.process_encodings(encodings, add_special_tokens))


def _checked(encoding: Any, name: str) -> Encoding:
    if not isinstance(encoding, Encoding):
        raise _ArgumentTypeError(f"{name}: '{type(encoding).__name__}' object is not an instance of 'Encoding'")
    return encoding


def _merge(encodings: list[Encoding]) -> Encoding:
    """``Encoding.merge(encodings, growing_offsets=False)`` without copying (they are ours)."""
    result = Encoding._raw([], [], [], [], [], [], [], [], {})
    for encoding in encodings:
        result._merge_with(encoding, False)
    return result


def default_process(
    encoding: Encoding, pair: Optional[Encoding] = None, add_special_tokens: bool = True
) -> Encoding:
    """What a tokenizer without post-processor does (HF ``default_process``).

    A single encoding is returned unchanged (no sequence id, type ids as
    encoded); a pair gets sequence ids 0 and 1 and is concatenated with
    ``growing_offsets=False``.  The inputs are consumed.
    """
    if pair is None:
        return encoding
    encoding._sequence_ranges[0] = (0, len(encoding._ids))
    pair._sequence_ranges[1] = (0, len(pair._ids))
    return _merge([encoding, pair])


# -- TemplateProcessing pieces -------------------------------------------------------
# A piece is ("Sequence", "A" | "B", type_id) or ("SpecialToken", id, type_id); a
# special token is {"id": str, "ids": [int], "tokens": [str]}, keyed by its id.
Piece = tuple[str, str, int]
_U32 = re.compile(r"\+?[0-9]+")  # Rust's u32::from_str: ASCII digits, optional '+'


def _parse_u32(text: str) -> Optional[int]:
    if _U32.fullmatch(text):
        value = int(text)
        if value < 2**32:
            return value
    return None


def _parse_piece(text: str) -> Piece:
    """One template piece, ``X[:type_id]`` (HF ``Piece::try_from``)."""
    parts = text.split(":")
    type_id: Optional[int] = 0
    if len(parts) == 2:
        type_id = _parse_u32(parts[1])
    piece = _piece_id(parts[0]) if len(parts) <= 2 else None
    if piece is None or type_id is None:
        raise ConfigurationError(f'Cannot build Piece from string "{text}"')
    if len(parts) == 2:
        piece = (piece[0], piece[1], type_id)
    return piece


def _piece_id(text: str) -> Optional[Piece]:
    if not text.startswith("$"):
        return ("SpecialToken", text, 0)
    rest = text[1:]
    if rest in ("", "A", "a"):
        return ("Sequence", "A", 0)
    if rest in ("B", "b"):
        return ("Sequence", "B", 0)
    number = _parse_u32(rest)  # "$1" is sequence A with type id 1, not B
    return None if number is None else ("Sequence", "A", number)


def parse_template(template: Any) -> list[Piece]:
    """A template string (pieces split on single spaces) or list of piece strings.

    >>> parse_template("[CLS] $0 $B:1")
    [('SpecialToken', '[CLS]', 0), ('Sequence', 'A', 0), ('Sequence', 'B', 1)]
    """
    if isinstance(template, str):
        return [_parse_piece(p) for p in template.split(" ")]
    if isinstance(template, (list, tuple)) and all(isinstance(p, str) for p in template):
        return [_parse_piece(p) for p in template]
    raise _ArgumentTypeError(f"Expected Union[str, List[str]] for a template, got {template!r:.60}")


def _special_token(item: Any) -> dict[str, Any]:
    """One ``special_tokens`` entry: ``(str, int)``, ``(int, str)`` or a dict."""
    if isinstance(item, tuple) and len(item) == 2:
        if isinstance(item[1], str) and not isinstance(item[0], str):
            item = (item[1], item[0])
        if isinstance(item[0], str) and isinstance(item[1], int):
            return {"id": item[0], "ids": [_unsigned(item[1], "special token id", 2**32 - 1)], "tokens": [item[0]]}
    if isinstance(item, dict):
        for key in ("id", "ids", "tokens"):
            if key not in item:
                raise ConfigurationError(f"`{key}` must be specified for special token {item!r:.60}")
        ident, ids, tokens = item["id"], item["ids"], item["tokens"]
        if not isinstance(ident, str) or isinstance(ids, str) or isinstance(tokens, str):
            raise _ArgumentTypeError(f"a special token dict needs id: str, ids: [int], tokens: [str]; got {item!r:.60}")
        ids = [_unsigned(i, "special token id", 2**32 - 1) for i in ids]
        if not all(isinstance(t, str) for t in tokens):
            raise _ArgumentTypeError(f"special token tokens must be strings, got {tokens!r:.60}")
        if len(ids) != len(tokens):
            raise ConfigurationError("SpecialToken: ids and tokens must be of the same length")
        return {"id": ident, "ids": ids, "tokens": list(tokens)}
    raise _ArgumentTypeError(f"Expected Union[Tuple[str, int], Tuple[int, str], dict], got {item!r:.60}")


def parse_special_tokens(items: Any) -> dict[str, dict[str, Any]]:
    """``special_tokens`` argument -> ``{id: token}``; a later duplicate wins (HF)."""
    if isinstance(items, (str, dict)) or not hasattr(items, "__iter__"):
        raise _ArgumentTypeError(f"special_tokens must be a list, got {type(items).__name__}")
    tokens = [_special_token(item) for item in items]
    return {token["id"]: token for token in tokens}


def count_added(template: list[Piece], specials: dict[str, dict[str, Any]]) -> int:
    """Number of ids the template's special pieces add (unknown ids count 0, like HF)."""
    return sum(len(specials[p[1]]["ids"]) for p in template if p[0] == "SpecialToken" and p[1] in specials)


def pieces_to_json(template: list[Piece]) -> list[dict[str, Any]]:
    return [{kind: {"id": ident, "type_id": type_id}} for kind, ident, type_id in template]


def pieces_from_json(data: Any) -> list[Piece]:
    if not isinstance(data, list):
        raise SerializationError(f"a template must be a JSON array of pieces, got {data!r:.60}")
    return [_piece_from_json(item) for item in data]


def _piece_from_json(item: Any) -> Piece:
    """``{"Sequence": {"id": "A", "type_id": 0}}`` or ``{"SpecialToken": {"id": s, "type_id": n}}``."""
    if isinstance(item, dict) and len(item) == 1:
        ((kind, body),) = item.items()
        if isinstance(body, dict) and _is_u32(body.get("type_id")):
            ident = body.get("id")
            if (kind == "Sequence" and ident in ("A", "B")) or (kind == "SpecialToken" and isinstance(ident, str)):
                return (kind, ident, body["type_id"])
    raise SerializationError(
        f'a template piece must be {{"Sequence": {{"id": "A"|"B", "type_id": n}}}} or '
        f'{{"SpecialToken": {{"id": str, "type_id": n}}}}, got {item!r:.80}'
    )


def _is_u32(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**32


def special_tokens_to_json(specials: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Sorted by key, as HF writes them."""
    return {
        key: {"id": t["id"], "ids": list(t["ids"]), "tokens": list(t["tokens"])}
        for key, t in sorted(specials.items())
    }


def special_tokens_from_json(data: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(data, dict):
        raise SerializationError(f"special_tokens must be a JSON object, got {data!r:.60}")
    result = {}
    for key, token in data.items():
        ok = isinstance(token, dict) and isinstance(token.get("id"), str)
        ok = ok and isinstance(token.get("ids"), list) and isinstance(token.get("tokens"), list)
        ok = ok and all(_is_u32(i) for i in token["ids"])
        ok = ok and all(isinstance(t, str) for t in token["tokens"])
        if not ok:
            raise SerializationError(f"invalid special token {key!r}: {token!r:.80}")
        result[key] = {"id": token["id"], "ids": list(token["ids"]), "tokens": list(token["tokens"])}
    return result


def _rust_debug_str(text: str) -> str:
    """A string as Rust's ``{:?}`` shows it."""
    out = []
    for c in text:
        if c in "\\\"":
            out.append("\\" + c)
        elif c in "\n\r\t\0":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0"}[c])
        elif unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cn", "Co"):
            out.append(f"\\u{{{ord(c):x}}}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def rust_debug_template(template: list[Piece]) -> str:
    """HF's ``TemplateProcessing.single`` getter text (Rust ``Debug`` of the template)."""
    parts = []
    for kind, ident, type_id in template:
        shown = ident if kind == "Sequence" else _rust_debug_str(ident)
        parts.append(f"{kind} {{ id: {shown}, type_id: {type_id} }}")
    return f"Template([{', '.join(parts)}])"


def piece_repr(piece: Piece) -> str:
    kind, ident, type_id = piece
    shown = ident if kind == "Sequence" else rust_repr(ident)
    return f"{kind}(id={shown}, type_id={type_id})"


# -- shared field checks -----------------------------------------------------------
def _token_pair(value: Any, name: str) -> tuple[str, int]:
    """A ``(token, id)`` tuple, as HF's ``(String, u32)`` argument."""
    if isinstance(value, (tuple, list)) and len(value) == 2 and isinstance(value[0], str):
        return value[0], _unsigned(value[1], f"{name} id", 2**32 - 1)
    raise _ArgumentTypeError(f"{name} must be a (token: str, id: int) tuple, got {value!r:.60}")


def _json_token_pair(data: Mapping[str, Any], name: str) -> tuple[str, int]:
    value = data[name]
    if not (isinstance(value, list) and len(value) == 2):
        raise SerializationError(f"{name} must be a [token, id] JSON array, got {value!r:.60}")
    try:
        return _token_pair(value, name)
    except ConfigurationError as exc:
        raise SerializationError(str(exc)) from None


def _json_bool(data: Mapping[str, Any], name: str, default: Optional[bool] = None) -> bool:
    value = data.get(name, default)
    if not isinstance(value, bool):
        raise SerializationError(f"{name} must be true or false, got {value!r:.40}")
    return value


def _require(data: Mapping[str, Any], *names: str) -> None:
    for name in names:
        if name not in data:
            raise SerializationError(f"missing field `{name}` in {data.get('type', 'post_processor')} JSON")


def _untagged(data: Mapping[str, Any]) -> Optional[PostProcessor]:
    """HF's untagged match: the first variant whose fields parse, or None."""
    kind = data.get("type")
    candidates: list[type] = [RobertaProcessing, BertProcessing]
    if kind == "ByteLevel":
        candidates.append(ByteLevel)
    candidates.append(TemplateProcessing)
    if kind == "Sequence":
        candidates.append(Sequence)
    for candidate in candidates:
        try:
            return candidate._from_json(data)  # type: ignore[attr-defined]
        except (SerializationError, ConfigurationError):
            continue
    return None


# -- offsets trimming (shared by ByteLevel and Roberta) ----------------------------
_SPACES = "\u0120" + "".join(sorted(WHITESPACE_CHARS))  # 'Ġ' (the byte-level space) or whitespace


def process_offsets(encoding: Encoding, add_prefix_space: bool) -> None:
    """Trim leading/trailing spaces out of each token's offsets (HF ``process_offsets``).

    A first token (index 0, **or any token whose offsets start at 0**) keeps
    exactly one leading space when ``add_prefix_space``: that space was added.

    >>> e = Encoding(ids=[1, 2], tokens=["Ġhi", "Ġyou"], offsets=[(0, 2), (2, 6)])
    >>> process_offsets(e, True); e.offsets
    [(0, 2), (3, 6)]
    """
    offsets = encoding._offsets
    for i, token in enumerate(encoding._tokens):
        stripped = token.lstrip(_SPACES)
        lead = len(token) - len(stripped)
        trail = len(stripped) - len(stripped.rstrip(_SPACES)) if stripped else len(token)
        if not lead and not trail:
            continue
        start, end = offsets[i]
        if lead:
            if (i == 0 or start == 0) and add_prefix_space and lead == 1:
                lead = 0
            start = min(start + lead, end)
        if trail and end >= trail:
            end = max(end - trail, start)
        offsets[i] = (start, end)


def _trim_all(encodings: list[Encoding], add_prefix_space: bool) -> None:
    for encoding in encodings:
        process_offsets(encoding, add_prefix_space)
        for overflow in encoding._overflowing:
            process_offsets(overflow, add_prefix_space)


# -- components ------------------------------------------------------------------
def _wrap(
    enc: Encoding, head: Optional[tuple[str, int]], tail: tuple[str, int], seq: int, type_ids: list[int]
) -> Encoding:
    """``head + enc + tail`` as special tokens around ``enc`` (Bert/Roberta layout)."""
    n = len(enc._ids)
    front = [head] if head else []
    k = len(front)
    return Encoding._raw(
        [t[1] for t in front] + enc._ids + [tail[1]],
        type_ids,
        [t[0] for t in front] + enc._tokens + [tail[0]],
        [None] * k + enc._words + [None],
        [(0, 0)] * k + enc._offsets + [(0, 0)],
        [1] * k + [0] * n + [1],
        [1] * (n + k + 1),
        [],
        {seq: (k, k + n)},
    )


@register("BertProcessing")
class BertProcessing(PostProcessor):
    """``[CLS] A [SEP]`` and ``[CLS] A [SEP] B [SEP]``; B and its SEP get type id 1.

    Args:
        sep: the ``(token, id)`` of the separator.
        cls_token: the ``(token, id)`` of the classifier token.

    >>> BertProcessing(("[SEP]", 102), ("[CLS]", 101)).num_special_tokens_to_add(True)
    3
    """

    _fields = ("sep", "cls")

    def __init__(self, sep: tuple[str, int], cls_token: tuple[str, int]) -> None:
        self.sep = _token_pair(sep, "sep")
        self.cls = _token_pair(cls_token, "cls_token")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "BertProcessing":
        _require(data, "sep", "cls")
        return cls(_json_token_pair(data, "sep"), _json_token_pair(data, "cls"))

    def added_tokens(self, is_pair: bool) -> int:
        return 3 if is_pair else 2

    def process_encodings(self, encodings: list[Encoding], add_special_tokens: bool) -> list[Encoding]:
        if not add_special_tokens:
            return encodings
        out = []
        for i, enc in enumerate(encodings):
            out.append(self._wrap_one(enc, i))
        return out

    def _wrap_one(self, enc: Encoding, i: int) -> Encoding:
        def wrap(e: Encoding) -> Encoding:
            if i == 0:
                return _wrap(e, self.cls, self.sep, 0, [0] + e._type_ids + [0])
            return _wrap(e, None, self.sep, 1, e._type_ids + [1])

        result = wrap(enc)
        result._overflowing = [wrap(o) for o in enc._overflowing]
        return result


@register("RobertaProcessing")
class RobertaProcessing(PostProcessor):
    """``<s> A </s>`` and ``<s> A </s> </s> B </s>``; every type id is 0 (HF's Roberta quirk).

    Args:
        sep, cls_token: ``(token, id)`` tuples.
        trim_offsets: trim spaces out of offsets first (like the ByteLevel processor).
        add_prefix_space: whether the pre-tokenizer added a prefix space (kept in offsets).
    """

    _fields = ("sep", "cls", "trim_offsets", "add_prefix_space")

    def __init__(
        self,
        sep: tuple[str, int],
        cls_token: tuple[str, int],
        trim_offsets: bool = True,
        add_prefix_space: bool = True,
    ) -> None:
        self.sep = _token_pair(sep, "sep")
        self.cls = _token_pair(cls_token, "cls_token")
        self.trim_offsets = bool(trim_offsets)
        self.add_prefix_space = bool(add_prefix_space)

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "RobertaProcessing":
        _require(data, "sep", "cls", "trim_offsets", "add_prefix_space")
        return cls(
            _json_token_pair(data, "sep"), _json_token_pair(data, "cls"),
            _json_bool(data, "trim_offsets"), _json_bool(data, "add_prefix_space"),
        )  # fmt: skip

    def added_tokens(self, is_pair: bool) -> int:
        return 4 if is_pair else 2

    def process_encodings(self, encodings: list[Encoding], add_special_tokens: bool) -> list[Encoding]:
        if self.trim_offsets:
            _trim_all(encodings, self.add_prefix_space)
        for enc in encodings:  # HF: "Roberta is weird, and every encoding is type_id=0"
            enc._type_ids = [0] * len(enc._ids)
        if not add_special_tokens:
            return encodings
        out = []
        for i, enc in enumerate(encodings):
            head = self.cls if i == 0 else self.sep
            seq = 0 if i == 0 else 1
            result = _wrap(enc, head, self.sep, seq, [0] * (len(enc._ids) + 2))
            result._overflowing = [
                _wrap(o, head, self.sep, seq, [0] * (len(o._ids) + 2)) for o in enc._overflowing
            ]
            out.append(result)
        return out


@register("ByteLevel")
class ByteLevel(PostProcessor):
    """Trims the byte-level spaces (``Ġ``) out of offsets; adds no token.

    >>> ByteLevel()
    ByteLevel(add_prefix_space=True, trim_offsets=True, use_regex=True)
    """

    _fields = ("add_prefix_space", "trim_offsets", "use_regex")

    def __init__(
        self,
        add_prefix_space: Optional[bool] = None,
        trim_offsets: Optional[bool] = None,
        use_regex: Optional[bool] = None,
        **kwargs: Any,
    ) -> None:
        # HF accepts and ignores any other keyword argument here.
        self.add_prefix_space = True if add_prefix_space is None else bool(add_prefix_space)
        self.trim_offsets = True if trim_offsets is None else bool(trim_offsets)
        self.use_regex = True if use_regex is None else bool(use_regex)

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "ByteLevel":
        _require(data, "add_prefix_space", "trim_offsets")  # use_regex defaults to true
        return cls(
            _json_bool(data, "add_prefix_space"), _json_bool(data, "trim_offsets"),
            _json_bool(data, "use_regex", True),
        )  # fmt: skip

    def process_encodings(self, encodings: list[Encoding], add_special_tokens: bool) -> list[Encoding]:
        if self.trim_offsets:
            _trim_all(encodings, self.add_prefix_space)
        for i, enc in enumerate(encodings):
            enc._sequence_ranges[i] = (0, len(enc._ids))
        return encodings


@register("TemplateProcessing")
class TemplateProcessing(PostProcessor):
    """Add special tokens following a template such as ``"[CLS] $A [SEP] $B:1 [SEP]:1"``.

    Pieces are separated by single spaces, each ``X[:type_id]``: ``$A``/``$a``/``$``
    is sequence A, ``$B``/``$b`` sequence B, ``$N`` (digits) sequence A with
    type id N; anything else names a special token in ``special_tokens``.

    Args:
        single: template (str or list of pieces) for one sequence; default ``"$0"``.
        pair: template for a pair; default ``"$A:0 $B:1"``; must use both A and B.
        special_tokens: ``(token, id)``, ``(id, token)`` or ``{"id", "ids", "tokens"}`` items.

    >>> t = TemplateProcessing("[CLS] $A [SEP]", "[CLS] $A [SEP] $B:1 [SEP]:1", [("[CLS]", 1), ("[SEP]", 2)])
    >>> t.num_special_tokens_to_add(False), t.num_special_tokens_to_add(True)
    (2, 3)
    """

    _fields = ("single", "pair", "special_tokens")

    def __init__(self, single: Any = None, pair: Any = None, special_tokens: Any = None) -> None:
        single_t = parse_template("$0" if single is None else single)
        pair_t = parse_template("$A:0 $B:1" if pair is None else pair)
        specials = parse_special_tokens([] if special_tokens is None else special_tokens)
        if pair is not None and not {("Sequence", "A"), ("Sequence", "B")} <= {p[:2] for p in pair_t}:
            raise ConfigurationError("Template for `pair` must use both sequences")
        missing = [p[1] for p in single_t + pair_t if p[0] == "SpecialToken" and p[1] not in specials]
        if missing:
            ids = ", ".join(dict.fromkeys(missing))
            raise ConfigurationError(
                f"Missing SpecialToken(s) with id(s) `{ids}`: add them to special_tokens"
            )
        self._set(single_t, pair_t, specials)

    def _set(self, single: list[Piece], pair: list[Piece], specials: dict[str, dict[str, Any]]) -> None:
        self._single, self._pair, self._special_tokens = single, pair, specials
        self._added_single = count_added(single, specials)
        self._added_pair = count_added(pair, specials)

    @property
    def single(self) -> str:
        """The single template, as HF shows it (Rust ``Debug``)."""
        return rust_debug_template(self._single)

    @single.setter
    def single(self, template: Any) -> None:
        # HF's setter neither validates nor recounts the added tokens: kept as is.
        self._single = parse_template(template)

    def _json_fields(self) -> dict[str, Any]:
        return {
            "single": pieces_to_json(self._single),
            "pair": pieces_to_json(self._pair),
            "special_tokens": special_tokens_to_json(self._special_tokens),
        }

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "TemplateProcessing":
        _require(data, "single", "pair", "special_tokens")
        obj = cls.__new__(cls)
        # Loading checks nothing beyond the shapes (HF): missing specials fail at process time.
        obj._set(
            pieces_from_json(data["single"]), pieces_from_json(data["pair"]),
            special_tokens_from_json(data["special_tokens"]),
        )  # fmt: skip
        return obj

    def __repr__(self) -> str:
        specials = ", ".join(
            f"{rust_repr(key)}:SpecialToken(id={rust_repr(tok['id'])}, ids={rust_repr(tok['ids'])}, "
            f"tokens={rust_repr(tok['tokens'])})"
            for key, tok in sorted(self._special_tokens.items())
        )
        single = ", ".join(piece_repr(p) for p in self._single)
        pair = ", ".join(piece_repr(p) for p in self._pair)
        return f"TemplateProcessing(single=[{single}], pair=[{pair}], special_tokens={{{specials}}})"

    def added_tokens(self, is_pair: bool) -> int:
        return self._added_pair if is_pair else self._added_single

    def process_encodings(self, encodings: list[Encoding], add_special_tokens: bool) -> list[Encoding]:
        if len(encodings) not in (1, 2):
            raise ConfigurationError(f"TemplateProcessing takes 1 or 2 encodings, got {len(encodings)}")
        template = self._pair if len(encodings) == 2 else self._single
        out: list[Encoding] = []
        for kind, ident, type_id in template:
            if kind == "Sequence":
                i = 0 if ident == "A" else 1
                if i >= len(encodings):
                    raise ConfigurationError("the single template uses $B but there is no pair sequence")
                enc = encodings[i]
                # Only the top-level encoding gets the template's type id (HF): overflowing keep theirs.
                enc._type_ids = [type_id] * len(enc._ids)
                enc._sequence_ranges[i] = (0, len(enc._ids))
                out.append(enc._copy())
            elif add_special_tokens:
                token = self._special_tokens.get(ident)
                if token is None:
                    raise ConfigurationError(f"special token {ident!r} of the template is not in special_tokens")
                out.append(Encoding._special(token["ids"], token["tokens"], type_id))
        return out


@register("Sequence")
class Sequence(PostProcessor):
    """Run several post-processors in order; nested Sequences are flattened (HF).

    >>> len(Sequence([ByteLevel(), Sequence([ByteLevel(), ByteLevel()])]).processors)
    3
    """

    _fields = ("processors",)

    def __init__(self, processors: list[PostProcessor]) -> None:
        if not isinstance(processors, list):
            raise _ArgumentTypeError(f"'{type(processors).__name__}' object is not an instance of 'list'")
        flat: list[PostProcessor] = []
        for proc in processors:
            if isinstance(proc, Sequence):
                flat.extend(proc.processors)
            elif isinstance(proc, PostProcessor):
                flat.append(proc)
            else:
                raise _ArgumentTypeError(f"'{type(proc).__name__}' object is not an instance of 'PostProcessor'")
        self.processors = flat

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Sequence":
        _require(data, "processors")
        items = data["processors"]
        if not isinstance(items, list):
            raise SerializationError(f"processors must be a JSON array, got {items!r:.60}")
        obj = cls.__new__(cls)
        obj.processors = [PostProcessor.from_dict(item) for item in items]  # JSON nesting is kept
        return obj

    def __getitem__(self, index: int) -> PostProcessor:
        index = _unsigned(index, "index")
        if index >= len(self.processors):
            raise IndexError("Index not found")
        return self.processors[index]

    def added_tokens(self, is_pair: bool) -> int:
        return sum(p.added_tokens(is_pair) for p in self.processors)

    def process_encodings(self, encodings: list[Encoding], add_special_tokens: bool) -> list[Encoding]:
        for proc in self.processors:
            encodings = proc.process_encodings(encodings, add_special_tokens)
        return encodings
