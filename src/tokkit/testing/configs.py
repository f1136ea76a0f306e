"""Hypothesis strategies for tokenizer configurations: components and whole tokenizer.json documents.

Every strategy draws a JSON dict in HF's layout (``{"type": "NFC"}``...) that both
tokkit and HF ``tokenizers`` 0.23.3 load.  The models' vocabularies are built over
``ALPHABET`` (letters, digits, punctuation, an accent, CJK, ``▁`` and ``Ġ``) plus
``SPECIALS``, so text from ``strategies.texts()`` meets both known pieces and
unknown chars.  Deterministic only: no BPE dropout.

>>> from hypothesis import find
>>> find(normalizers(), lambda n: n["type"] == "Sequence")
{'type': 'Sequence', 'normalizers': []}
"""

from __future__ import annotations

import json
from typing import Any, Mapping, Optional

from ._extras import MissingExtraError

try:
    from hypothesis import strategies as st
except ImportError as error:  # the extra is missing: say which one installs it
    raise MissingExtraError.for_module("hypothesis") from error

__all__ = [
    "ALPHABET", "SPECIALS", "ADDED_CONTENTS", "normalizers", "pre_tokenizers", "models", "post_processors", "decoders", "tokenizers",
    "tokenizer_jsons",
]  # fmt: skip

Json = dict[str, Any]
#: The chars model vocabularies are built from.
ALPHABET = "abcdehilnorstuwé中文0123456789.,!'-▁Ġ"
#: The ordinary added tokens drawn: in the vocab or not, with spaces, a mark, a special-token look-alike.
ADDED_CONTENTS = ("<x>", "ab", " wo", "中", "[mask]", "e\u0301")
#: Special tokens every drawn model has, with their ids.
SPECIALS: Mapping[str, int] = {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "[PAD]": 3}

_booleans = st.booleans()
_SPLIT_BEHAVIORS = ("Removed", "Isolated", "MergedWithPrevious", "MergedWithNext", "Contiguous")
_STRINGS = (" ", "a", "é", "  ", "▁", "!", "ab")
_REGEXES = (r"\s+", " {2,}", r"[0-9]", r"\p{P}", r"\p{L}+", "a|e")
_CONTENTS = ("", " ", "▁", "X", "ab")
_patterns = st.one_of(
    st.sampled_from(_STRINGS).map(lambda s: {"String": s}), st.sampled_from(_REGEXES).map(lambda r: {"Regex": r})
)
_replaces = st.fixed_dictionaries({"type": st.just("Replace"), "pattern": _patterns,
                                   "content": st.sampled_from(_CONTENTS)})  # fmt: skip


def _sequence(kind: str, key: str, leaf: st.SearchStrategy[Json], max_size: int) -> st.SearchStrategy[Json]:
    """``leaf``, or a Sequence component of up to ``max_size`` leaves."""
    return st.one_of(leaf, st.lists(leaf, max_size=max_size).map(lambda items: {"type": kind, key: items}))


def _normalizer_leaves() -> st.SearchStrategy[Json]:
    simple = ("NFC", "NFD", "NFKC", "NFKD", "Lowercase", "Nmt", "StripAccents", "ByteLevel")
    return st.one_of(
        st.sampled_from(simple).map(lambda name: {"type": name}),
        st.fixed_dictionaries({"type": st.just("BertNormalizer"), "clean_text": _booleans,
                               "handle_chinese_chars": _booleans, "strip_accents": st.sampled_from([None, True, False]),
                               "lowercase": _booleans}),  # fmt: skip
        st.fixed_dictionaries({"type": st.just("Strip"), "strip_left": _booleans, "strip_right": _booleans}),
        _replaces,
        st.fixed_dictionaries({"type": st.just("Prepend"), "prepend": st.sampled_from(("▁", "x", " "))}),
    )


def normalizers(max_size: int = 3) -> st.SearchStrategy[Json]:
    """A normalizer's JSON: one of HF's normalizers (Precompiled aside), or a Sequence of up to ``max_size``."""
    return _sequence("Sequence", "normalizers", _normalizer_leaves(), max_size)


def _pre_tokenizer_leaves() -> st.SearchStrategy[Json]:
    simple = ("Whitespace", "WhitespaceSplit", "BertPreTokenizer", "UnicodeScripts")
    behaviors = st.sampled_from(_SPLIT_BEHAVIORS)
    return st.one_of(
        st.sampled_from(simple).map(lambda name: {"type": name}),
        st.fixed_dictionaries({"type": st.just("Punctuation"), "behavior": behaviors}),
        st.fixed_dictionaries({"type": st.just("Digits"), "individual_digits": _booleans}),
        st.fixed_dictionaries({"type": st.just("CharDelimiterSplit"), "delimiter": st.sampled_from(" a▁-")}),
        st.fixed_dictionaries({"type": st.just("Split"), "pattern": _patterns, "behavior": behaviors,
                               "invert": _booleans}),  # fmt: skip
        st.fixed_dictionaries({"type": st.just("ByteLevel"), "add_prefix_space": _booleans,
                               "trim_offsets": _booleans, "use_regex": _booleans}),  # fmt: skip
        st.fixed_dictionaries({"type": st.just("Metaspace"), "replacement": st.sampled_from("▁_"),
                               "prepend_scheme": st.sampled_from(("always", "never", "first")),
                               "split": _booleans}),  # fmt: skip
        st.fixed_dictionaries({"type": st.just("FixedLength"), "length": st.integers(1, 5)}),
    )


def pre_tokenizers(max_size: int = 3) -> st.SearchStrategy[Json]:
    """A pre-tokenizer's JSON: one of HF's pre-tokenizers, or a Sequence of up to ``max_size``."""
    return _sequence("Sequence", "pretokenizers", _pre_tokenizer_leaves(), max_size)


def _pieces(max_pieces: int) -> st.SearchStrategy[list[str]]:
    """Distinct multi-char pieces over ``ALPHABET``."""
    piece = st.text(st.sampled_from(list(ALPHABET)), min_size=2, max_size=5)
    return st.lists(piece, max_size=max_pieces, unique=True)


def _vocab(tokens: list[str]) -> dict[str, int]:
    """Ids in order of first appearance, after the specials."""
    vocab = dict(SPECIALS)
    for token in tokens:
        vocab.setdefault(token, len(vocab))
    return vocab


@st.composite
def _bpe(draw: st.DrawFn, max_merges: int = 40) -> Json:
    prefix = draw(st.sampled_from([None, "##"]))
    suffix = draw(st.sampled_from([None, "</w>"]))
    tokens = list(ALPHABET) + [f"{prefix}{c}" for c in ALPHABET if prefix]
    tokens += [f"{c}{suffix}" for c in ALPHABET if suffix]
    tokens += draw(st.sampled_from([[], [f"<0x{b:02X}>" for b in range(256)]]))  # byte_fallback's tokens, or none
    merges: list[list[str]] = []
    picks = draw(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)), max_size=max_merges))
    for i, j in picks:  # each merge joins two tokens of the vocabulary so far: the merges stay consistent
        # HF builds a merge's token as a + b without b's prefix, so with a prefix b must carry it
        seconds = [t for t in tokens if t.startswith(prefix)] if prefix else tokens
        a, b = tokens[i % len(tokens)], seconds[j % len(seconds)]
        merged = a + b[len(prefix or ""):]
        if merged not in tokens and not b.startswith("<0x") and not a.startswith("<0x"):
            merges.append([a, b])
            tokens.append(merged)
    return {
        "type": "BPE", "dropout": None, "unk_token": draw(st.sampled_from([None, "[UNK]"])),
        "continuing_subword_prefix": prefix, "end_of_word_suffix": suffix, "fuse_unk": draw(_booleans),
        "byte_fallback": draw(_booleans), "ignore_merges": draw(_booleans), "vocab": _vocab(tokens), "merges": merges,
    }  # fmt: skip


@st.composite
def _wordpiece(draw: st.DrawFn, max_pieces: int = 40) -> Json:
    pieces = draw(_pieces(max_pieces))
    continuing = [f"##{p}" for p in pieces[::2]]
    vocab = _vocab(list(ALPHABET) + [f"##{c}" for c in ALPHABET] + pieces + continuing)
    return {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
            "max_input_chars_per_word": draw(st.sampled_from([100, 6])), "vocab": vocab}  # fmt: skip


@st.composite
def _wordlevel(draw: st.DrawFn, max_pieces: int = 40) -> Json:
    return {"type": "WordLevel", "vocab": _vocab(list(ALPHABET) + draw(_pieces(max_pieces))), "unk_token": "[UNK]"}


@st.composite
def _unigram(draw: st.DrawFn, max_pieces: int = 40) -> Json:
    tokens = list(_vocab(list(ALPHABET) + draw(_pieces(max_pieces))))
    # scores in quarters: exact in binary, so every library writes them back the same
    scores = draw(st.lists(st.integers(1, 60), min_size=len(tokens), max_size=len(tokens)))
    vocab = [[token, 0.0 if token in SPECIALS else -score / 4] for token, score in zip(tokens, scores)]
    return {"type": "Unigram", "unk_id": 0, "vocab": vocab, "byte_fallback": draw(_booleans)}


def models(kind: Optional[str] = None) -> st.SearchStrategy[Json]:
    """A model's JSON (``kind``: "BPE", "WordPiece", "WordLevel", "Unigram", or any), vocab over ``ALPHABET``."""
    builders = {"BPE": _bpe(), "WordPiece": _wordpiece(), "WordLevel": _wordlevel(), "Unigram": _unigram()}
    return builders[kind] if kind is not None else st.one_of(*builders.values())


_TEMPLATES = (
    ("[CLS]:0 $A:0 [SEP]:0", "[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1"),
    ("$A [SEP]", "$A [SEP] $B:1 [SEP]:1"),
    ("[CLS] $0", "[CLS] $0 [SEP] $1 [CLS]:1"),
)


def _template_piece(piece: str) -> Json:
    """``"[CLS]:1"`` / ``"$B:1"`` -> the JSON HF writes for that piece of a template."""
    name, _, type_id = piece.partition(":")
    type_id_value = int(type_id or 0)
    if name.startswith("$"):
        sequence = {"0": "A", "1": "B"}.get(name[1:], name[1:] or "A")
        return {"Sequence": {"id": sequence, "type_id": type_id_value}}
    return {"SpecialToken": {"id": name, "type_id": type_id_value}}


def _template(single: str, pair: str) -> Json:
    used = {p.partition(":")[0] for p in (single + " " + pair).split() if not p.startswith("$")}
    specials = {t: {"id": t, "ids": [SPECIALS[t]], "tokens": [t]} for t in sorted(used)}
    return {"type": "TemplateProcessing", "single": [_template_piece(p) for p in single.split()],
            "pair": [_template_piece(p) for p in pair.split()], "special_tokens": specials}  # fmt: skip


def _post_processor_leaves() -> st.SearchStrategy[Json]:
    sep, cls = ["[SEP]", SPECIALS["[SEP]"]], ["[CLS]", SPECIALS["[CLS]"]]
    return st.one_of(
        st.just({"type": "BertProcessing", "sep": sep, "cls": cls}),
        st.fixed_dictionaries({"type": st.just("RobertaProcessing"), "sep": st.just(sep), "cls": st.just(cls),
                               "trim_offsets": _booleans, "add_prefix_space": _booleans}),  # fmt: skip
        st.fixed_dictionaries({"type": st.just("ByteLevel"), "add_prefix_space": _booleans,
                               "trim_offsets": _booleans, "use_regex": _booleans}),  # fmt: skip
        st.sampled_from(_TEMPLATES).map(lambda t: _template(*t)),
    )


def post_processors(max_size: int = 2) -> st.SearchStrategy[Json]:
    """A post-processor's JSON (its special tokens those of ``SPECIALS``), or a Sequence of up to ``max_size``."""
    return _sequence("Sequence", "processors", _post_processor_leaves(), max_size)


def _decoder_leaves() -> st.SearchStrategy[Json]:
    return st.one_of(
        st.sampled_from(("ByteFallback", "Fuse")).map(lambda name: {"type": name}),
        st.fixed_dictionaries({"type": st.just("BPEDecoder"), "suffix": st.sampled_from(("</w>", ""))}),
        st.fixed_dictionaries({"type": st.just("ByteLevel"), "add_prefix_space": _booleans,
                               "trim_offsets": _booleans, "use_regex": _booleans}),  # fmt: skip
        st.fixed_dictionaries({"type": st.just("WordPiece"), "prefix": st.just("##"), "cleanup": _booleans}),
        st.fixed_dictionaries({"type": st.just("Metaspace"), "replacement": st.sampled_from("▁_"),
                               "prepend_scheme": st.sampled_from(("always", "never", "first")),
                               "split": _booleans}),  # fmt: skip
        st.fixed_dictionaries({"type": st.just("CTC"), "pad_token": st.just("[PAD]"),
                               "word_delimiter_token": st.sampled_from(("|", "▁")),
                               "cleanup": _booleans}),  # fmt: skip
        _replaces,
        st.fixed_dictionaries({"type": st.just("Strip"), "content": st.sampled_from(" ▁"), "start": st.integers(0, 2),
                               "stop": st.integers(0, 2)}),  # fmt: skip
    )


def decoders(max_size: int = 3) -> st.SearchStrategy[Json]:
    """A decoder's JSON: one of HF's decoders, or a Sequence of up to ``max_size``."""
    return _sequence("Sequence", "decoders", _decoder_leaves(), max_size)


def _added_token(content: str, token_id: int, special: bool, flags: tuple[bool, bool, bool, bool]) -> Json:
    single_word, lstrip, rstrip, normalized = flags
    return {"id": token_id, "content": content, "single_word": single_word, "lstrip": lstrip, "rstrip": rstrip,
            "normalized": normalized, "special": special}  # fmt: skip


@st.composite
def _added_tokens(draw: st.DrawFn, model: Json) -> list[Json]:
    """The specials (as HF writes them), then up to three ordinary added tokens after the model's vocab."""
    flags = st.tuples(_booleans, _booleans, _booleans, _booleans)
    added = [_added_token(t, i, True, (False, False, False, False)) for t, i in SPECIALS.items()]
    vocab = model["vocab"]
    ids = dict(vocab) if isinstance(vocab, dict) else {piece: i for i, (piece, _) in enumerate(vocab)}
    contents = draw(st.lists(st.sampled_from(ADDED_CONTENTS), max_size=3, unique=True))
    for content in contents:  # a token of the model keeps its id, as in every file HF writes
        ids.setdefault(content, len(ids))
    return added + [_added_token(c, ids[c], False, draw(flags)) for c in contents]


def _truncation() -> st.SearchStrategy[Optional[Json]]:
    return st.one_of(st.none(), st.fixed_dictionaries({
        "direction": st.sampled_from(("Right", "Left")), "max_length": st.integers(4, 16),
        "strategy": st.sampled_from(("LongestFirst", "OnlyFirst", "OnlySecond")), "stride": st.integers(0, 2),
    }))  # fmt: skip


def _padding() -> st.SearchStrategy[Optional[Json]]:
    strategy = st.one_of(st.just("BatchLongest"), st.integers(4, 20).map(lambda n: {"Fixed": n}))
    return st.one_of(st.none(), st.fixed_dictionaries({
        "strategy": strategy, "direction": st.sampled_from(("Right", "Left")),
        "pad_to_multiple_of": st.sampled_from((None, 8)), "pad_id": st.just(SPECIALS["[PAD]"]),
        "pad_type_id": st.just(0), "pad_token": st.just("[PAD]"),
    }))  # fmt: skip


@st.composite
def tokenizers(draw: st.DrawFn, model: Optional[str] = None) -> Json:
    """A whole tokenizer.json document: a model (of kind ``model``, or any), each other section drawn or null.

    >>> from hypothesis import find
    >>> sorted(find(tokenizers(), lambda doc: True))[:3]
    ['added_tokens', 'decoder', 'model']
    """
    model_json = draw(models(model))
    return {
        "version": "1.0", "truncation": draw(_truncation()), "padding": draw(_padding()),
        "added_tokens": draw(_added_tokens(model_json)), "normalizer": draw(st.none() | normalizers()),
        "pre_tokenizer": draw(st.none() | pre_tokenizers()), "post_processor": draw(st.none() | post_processors()),
        "decoder": draw(st.none() | decoders()), "model": model_json,
    }  # fmt: skip


def tokenizer_jsons(model: Optional[str] = None) -> st.SearchStrategy[str]:
    """:func:`tokenizers`, as the JSON text ``Tokenizer.from_str`` reads."""
    return tokenizers(model).map(lambda doc: json.dumps(doc, ensure_ascii=False))
