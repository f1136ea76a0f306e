"""A tiktoken encoding as a tokkit :class:`~tokkit.Tokenizer` with tiktoken's ids.

tiktoken splits text with its pattern, then byte-pair-merges each piece: a piece that
is a token whole is that token, otherwise its bytes merge, lowest-ranked union first.
In HF's terms: a ``Split`` (the pattern, isolated) then a ``ByteLevel`` pre-tokenizer
without its own regex (bytes as HF's byte-level chars), and a BPE with
``ignore_merges`` (the whole-piece lookup) whose merges are every split of a token
into two tokens, ranked by the token's rank.  Special tokens are special added tokens
with tiktoken's ids.

What ``encode`` does with special tokens: it always recognizes them, as
``tiktoken.Encoding.encode(text, allowed_special="all")`` does.  tiktoken's default
``encode`` raises on them and ``encode_ordinary`` encodes them as plain text: on text
without special tokens all three agree.

The pattern is tiktoken's (Rust ``fancy-regex``) syntax; it is carried over to HF's
Oniguruma syntax where they differ: a possessive interval ``X{1,3}+`` becomes the
atomic ``(?>X{1,3})`` (Oniguruma's Ruby syntax would read ``{1,3}+`` as a repeat),
and ``$`` is the end of the text (Oniguruma's ``$`` also matches before each newline).
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

import regex

from .. import decoders, pre_tokenizers
from .._errors import ConfigurationError
from .._unicode import bytes_to_unicode
from .._unicode.oniguruma import Regex
from ..added_tokens import AddedToken
from ..models import BPE
from ..tokenizer import Tokenizer

__all__ = ["from_tiktoken", "oniguruma_pattern", "byte_merges", "PATTERNS", "SPECIAL_TOKENS"]

_R50K = r"""'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s"""
_CL100K = (r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$"""
           r"""|\s*[\r\n]|\s+(?!\S)|\s""")
_O200K = "|".join([
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""\p{N}{1,3}""", r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""", r"""\s*[\r\n]+""", r"""\s+(?!\S)""", r"""\s+""",
])
#: The split patterns of OpenAI's public encodings (tiktoken_ext.openai_public), by name.
PATTERNS: dict[str, str] = {"gpt2": _R50K, "r50k_base": _R50K, "p50k_base": _R50K, "p50k_edit": _R50K,
                            "cl100k_base": _CL100K, "o200k_base": _O200K}
_ENDOFTEXT, _ENDOFPROMPT = "<|endoftext|>", "<|endofprompt|>"
_FIM = {"<|fim_prefix|>": 0, "<|fim_middle|>": 1, "<|fim_suffix|>": 2}
#: Their special tokens, by name.
SPECIAL_TOKENS: dict[str, dict[str, int]] = {
    "gpt2": {_ENDOFTEXT: 50256}, "r50k_base": {_ENDOFTEXT: 50256}, "p50k_base": {_ENDOFTEXT: 50256},
    "p50k_edit": {_ENDOFTEXT: 50256, **{name: 50281 + i for name, i in _FIM.items()}},
    "cl100k_base": {_ENDOFTEXT: 100257, **{name: 100258 + i for name, i in _FIM.items()}, _ENDOFPROMPT: 100276},
    "o200k_base": {_ENDOFTEXT: 199999, _ENDOFPROMPT: 200018},
}
_BYTE_CHARS = bytes_to_unicode()


def from_tiktoken(
    encoding: Any = None,
    *,
    mergeable_ranks: Optional[Mapping[bytes, int]] = None,
    pattern: Optional[str] = None,
    special_tokens: Optional[Mapping[str, int]] = None,
) -> Tokenizer:
    """The tokenizer of a ``tiktoken.Encoding``, or of its mergeable ranks, pattern and special tokens.

    No network: pass an encoding you have built or loaded, or the ranks themselves
    (``tiktoken.load.load_tiktoken_bpe`` reads a ``.tiktoken`` file).  ``encode`` gives
    ``tiktoken.Encoding.encode(text, allowed_special="all")``'s ids.

    >>> ranks = {bytes([b]): b for b in range(256)} | {b"ab": 256, b"abc": 257}
    >>> tokenizer = from_tiktoken(mergeable_ranks=ranks, pattern=r"\\w+|\\s+", special_tokens={"<|end|>": 300})
    >>> tokenizer.encode("abc ab<|end|>").ids
    [257, 32, 256, 300]
    """
    if encoding is not None:
        if mergeable_ranks is not None or pattern is not None or special_tokens is not None:
            raise ConfigurationError("from_tiktoken takes an encoding, or mergeable_ranks with pattern and "
                                     "special_tokens, not both")
        mergeable_ranks = encoding._mergeable_ranks  # tiktoken keeps them under this name only
        pattern, special_tokens = encoding._pat_str, encoding._special_tokens
    if mergeable_ranks is None or pattern is None:
        raise ConfigurationError("from_tiktoken needs a tiktoken.Encoding, or mergeable_ranks and pattern "
                                 "(the split regex; tokkit.converters.tiktoken.PATTERNS has OpenAI's by name)")
    specials = dict(special_tokens or {})
    vocab = {_as_chars(token): rank for token, rank in mergeable_ranks.items()}
    _check_ids(vocab, specials)
    vocab.update(specials)
    model = BPE(vocab, byte_merges(mergeable_ranks), ignore_merges=True)
    tokenizer = Tokenizer(model)
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(oniguruma_pattern(pattern)), "isolated"),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.add_special_tokens([AddedToken(name, special=True, normalized=False) for name in specials])
    return tokenizer


def _as_chars(token: bytes) -> str:
    return "".join(_BYTE_CHARS[byte] for byte in token)


def _check_ids(vocab: dict[str, int], specials: dict[str, int]) -> None:
    if len(set(vocab.values())) != len(vocab):
        raise ConfigurationError("tiktoken mergeable ranks must be distinct: two tokens share a rank")
    missing = [byte for byte in range(256) if _BYTE_CHARS[byte] not in vocab]
    if missing:
        raise ConfigurationError(f"tiktoken mergeable ranks must hold every single byte; {len(missing)} are "
                                 f"missing, such as {bytes([missing[0]])!r}")
    taken = set(vocab.values())
    clash = [name for name, rank in specials.items() if rank in taken or name in vocab]
    if clash:
        raise ConfigurationError(f"special token {clash[0]!r} has the id or the text of a mergeable token")


def byte_merges(mergeable_ranks: Mapping[bytes, int]) -> list[tuple[str, str]]:
    """The merges that rebuild tiktoken's byte-pair merging, as byte-level strings.

    Every split of a token into two tokens, ranked by the token's rank (tiktoken merges
    the adjacent pair whose union ranks lowest), then by the split's ranks.

    >>> byte_merges({b"a": 0, b"b": 1, b"c": 2, b"bc": 3, b"ab": 4, b"abc": 5})
    [('b', 'c'), ('a', 'b'), ('a', 'bc'), ('ab', 'c')]
    """
    merges = []
    for token, _ in sorted(mergeable_ranks.items(), key=lambda item: item[1]):
        splits = [(mergeable_ranks[token[:cut]], mergeable_ranks[token[cut:]], cut) for cut in range(1, len(token))
                  if token[:cut] in mergeable_ranks and token[cut:] in mergeable_ranks]
        merges += [(_as_chars(token[:cut]), _as_chars(token[cut:])) for _, _, cut in sorted(splits)]
    return merges


# An atom a quantifier applies to: \p{..}, a class, an escape, or one char.
_POSSESSIVE_INTERVAL = regex.compile(r"(\\[pP]\{[^}]*\}|\[(?:\\.|[^\]\\])*\]|\\.|[^\\()|])(\{\d+(?:,\d*)?\})\+")


def oniguruma_pattern(pattern: str) -> str:
    r"""tiktoken's pattern in Oniguruma's syntax (what HF's ``Regex`` reads), with the same matches.

    >>> oniguruma_pattern(r"\p{N}{1,3}+|\s++$")
    '(?>\\p{N}{1,3})|\\s++\\z'
    """
    translated = _POSSESSIVE_INTERVAL.sub(r"(?>\1\2)", pattern)
    if regex.search(r"\{\d+(?:,\d*)?\}\+", _strip_classes(translated)):
        raise ConfigurationError(f"tiktoken pattern {pattern!r} has a possessive interval on a group; "
                                 "write it as an atomic group (?>...) for tokkit")
    return _dollar_as_end(translated)


def _strip_classes(pattern: str) -> str:
    return regex.sub(r"\\.|\[(?:\\.|[^\]\\])*\]", "", pattern)


def _dollar_as_end(pattern: str) -> str:
    """Each ``$`` outside a class and not escaped becomes ``\\z`` (fancy-regex: end of text)."""
    out, index, in_class = [], 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index:index + 2])
            index += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        out.append("\\z" if char == "$" and not in_class else char)
        index += 1
    return "".join(out)
