"""Sequence components index, assign and expose their items like HF's (normalizers, pre-tokenizers,
processors, decoders), checked against the wheel."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import tokenizers as hf

import tokkit


def family(lib: Any, name: str) -> tuple[Any, Any, Any]:
    """(a 3-item Sequence, an item of the family, an item of another family)."""
    n, p, r = lib.normalizers, lib.pre_tokenizers, lib.processors
    return {
        "normalizers": (n.Sequence([n.Lowercase(), n.Strip(), n.Replace("a", "b")]), n.NFC(), p.Whitespace()),
        "pre_tokenizers": (p.Sequence([p.Whitespace(), p.Digits(), p.Metaspace()]), p.Punctuation(), n.NFC()),
        "processors": (r.Sequence([r.ByteLevel(), r.BertProcessing(("[SEP]", 1), ("[CLS]", 0)), r.ByteLevel()]),
                       r.ByteLevel(trim_offsets=False), n.NFC()),
    }[name]


def outcome(action: Callable[[], Any]) -> tuple[str, str]:
    try:
        return "ok", repr(action())
    except Exception as exc:  # the kind of error is what is compared
        kinds = [kind for kind in (IndexError, TypeError, NotImplementedError, OverflowError) if isinstance(exc, kind)]
        return "error", kinds[0].__name__ if kinds else "Exception"


FAMILIES = ["normalizers", "pre_tokenizers", "processors"]
ACTIONS: dict[str, Callable[[Any, Any, Any], Any]] = {
    "get 0": lambda s, good, bad: s[0],
    "get 2": lambda s, good, bad: s[2],
    "get 3": lambda s, good, bad: s[3],
    "get str": lambda s, good, bad: s["a"],
    "get slice": lambda s, good, bad: s[0:1],
    "iterate": lambda s, good, bad: list(s),
    "set 1": lambda s, good, bad: (s.__setitem__(1, good), s[1], repr(s))[1:],
    "set 3": lambda s, good, bad: s.__setitem__(3, good),
    "set other family": lambda s, good, bad: s.__setitem__(0, bad),
    "set str": lambda s, good, bad: s.__setitem__(0, "x"),
    "set sequence": lambda s, good, bad: s.__setitem__(0, type(s)([good])),
    "delete": lambda s, good, bad: s.__delitem__(0),
}


@pytest.mark.parametrize("name", FAMILIES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_items_like_hf(name: str, action: str) -> None:
    results = [outcome(lambda: ACTIONS[action](*family(lib, name))) for lib in (hf, tokkit)]
    assert results[0] == results[1]


@pytest.mark.parametrize("name", FAMILIES)
def test_len_like_hf(name: str) -> None:
    # HF: only normalizers.Sequence has a length.
    for lib_seq, hf_seq in [(family(tokkit, name)[0], family(hf, name)[0])]:
        assert outcome(lambda: len(lib_seq)) == outcome(lambda: len(hf_seq))


@pytest.mark.parametrize("name", FAMILIES)
def test_negative_indexes_count_from_the_end(name: str) -> None:
    # Deliberate difference (README): HF raises OverflowError for any negative index.
    ours, theirs = family(tokkit, name)[0], family(hf, name)[0]
    with pytest.raises(OverflowError):
        theirs[-1]
    assert repr(ours[-1]) == repr(theirs[2])
    ours[-3] = family(tokkit, name)[1]
    assert repr(ours[0]) == repr(family(hf, name)[1])
    with pytest.raises(IndexError):
        ours[-4]


def test_decoders_sequence_has_no_items_like_hf() -> None:
    for lib in (hf, tokkit):
        seq = lib.decoders.Sequence([lib.decoders.ByteLevel(), lib.decoders.Fuse()])
        with pytest.raises(TypeError):
            seq[0]
        with pytest.raises(TypeError):
            seq[0] = lib.decoders.Fuse()


def test_item_setters_change_the_sequence_like_hf() -> None:
    results = []
    for lib in (hf, tokkit):
        n, p, r = lib.normalizers, lib.pre_tokenizers, lib.processors
        norm = n.Sequence([n.BertNormalizer(lowercase=True), n.Strip(), n.Prepend("_")])
        norm[0].lowercase = False
        norm[1].left = False
        norm[2].prepend = "@"
        pre = p.Sequence([p.Split("-", "removed"), p.Digits(), p.Punctuation()])
        pre[0].behavior = "isolated"
        pre[0].invert = False
        pre[1].individual_digits = True
        pre[2].behavior = "merged_with_next"
        proc = r.Sequence([r.ByteLevel(), r.ByteLevel()])
        proc[1].trim_offsets = False
        proc[0] = r.ByteLevel(add_prefix_space=False)
        tok = lib.Tokenizer(lib.models.WordLevel({"[UNK]": 0}, unk_token="[UNK]"))
        tok.normalizer, tok.pre_tokenizer, tok.post_processor = norm, pre, proc
        encoding = tok.encode("  HeLLo-12 wor,ld ")
        results.append((norm.normalize_str("  HeLLo  "), pre.pre_tokenize_str("a-12,b"), repr(norm), repr(pre),
                        repr(proc), encoding.tokens, encoding.offsets, proc.__getstate__()))
    assert results[0] == results[1]


def test_replace_and_split_patterns_are_hidden_like_hf() -> None:
    for lib in (hf, tokkit):
        replace, split = lib.normalizers.Replace("a", "b"), lib.pre_tokenizers.Split("a", "removed")
        for component in (replace, split):
            with pytest.raises(Exception, match="Cannot get pattern"):
                component.pattern  # noqa: B018
            with pytest.raises(Exception, match="Cannot set pattern"):
                component.pattern = "x"
        replace.content = "c"
        assert replace.normalize_str("banana") == "bcncnc"
