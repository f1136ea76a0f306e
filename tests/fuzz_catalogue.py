"""What the file fuzzer (``fuzz_files``) draws from: values, literals, components, and the shrunk real files."""

from __future__ import annotations

import base64
from typing import Any

# Values a field may be retyped to: every JSON type, edges of u32/u64/i64, and ones serde refuses.
VALUES: tuple[Any, ...] = (
    None, True, False, 0, 1, -1, 2, 5, 1.0, 0.5, -0.0, "", "no", "x", "▁", "Right", [], {}, [1], ["a", "b"], {"a": 1},
    {"String": " "}, 2**32 - 1, 2**32, 2**64 - 1, 2**63, -(2**63), 10**30, 1e30, 1.5e308,
)

#: JSON number literals, some of which Python's json reads and serde_json refuses.
NUMBER_LITERALS: tuple[str, ...] = (
    "9" * 19, "9" * 20, "9" * 21, "9" * 300, "9" * 308, "9" * 309, "9" * 400, "9" * 5000, "-" + "9" * 5000,
    "1e400", "-1e400", "1e-400", "NaN", "-NaN", "Infinity", "-Infinity", "-0", "-0.0", "1.0", "0.5", "1e3",
    "1E2", "2.5e-5", "4294967295", "4294967296", "18446744073709551615", "18446744073709551616",
    "-9223372036854775808", "-9223372036854775809", "0", "3", "100", "-1", "01", "1.", "+1",
)

#: JSON string literals with surrogate escapes: lone ones are refused by serde_json, pairs are fine.
SURROGATE_LITERALS: tuple[str, ...] = (
    '"\\ud800"', '"\\uD800"', '"\\udc00"', '"a\\ud83db"', '"\\ud83d\\ude00"', '"\\ud83d\\ud83d\\ude00"',
    '"\\ude00\\ud83d"', '"\\\\ud800"', '"\\\\\\ud800"', '"x\\uDBFF\\uDFFF"',
)

#: Enum and type names of every family, with near misses.
ENUM_WORDS: tuple[str, ...] = (
    "Left", "Right", "left", "right", "LongestFirst", "OnlyFirst", "OnlySecond", "longest_first", "BatchLongest",
    "Fixed", "Removed", "Isolated", "MergedWithPrevious", "MergedWithNext", "Contiguous", "isolated", "first",
    "never", "always", "First", "A", "B", "C", "String", "Regex", "BPE", "WordPiece", "WordLevel", "Unigram",
    "Sequence", "ByteLevel", "Metaspace", "1.0", "1.1", "2.0", "", " ", "▁", "##", "[UNK]", "<unk>",
)

#: Strings for contents and tokens.
STRINGS: tuple[str, ...] = (
    "", " ", "x", "ab", "<x>", "[CLS]", "<s>", "</s>", "<unk>", "[UNK]", "▁", "Ġ", "##", "hello", "Hello", "world",
    " world", "é", "日本", "😀", "<|endoftext|>", "a b", "\n", "\t", "  ", "</w>", "[PAD]", "ok",
)

#: Model options of every kind, and values of the right type for each (dropout only 0 or 1: deterministic).
OPTION_VALUES: dict[str, tuple[Any, ...]] = {
    "dropout": (0, 0.0, 1, 1.0, 1.5, -0.1), "unk_token": ("<unk>", "[UNK]", "a", "", "<s>"),
    "continuing_subword_prefix": ("##", "", "a"), "end_of_word_suffix": ("</w>", "", "a"),
    "fuse_unk": (True, False), "byte_fallback": (True, False), "ignore_merges": (True, False),
    "max_input_chars_per_word": (0, 1, 5, 100, 2**64 - 1, 2**64), "unk_id": (0, 1, 2, 399, 400, 10**6),
}
MODEL_OPTIONS = tuple(OPTION_VALUES)

_SPECIALS = {"[CLS]": {"id": "[CLS]", "ids": [1], "tokens": ["[CLS]"]},
             "[SEP]": {"id": "[SEP]", "ids": [2], "tokens": ["[SEP]"]}}
_TEMPLATE_SINGLE = [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                    {"SpecialToken": {"id": "[SEP]", "type_id": 0}}]
_TEMPLATE_PAIR = _TEMPLATE_SINGLE + [{"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}}]

#: A valid JSON of each component (and truncation/padding), to put in a section or a Sequence.
CATALOGUE: dict[str, list[Any]] = {
    "normalizer": [
        {"type": "NFC"}, {"type": "NFD"}, {"type": "NFKC"}, {"type": "NFKD"}, {"type": "Lowercase"}, {"type": "Nmt"},
        {"type": "StripAccents"}, {"type": "Strip", "strip_left": True, "strip_right": False},
        {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}, {"type": "Prepend", "prepend": "▁"},
        {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True, "strip_accents": None,
         "lowercase": True},
        {"type": "ByteLevel"}, {"type": "Sequence", "normalizers": [{"type": "NFKC"}, {"type": "Lowercase"}]},
        {"type": "Replace", "pattern": {"Regex": "\\s+"}, "content": " "},
    ],
    "pre_tokenizer": [
        {"type": "Whitespace"}, {"type": "WhitespaceSplit"}, {"type": "BertPreTokenizer"},
        {"type": "Punctuation", "behavior": "Isolated"}, {"type": "Digits", "individual_digits": True},
        {"type": "CharDelimiterSplit", "delimiter": " "},
        {"type": "Split", "pattern": {"String": " "}, "behavior": "MergedWithNext", "invert": False},
        {"type": "Split", "pattern": {"Regex": "\\d+|[a-z]+"}, "behavior": "Isolated", "invert": True},
        {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": True},
        {"type": "UnicodeScripts"}, {"type": "FixedLength", "length": 3},
        {"type": "Sequence", "pretokenizers": [{"type": "WhitespaceSplit"}, {"type": "Digits",
                                                                             "individual_digits": False}]},
    ],
    "decoder": [
        {"type": "BPEDecoder", "suffix": "</w>"}, {"type": "ByteLevel", "add_prefix_space": True,
                                                   "trim_offsets": True, "use_regex": True},
        {"type": "WordPiece", "prefix": "##", "cleanup": True},
        {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": True},
        {"type": "CTC", "pad_token": "<pad>", "word_delimiter_token": "|", "cleanup": True},
        {"type": "Replace", "pattern": {"String": "▁"}, "content": " "}, {"type": "ByteFallback"}, {"type": "Fuse"},
        {"type": "Strip", "content": " ", "start": 1, "stop": 0},
        {"type": "Sequence", "decoders": [{"type": "ByteFallback"}, {"type": "Fuse"}]},
    ],
    "post_processor": [
        {"type": "BertProcessing", "sep": ["[SEP]", 2], "cls": ["[CLS]", 1]},
        {"type": "RobertaProcessing", "sep": ["</s>", 2], "cls": ["<s>", 0], "trim_offsets": True,
         "add_prefix_space": True},
        {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        {"type": "TemplateProcessing", "single": _TEMPLATE_SINGLE, "pair": _TEMPLATE_PAIR, "special_tokens": _SPECIALS},
        {"type": "Sequence", "processors": [{"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
                                             "use_regex": True}]},
    ],
    "truncation": [
        {"direction": "Right", "max_length": 5, "strategy": "LongestFirst", "stride": 0},
        {"direction": "Left", "max_length": 3, "strategy": "OnlyFirst", "stride": 1},
        {"max_length": 8, "strategy": "OnlySecond", "stride": 0},
    ],
    "padding": [
        {"strategy": "BatchLongest", "direction": "Right", "pad_to_multiple_of": None, "pad_id": 0, "pad_type_id": 0,
         "pad_token": "[PAD]"},
        {"strategy": {"Fixed": 12}, "direction": "Left", "pad_to_multiple_of": 4, "pad_id": 3, "pad_type_id": 1,
         "pad_token": "<pad>"},
    ],
}


def regex_patterns() -> tuple[str, ...]:
    """Split/Replace patterns, some of which are huge or catastrophic (only run them once regexes are bounded)."""
    return ("\\s+", "a|b", "(?i)hello", "\\p{L}+", "[", "(", "a{2,1}", "\\", "a{99999999}", "(a|a)*$", "(a*)*b",
            "(?<=a)b", "\\Ga", "x{1000}{1000}", "(?:a+)+$", "((a{1,100}){1,100}){1,100}", "\\k<x>")


# -- the shrunk real files -----------------------------------------------------------------
_KEEP_CHARS = set(map(chr, range(0x20, 0x250))) | set("▁Ġ日本語のテキストです😀")


def shrink(name: str, doc: dict[str, Any]) -> dict[str, Any]:
    """A copy of a real tokenizer.json with a few hundred vocab entries (same components, consistent merges)."""
    doc = dict(doc)
    model = dict(doc["model"])
    if "merges" in model:
        _shrink_bpe(model)
    elif isinstance(model.get("vocab"), list):
        model["vocab"] = model["vocab"][:400]
        doc["added_tokens"] = doc["added_tokens"][:12]
    else:
        model["vocab"] = {t: i for t, i in model["vocab"].items()
                          if i <= 103 or 999 <= i <= 2300 or (t.startswith("##") and len(t) == 3)}
    doc["model"] = model
    if doc.get("normalizer", {}) and doc["normalizer"].get("type") == "Precompiled":
        doc["normalizer"] = {"type": "Precompiled", "precompiled_charsmap": _small_charsmap(
            doc["normalizer"]["precompiled_charsmap"])}
    return doc


def _shrink_bpe(model: dict[str, Any], merges_kept: int = 300) -> None:
    vocab: dict[str, int] = model["vocab"]
    base = max((i for t, i in vocab.items() if t.startswith("<0x") or i < 256), default=255)
    kept = {t for t, i in vocab.items() if i <= base or (len(t) == 1 and t in _KEEP_CHARS)}
    merges = []
    for merge in model["merges"]:
        a, b = merge.split(" ") if isinstance(merge, str) else merge
        if a in kept and b in kept and a + b in vocab:
            kept.add(a + b)
            merges.append(merge)
            if len(merges) == merges_kept:
                break
    model["vocab"] = {t: i for t, i in vocab.items() if t in kept}
    model["merges"] = merges


def _small_charsmap(text: str, per_kind: int = 10) -> str:
    """A charsmap holding some of the real one's one-char rules: controls, Latin-1, spaces, fullwidth forms.

    Few rules, as the test builder spends a 1 KB block per trie node.
    """
    from tokkit._unicode.charsmap import CharsMap
    from tokkit._unicode.charsmap_build import build_blob

    charsmap = CharsMap(base64.b64decode(text))
    kinds: dict[str, dict[bytes, str]] = {"control": {}, "latin": {}, "space": {}, "fullwidth": {}}
    for key, offset in sorted(charsmap.entries().items()):
        try:
            char = key.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(char) != 1:
            continue
        kind = ("control" if ord(char) < 0x20 else "space" if char.isspace() else "latin" if ord(char) < 0x250
                else "fullwidth" if 0xFF00 <= ord(char) <= 0xFF5F else None)
        if kind is not None and len(kinds[kind]) < per_kind:
            kinds[kind][key] = charsmap.replacement(offset)
    rules = {key: out for group in kinds.values() for key, out in group.items()}
    return base64.b64encode(build_blob(rules)).decode("ascii")
