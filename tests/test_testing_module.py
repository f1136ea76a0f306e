"""tokkit.testing: the comparison helpers find planted differences and none on real files; its strategies
draw configurations both libraries load; its optional dependencies stay optional.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import tokenizers as hf
from hypothesis import assume, given

import tokkit
from tokkit import models
from tokkit.testing import DEFAULT_FIELDS, Difference, MissingExtraError, assert_same_as_hf, diff_with_hf, strategies

from conftest import DATA

ROOT = Path(__file__).resolve().parents[1]
FILES = ("bert-base-uncased", "gpt2", "phi-3", "t5-small")


def _lines(name: str = "wikitext-slice.txt") -> list[str]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return f.read().split("\n")


def _run(code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)


# -- planted differences -----------------------------------------------------------------------------
def _bert_with_swapped_ids() -> tuple[tokkit.Tokenizer, str]:
    """bert-base-uncased, and a tokkit copy whose vocab swaps the ids of "hello" and "world" after saving."""
    text = (DATA / "bert-base-uncased.json").read_text(encoding="utf-8")
    ours = tokkit.Tokenizer.from_str(text)
    vocab = dict(ours.get_vocab(with_added_tokens=False))
    vocab["hello"], vocab["world"] = vocab["world"], vocab["hello"]
    ours.model = models.WordPiece(vocab, unk_token="[UNK]")
    return ours, text


def test_a_changed_vocab_is_found_at_its_first_position() -> None:
    ours, text = _bert_with_swapped_ids()
    theirs = hf.Tokenizer.from_str(text)
    found = diff_with_hf(ours, ["no change here", "well, hello world!", "hello"], reference=text)
    assert isinstance(found, Difference)
    assert (found.input, found.field, found.position) == ("well, hello world!", "ids", 3)
    assert found.hf == theirs.encode("well, hello world!").ids
    assert found.tokkit[3] == theirs.token_to_id("world") and found.hf[3] == theirs.token_to_id("hello")
    message = str(found)
    for expected in ("'ids'", "'well, hello world!'", "index 3", f"tokkit {found.tokkit[3]}  !=  HF {found.hf[3]}",
                     "token 3: tokkit 'hello' (6, 11), HF 'hello' (6, 11)"):  # fmt: skip
        assert expected in message, message
    with pytest.raises(AssertionError) as raised:
        assert_same_as_hf(ours, ["well, hello world!"], reference=text)
    assert str(raised.value) == message


def test_only_the_fields_asked_for_are_compared() -> None:
    ours, text = _bert_with_swapped_ids()
    assert diff_with_hf(ours, ["hello world"], reference=text, fields=["tokens", "offsets", "word_ids"]) is None
    found = diff_with_hf(ours, [("a b", "hello")], pairs=True, reference=text, add_special_tokens=False)
    assert found is not None
    assert (found.input, found.field, found.add_special_tokens) == (("a b", "hello"), "ids", False)


def test_a_changed_decoder_is_reported_on_decode() -> None:
    text = (DATA / "bert-base-uncased.json").read_text(encoding="utf-8")
    ours = tokkit.Tokenizer.from_str(text)
    ours.decoder = None
    found = diff_with_hf(ours, ["tokenizers"], reference=text)
    assert found is not None and found.field == "decode(skip_special_tokens=True)"
    assert (found.tokkit, found.hf) == ("token ##izer ##s", "tokenizers")
    assert "first difference at char 5" in str(found) and "decoding HF's ids" in str(found)


def test_a_changed_stride_is_reported_in_the_overflowing_encodings() -> None:
    text = (DATA / "bert-base-uncased.json").read_text(encoding="utf-8")
    ours, theirs = tokkit.Tokenizer.from_str(text), hf.Tokenizer.from_str(text)
    ours.enable_truncation(6, stride=1)
    theirs.enable_truncation(6, stride=0)
    found = diff_with_hf(ours, ["one two three four five six seven"], reference=theirs)
    assert found is not None and found.field == "overflowing[0].ids"
    assert diff_with_hf(ours, ["one two three four five six seven"], reference=theirs,
                        fields=[f for f in DEFAULT_FIELDS if f != "overflowing"]) is None  # fmt: skip


def test_an_error_in_one_library_only_is_a_difference() -> None:
    text = (DATA / "bert-base-uncased.json").read_text(encoding="utf-8")
    document = json.loads(text)
    # a stride that cannot fit beside [CLS] and [SEP]: both libraries load it and refuse every input
    document["truncation"] = {"direction": "Right", "max_length": 3, "strategy": "LongestFirst", "stride": 2}
    refusing = json.dumps(document)
    assert diff_with_hf(refusing, ["a b c d e"]) is None  # both raise: they agree
    found = diff_with_hf(refusing, ["a b c d e"], reference=text)
    assert found is not None and found.field == "error" and found.hf == "no error"
    assert found.tokkit.startswith("TruncationError: ") and "stride" in found.tokkit, found.tokkit
    assert "'error'" in str(found) and "no error" in str(found)


def test_where_hf_panics_there_is_nothing_to_compare() -> None:
    """HF's Strip decoder panics when it strips more than a token has; tokkit gives "" (a listed difference)."""
    document = json.dumps({"version": "1.0", "decoder": {"type": "Strip", "content": "a", "start": 1, "stop": 1},
                           "model": {"type": "WordLevel", "vocab": {"[UNK]": 0, "a": 1}, "unk_token": "[UNK]"}})
    with pytest.raises(BaseException, match="slice index") as raised:
        hf.Tokenizer.from_str(document).decode([1])
    assert type(raised.value).__name__ == "PanicException"
    assert tokkit.Tokenizer.from_str(document).decode([1]) == ""
    assert diff_with_hf(document, ["a"]) is None


def test_bad_arguments_are_named() -> None:
    with pytest.raises(tokkit.ConfigurationError, match="pairs=True"):
        diff_with_hf(str(DATA / "gpt2.json"), ["a"], pairs=True)
    with pytest.raises(tokkit.ConfigurationError, match="fields"):
        diff_with_hf(str(DATA / "gpt2.json"), ["a"], fields=["idz"])
    with pytest.raises(tokkit.ConfigurationError, match="tokenizer.json"):
        diff_with_hf("no/such/tokenizer.json", ["a"])


# -- no difference on the real files ---------------------------------------------------------------
@pytest.mark.parametrize("name", FILES)
def test_real_files_have_no_difference_on_the_wikitext_slice(name: str) -> None:
    path = DATA / f"{name}.json"
    lines = _lines()
    assert diff_with_hf(path, lines) is None
    assert diff_with_hf(str(path), list(zip(lines[::8], lines[1::8])), pairs=True, add_special_tokens=False) is None
    assert diff_with_hf(path.read_text(encoding="utf-8"), lines[::10], add_special_tokens=False) is None


# -- strategies --------------------------------------------------------------------------------------
@given(document=strategies.tokenizer_jsons())
def test_drawn_tokenizers_load_in_both_libraries_with_the_same_json(document: str) -> None:
    ours, theirs = tokkit.Tokenizer.from_str(document), hf.Tokenizer.from_str(document)
    assert ours.to_str() == theirs.to_str()


@given(document=strategies.tokenizers(), text=strategies.texts())
def test_drawn_tokenizers_encode_like_hf(document: dict, text: str) -> None:
    model = document["model"]
    # A listed difference these strategies find is left out: the offsets of byte-fallback tokens for a BPE
    # prefix/suffix (tokkit clamps them to the word).
    affixes = model.get("continuing_subword_prefix") or model.get("end_of_word_suffix")
    assume(not (model.get("byte_fallback") and affixes))
    text_json = json.dumps(document)
    assert_same_as_hf(text_json, [text])
    assert_same_as_hf(text_json, [(text, text[::-1])], pairs=True, add_special_tokens=False)


@given(normalizer=strategies.normalizers(), pre_tokenizer=strategies.pre_tokenizers(),
       post_processor=strategies.post_processors(), decoder=strategies.decoders(), model=strategies.models())
def test_each_component_strategy_draws_what_both_libraries_load(normalizer, pre_tokenizer, post_processor, decoder,
                                                                 model) -> None:  # fmt: skip
    sections = {"normalizer": normalizer, "pre_tokenizer": pre_tokenizer, "post_processor": post_processor,
                "decoder": decoder}  # fmt: skip
    for section, component in sections.items():
        document = json.dumps({"version": "1.0", section: component, "model": model})
        assert tokkit.Tokenizer.from_str(document).to_str() == hf.Tokenizer.from_str(document).to_str(), section


# -- optional dependencies and the example ---------------------------------------------------------
def test_import_tokkit_imports_neither_hypothesis_nor_tokenizers() -> None:
    done = _run("import sys, tokkit, tokkit.testing; "
                "print(sorted(m for m in ('hypothesis', 'tokenizers') if m in sys.modules))")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_missing_extra_is_named() -> None:
    code = (
        "import sys; sys.modules['{module}'] = None\n"
        "from tokkit.testing import MissingExtraError\n"
        "try:\n    {call}\nexcept MissingExtraError as error:\n    print(error)\n"
    )
    strategies_missing = _run(code.format(module="hypothesis", call="import tokkit.testing.strategies"))
    hf_missing = _run(code.format(module="tokenizers",
                                  call="from tokkit.testing import diff_with_hf; diff_with_hf('{}', ['a'])".replace(
                                      "'{}'", repr(str(DATA / "gpt2.json")))))  # fmt: skip
    for done, module in ((strategies_missing, "hypothesis"), (hf_missing, "tokenizers")):
        assert done.returncode == 0, done.stderr
        assert f"tokkit.testing needs {module}" in done.stdout and 'pip install -e ".[testing]"' in done.stdout
    assert issubclass(MissingExtraError, ImportError)


def test_the_example_passes_under_pytest() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-o", "addopts=", "-q", "-p", "no:cacheprovider",
         str(ROOT / "examples" / "test_against_hf.py")],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "3 passed" in done.stdout
