"""from_tiktoken against the ``tiktoken`` package, on encodings built from GPT-2's ranks (no network).

The ranks come from tests/data/gpt2.json (its vocab through HF's byte-level chars);
each OpenAI pattern (GPT-2's, cl100k's possessive one, o200k's) is tried with them.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
import tiktoken
from hypothesis import given
from hypothesis import strategies as st
from tokenizers import Tokenizer as HFTokenizer

from strategies import INTERESTING, WHITESPACE, adversarial_texts, texts
from tokkit import ConfigurationError, SerializationError, Tokenizer
from tokkit._unicode import bytes_to_unicode
from tokkit.converters import convert, from_tiktoken
from tokkit.converters.tiktoken import PATTERNS, SPECIAL_TOKENS, oniguruma_pattern


NAMES = ["gpt2", "cl100k_base", "o200k_base"]
END = "<|endoftext|>"


@pytest.fixture(scope="module")
def ranks(data_dir: Any) -> dict[bytes, int]:
    """GPT-2's mergeable ranks: its vocab's tokens as bytes (HF's byte-level chars read back)."""
    chars = {char: byte for byte, char in bytes_to_unicode().items()}
    vocab = json.loads((data_dir / "gpt2.json").read_text(encoding="utf-8"))["model"]["vocab"]
    return {bytes(chars[c] for c in token): rank for token, rank in vocab.items() if token != END}


class Pairs(dict[str, tuple[Any, Tokenizer]]):
    """name -> (tiktoken.Encoding, converted Tokenizer); a short repr for Hypothesis' reports."""

    def __repr__(self) -> str:
        return f"Pairs({list(self)})"


@pytest.fixture(scope="module")
def pairs(ranks: dict[bytes, int]) -> Pairs:
    built = Pairs()
    for name in NAMES:
        encoding = tiktoken.Encoding(name=f"gpt2-ranks-{name}", pat_str=PATTERNS[name], mergeable_ranks=ranks,
                                     special_tokens={END: 50256, "<|fim|>": 50400})
        built[name] = (encoding, from_tiktoken(encoding))
    return built


_piece = st.one_of(
    st.sampled_from([END, "<|fim|>", "<|endoftext", "'s", "'S", "'ll", "123456789", "  ", "\n\n", " \n ", "$"]),
    st.text(st.sampled_from(list(INTERESTING + WHITESPACE + "the of and ing 0123456789'")), max_size=8),
    texts,
    adversarial_texts,
)
tiktoken_texts = st.lists(_piece, max_size=8).map("".join)


@pytest.mark.parametrize("name", NAMES)
@given(text=tiktoken_texts)
def test_same_ids_as_tiktoken(pairs: Pairs, name: str, text: str) -> None:
    encoding, tokenizer = pairs[name]
    ids = tokenizer.encode(text).ids
    assert ids == encoding.encode(text, allowed_special="all")
    if END not in text and "<|fim|>" not in text:
        assert ids == encoding.encode_ordinary(text) == encoding.encode(text)
    assert tokenizer.decode(ids, skip_special_tokens=False) == encoding.decode(ids)


@pytest.mark.parametrize("name", NAMES)
def test_same_ids_on_corpus_lines(pairs: Pairs, data_dir: Any, name: str) -> None:
    encoding, tokenizer = pairs[name]
    lines = [line for file in ("wikitext-slice.txt", "multilingual.txt", "japanese-sample.txt")
             for line in (data_dir / file).read_text(encoding="utf-8").splitlines()]
    text = "\n".join(lines)
    assert [tokenizer.encode(line).ids for line in lines] == encoding.encode_batch(lines, allowed_special="all")
    assert tokenizer.encode(text).ids == encoding.encode(text, allowed_special="all")


def test_ranks_pattern_and_specials_give_the_same_tokenizer(pairs: Pairs, ranks: dict[bytes, int]) -> None:
    encoding, tokenizer = pairs["cl100k_base"]
    again = from_tiktoken(mergeable_ranks=ranks, pattern=PATTERNS["cl100k_base"],
                          special_tokens={END: 50256, "<|fim|>": 50400})
    assert again.to_str() == tokenizer.to_str()
    assert Tokenizer.from_str(tokenizer.to_str()).encode("It's 2024!!  ok").ids == encoding.encode("It's 2024!!  ok")


def test_possessive_interval_becomes_atomic() -> None:
    assert oniguruma_pattern(r"\p{N}{1,3}+") == r"(?>\p{N}{1,3})"
    assert oniguruma_pattern(r"[$]$|\$") == r"[$]\z|\$"
    with pytest.raises(ConfigurationError, match="atomic group"):
        oniguruma_pattern(r"(ab){1,3}+")


def test_known_patterns_are_tiktokens() -> None:
    assert set(PATTERNS) == set(SPECIAL_TOKENS)
    assert "cl100k_base" in PATTERNS and PATTERNS["gpt2"] == PATTERNS["r50k_base"]


@pytest.mark.parametrize("arguments, problem", [
    (dict(pattern=r"\w+"), "needs a tiktoken.Encoding"),
    (dict(mergeable_ranks={b"a": 0}, pattern=r"\w+"), "every single byte"),
    (dict(mergeable_ranks={bytes([b]): b for b in range(256)}, pattern=r"\w+", special_tokens={"<x>": 3}),
     "special token '<x>'"),
])
def test_from_tiktoken_refuses(arguments: dict[str, Any], problem: str) -> None:
    with pytest.raises(ConfigurationError, match=problem):
        from_tiktoken(**arguments)


def test_convert_a_ranks_file(pairs: Pairs, ranks: dict[bytes, int], tmp_path: Any) -> None:
    encoding, _ = pairs["cl100k_base"]
    source = tmp_path / "gpt2-ranks.tiktoken"
    source.write_text("".join(f"{base64.b64encode(token).decode()} {rank}\n" for token, rank in ranks.items()))
    output = tmp_path / "tokenizer.json"
    convert(source, output, encoding_name="cl100k_base", special_tokens={END: 50256, "<|fim|>": 50400})
    loaded = Tokenizer.from_file(str(output))
    text = "Tokenizers 12345 don't  split\n\n<|endoftext|>here"
    assert loaded.encode(text).ids == encoding.encode(text, allowed_special="all")
    # The file's name tells the encoding; its special tokens are OpenAI's.
    named = tmp_path / "cl100k_base.tiktoken"
    named.write_bytes(source.read_bytes())
    assert convert(named, output).encode(text).ids[:-3] == encoding.encode(text, allowed_special="all")[:-3]
    assert convert(named, output).token_to_id(END) == SPECIAL_TOKENS["cl100k_base"][END]


def test_convert_refuses_a_ranks_file_without_a_pattern(tmp_path: Any) -> None:
    source = tmp_path / "ranks.txt"
    source.write_text("YQ== 0\n")
    with pytest.raises(ConfigurationError, match="give its split pattern"):
        convert(source, tmp_path / "out.json")
    source.write_text("YQ== zero\n")
    with pytest.raises(SerializationError, match="line 1"):
        convert(source, tmp_path / "out.json", source_format="tiktoken", pattern=r"\w+")


def test_hf_loads_the_converted_tokenizer(pairs: Pairs, data_dir: Any) -> None:
    _, tokenizer = pairs["cl100k_base"]
    hf = HFTokenizer.from_str(tokenizer.to_str())
    lines = (data_dir / "multilingual.txt").read_text(encoding="utf-8").splitlines() + ["12345 it's<|endoftext|>"]
    assert [encoding.ids for encoding in hf.encode_batch(lines)] == [tokenizer.encode(line).ids for line in lines]
