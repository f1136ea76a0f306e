"""``TemplateProcessing`` and its template pieces: parsing, JSON and Rust-style display."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Mapping, Optional

from .._errors import ArgumentTypeError, ConfigurationError, SerializationError
from .._json.serde_repr import Struct, Unit, serde_repr, serde_str
from .._json.parse import refuse_duplicates
from .._validation import (
    describe, json_array_of, json_at, json_choice, json_field, json_object, json_str, json_u32, unsigned,
)  # fmt: skip
from ..encoding import Encoding, RowLayout
from .base import PostProcessor, register

__all__ = [
    "TemplateProcessing", "Piece", "parse_template", "parse_special_tokens", "count_added",
    "pieces_to_json", "pieces_from_json", "special_tokens_to_json", "special_tokens_from_json",
    "rust_debug_template",
]  # fmt: skip

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
    raise ArgumentTypeError(f"Expected Union[str, List[str]] for a template, got {template!r:.60}")


def _special_token(item: Any) -> dict[str, Any]:
    """One ``special_tokens`` entry: ``(str, int)``, ``(int, str)`` or a dict."""
    if isinstance(item, tuple) and len(item) == 2:
        if isinstance(item[1], str) and not isinstance(item[0], str):
            item = (item[1], item[0])
        if isinstance(item[0], str) and isinstance(item[1], int):
            return {"id": item[0], "ids": [unsigned(item[1], "special token id", 2**32 - 1)], "tokens": [item[0]]}
    if isinstance(item, dict):
        for key in ("id", "ids", "tokens"):
            if key not in item:
                raise ConfigurationError(f"`{key}` must be specified for special token {item!r:.60}")
        ident, ids, tokens = item["id"], item["ids"], item["tokens"]
        if not isinstance(ident, str) or isinstance(ids, str) or isinstance(tokens, str):
            raise ArgumentTypeError(f"a special token dict needs id: str, ids: [int], tokens: [str]; got {item!r:.60}")
        ids = [unsigned(i, "special token id", 2**32 - 1) for i in ids]
        if not all(isinstance(t, str) for t in tokens):
            raise ArgumentTypeError(f"special token tokens must be strings, got {tokens!r:.60}")
        if len(ids) != len(tokens):
            raise ConfigurationError("SpecialToken: ids and tokens must be of the same length")
        return {"id": ident, "ids": ids, "tokens": list(tokens)}
    raise ArgumentTypeError(f"Expected Union[Tuple[str, int], Tuple[int, str], dict], got {item!r:.60}")


def parse_special_tokens(items: Any) -> dict[str, dict[str, Any]]:
    """``special_tokens`` argument -> ``{id: token}``; a later duplicate wins (HF)."""
    if isinstance(items, (str, dict)) or not hasattr(items, "__iter__"):
        raise ArgumentTypeError(f"special_tokens must be a list, got {type(items).__name__}")
    tokens = [_special_token(item) for item in items]
    return {token["id"]: token for token in tokens}


def count_added(template: list[Piece], specials: dict[str, dict[str, Any]]) -> int:
    """Number of ids the template's special pieces add (unknown ids count 0, like HF)."""
    return sum(len(specials[p[1]]["ids"]) for p in template if p[0] == "SpecialToken" and p[1] in specials)


def pieces_to_json(template: list[Piece]) -> list[dict[str, Any]]:
    return [{kind: {"id": ident, "type_id": type_id}} for kind, ident, type_id in template]


def pieces_from_json(data: Any) -> list[Piece]:
    """A template in JSON: an array of pieces, each read by :func:`_piece_from_json` (errors located)."""
    return json_array_of(lambda item, _name: _piece_from_json(item))(data, "template")


def _piece_from_json(item: Any) -> Piece:
    """``{"Sequence": {"id": "A", "type_id": 0}}`` or ``{"SpecialToken": {"id": s, "type_id": n}}``."""
    item = json_object(item)
    refuse_duplicates(item, "a template piece", ("Sequence", "SpecialToken"))
    if len(item) != 1 or next(iter(item)) not in ("Sequence", "SpecialToken"):
        raise SerializationError(
            f'expected a template piece, {{"Sequence": {{"id": "A"|"B", "type_id": n}}}} or '
            f'{{"SpecialToken": {{"id": str, "type_id": n}}}}, got {describe(item)} with keys {list(item)[:3]}'
        )
    ((kind, body),) = item.items()
    return json_at(kind, lambda body: _piece_body(kind, body), body)


def _piece_body(kind: str, body: Any) -> Piece:
    body = json_object(body)
    refuse_duplicates(body, f"a {kind} piece", ("id", "type_id"))
    read_id = _sequence_id if kind == "Sequence" else json_str
    return (kind, json_field(body, "id", read_id), json_field(body, "type_id", json_u32))


def _sequence_id(value: Any, name: str) -> str:
    return json_choice(value, ("A", "B"))


def special_tokens_to_json(specials: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Sorted by key, as HF writes them."""
    return {
        key: {"id": t["id"], "ids": list(t["ids"]), "tokens": list(t["tokens"])}
        for key, t in sorted(specials.items())
    }


def special_tokens_from_json(data: Any) -> dict[str, dict[str, Any]]:
    """The ``special_tokens`` object: key -> ``{"id": str, "ids": [u32], "tokens": [str]}`` (errors located)."""
    data = json_object(data)
    for key, replaced in getattr(data, "earlier", {}).items():  # HF reads a repeated key's every value
        for token in replaced:
            json_at(key, _special_token_json, token)
    return {key: json_at(key, _special_token_json, token) for key, token in data.items()}


def _special_token_json(token: Any) -> dict[str, Any]:
    token = json_object(token)
    refuse_duplicates(token, "a special token", ("id", "ids", "tokens"))
    return {
        "id": json_field(token, "id", json_str),
        "ids": json_field(token, "ids", json_array_of(json_u32)),
        "tokens": json_field(token, "tokens", json_array_of(json_str)),
    }


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


def _piece_struct(piece: Piece) -> Struct:
    kind, ident, type_id = piece
    return Struct(kind, [("id", Unit(ident) if kind == "Sequence" else ident), ("type_id", type_id)])


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
        """The single template, as HF shows it (Rust ``Debug``).

        >>> TemplateProcessing(single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 1), ("[SEP]", 2)]).single
        'Template([SpecialToken { id: "[CLS]", type_id: 0 }, Sequence { id: A, type_id: 0 }, SpecialToken { id: "[SEP]", type_id: 0 }])'
        """
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
        obj = cls.__new__(cls)
        # Loading checks nothing beyond the shapes (HF): missing specials fail at process time.
        obj._set(
            json_field(data, "single", lambda value, _name: pieces_from_json(value)),
            json_field(data, "pair", lambda value, _name: pieces_from_json(value)),
            json_field(data, "special_tokens", lambda value, _name: special_tokens_from_json(value)),
        )  # fmt: skip
        return obj

    def _as_struct(self) -> Struct:
        """What HF's serde_pyo3 prints (its ``repr``; ``str`` cuts lists past 5 items and long strings)."""
        specials = {key: Struct("SpecialToken", [("id", token["id"]), ("ids", token["ids"]), ("tokens", token["tokens"])])
                    for key, token in sorted(self._special_tokens.items())}
        return Struct("TemplateProcessing", [("single", [_piece_struct(p) for p in self._single]),
                                             ("pair", [_piece_struct(p) for p in self._pair]),
                                             ("special_tokens", specials)])

    def __repr__(self) -> str:
        return serde_repr(self._as_struct())

    def __str__(self) -> str:
        return serde_str(self._as_struct())

    def added_tokens(self, is_pair: bool) -> int:
        """How many special tokens the single or the pair template adds.

        >>> t = TemplateProcessing(single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        ...                        special_tokens=[("[CLS]", 1), ("[SEP]", 2)])
        >>> t.added_tokens(False), t.added_tokens(True)
        (2, 3)
        """
        return self._added_pair if is_pair else self._added_single

    def single_layout(self, add_special_tokens: bool) -> Optional[RowLayout]:
        """The single template as a ``RowLayout`` (None unless it uses ``$A`` exactly once and knows its specials).

        >>> t = TemplateProcessing("[CLS] $A [SEP]", special_tokens=[("[CLS]", 1), ("[SEP]", 2)])
        >>> t.single_layout(True), t.single_layout(False)
        (RowLayout(before=['[CLS]'], after=['[SEP]'], type_id=0, ranges=True), RowLayout(before=[], after=[], type_id=0, ranges=True))
        """
        if type(self).process_encodings is not TemplateProcessing.process_encodings:
            return None
        sequences = [piece for piece in self._single if piece[0] == "Sequence"]
        if len(sequences) != 1 or sequences[0][1] != "A":
            return None
        sides: tuple[list[tuple[int, str, int]], list[tuple[int, str, int]]] = ([], [])
        side = sides[0]
        for kind, ident, type_id in self._single:
            if kind == "Sequence":
                side = sides[1]
                continue
            token = self._special_tokens.get(ident)
            if token is None or len(token["ids"]) != len(token["tokens"]):
                return None  # process() raises its error, or lays out what it lays out
            if add_special_tokens:
                side.extend((i, t, type_id) for i, t in zip(token["ids"], token["tokens"]))
        return RowLayout(sides[0], sides[1], sequences[0][2], ranges=True)

    def process_encodings(self, encodings: list[Encoding], add_special_tokens: bool) -> list[Encoding]:
        """Lay out the pieces of the template: its special tokens and the sequences with their type ids.

        >>> t = TemplateProcessing(single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        ...                        special_tokens=[("[CLS]", 1), ("[SEP]", 2)])
        >>> t.process_owned([Encoding(ids=[7], tokens=["hi"]), Encoding(ids=[8], tokens=["yo"])]).type_ids
        [0, 0, 0, 1, 1]
        """
        if len(encodings) not in (1, 2):
            raise ConfigurationError(f"TemplateProcessing takes 1 or 2 encodings, got {len(encodings)}")
        template = self._pair if len(encodings) == 2 else self._single
        # A sequence used once is handed on as it is; only a repeated one ($A $A) needs copies.
        uses = [sum(1 for kind, ident, _ in template if kind == "Sequence" and ident == name) for name in "AB"]
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
                out.append(enc._copy() if uses[i] > 1 else enc)
            elif add_special_tokens:
                token = self._special_tokens.get(ident)
                if token is None:
                    raise ConfigurationError(f"special token {ident!r} of the template is not in special_tokens")
                out.append(Encoding._special(token["ids"], token["tokens"], type_id))
        return out
