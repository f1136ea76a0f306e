"""from_sentencepiece / to_sentencepiece against the ``sentencepiece`` package.

Models are trained here with ``SentencePieceTrainer`` (once per module) over
option combinations; ids must equal ``SentencePieceProcessor.encode`` on
Hypothesis text.  Text holding a control piece (``<s>``...) or a byte piece's
name (``<0x41>``) is left out: the converted tokenizer keeps control pieces as
special tokens, a documented difference from ``sp.encode``.
"""

from __future__ import annotations

import functools
import io
import json
from typing import Any

import pytest
import regex
import sentencepiece as spm
from hypothesis import assume, given
from hypothesis import strategies as st
from tokenizers import Tokenizer as HFTokenizer
from tokenizers import normalizers as hf_normalizers

from strategies import INTERESTING, WHITESPACE, adversarial_texts, texts
from tokkit import ConfigurationError, Tokenizer, normalizers, pre_tokenizers, processors
from tokkit._support.sentencepiece_model import PieceType, SentencePiece, read_model_proto
from tokkit.converters import convert, from_sentencepiece, sentencepiece_bytes, to_sentencepiece
from tokkit.converters.sentencepiece import SPACE
from tokkit.converters.spm_writer import model_bytes
from tokkit.models import Unigram


# Unchanged by every normalization rule (see the converter's docstring); "@@" and "99" tie paths
# in a Unigram lattice ("99999"), whose ties SentencePiece breaks by float32 rounding: BPE only.
USER_DEFINED = ["foo", "<sep>", "[x]", "9a"]
BPE_USER_DEFINED = USER_DEFINED + ["@@", "99"]
CONTROL = ["<ctl>", "<mask>"]


def _lines(data_dir: Any, name: str) -> list[str]:
    return [line for line in (data_dir / name).read_text(encoding="utf-8").splitlines() if line.strip()]


CONFIGS: dict[str, dict[str, Any]] = {
    "bpe": dict(model_type="bpe", vocab_size=600),
    "unigram": dict(model_type="unigram", vocab_size=600),
    "bpe-bytes-digits": dict(model_type="bpe", vocab_size=700, byte_fallback=True, split_digits=True),
    "unigram-bytes-nodummy": dict(model_type="unigram", vocab_size=700, byte_fallback=True, add_dummy_prefix=False),
    "unigram-identity-spaces": dict(model_type="unigram", vocab_size=600, remove_extra_whitespaces=False,
                                    normalization_rule_name="identity"),
    "bpe-symbols": dict(model_type="bpe", vocab_size=600, user_defined_symbols=BPE_USER_DEFINED,
                        control_symbols=CONTROL, normalization_rule_name="nfkc"),
    "unigram-symbols-cf": dict(model_type="unigram", vocab_size=600, user_defined_symbols=USER_DEFINED,
                               control_symbols=CONTROL, normalization_rule_name="nmt_nfkc_cf"),
    "bpe-ids": dict(model_type="bpe", vocab_size=600, unk_id=3, bos_id=0, eos_id=1, pad_id=2,
                    add_dummy_prefix=False, remove_extra_whitespaces=False),
    "unigram-no-bos": dict(model_type="unigram", vocab_size=600, bos_id=-1, pad_id=3, byte_fallback=True,
                           user_defined_symbols=USER_DEFINED, split_digits=True),
    "bpe-japanese": dict(model_type="bpe", vocab_size=900, byte_fallback=True, character_coverage=0.995,
                         corpus="japanese-sample.txt"),
    "unigram-multilingual": dict(model_type="unigram", vocab_size=900, corpus="multilingual.txt",
                                 character_coverage=0.98, user_defined_symbols=USER_DEFINED),
}


@pytest.fixture(scope="module")
def models(data_dir: Any) -> dict[str, bytes]:
    """Every configuration's trained .model bytes (trained once for the module)."""
    trained = {}
    for name, config in CONFIGS.items():
        options = dict(config)
        corpus = _lines(data_dir, options.pop("corpus", "wikitext-slice.txt"))
        writer = io.BytesIO()
        spm.SentencePieceTrainer.train(sentence_iterator=iter(corpus), model_writer=writer, minloglevel=2,
                                       num_threads=1, **options)
        trained[name] = writer.getvalue()
    return trained


class Pairs(dict[str, tuple[Any, Tokenizer]]):
    """name -> (SentencePieceProcessor, converted Tokenizer); a short repr for Hypothesis' reports."""

    def __repr__(self) -> str:
        return f"Pairs({list(self)})"


@pytest.fixture(scope="module")
def pairs(models: dict[str, bytes]) -> Pairs:
    return Pairs({name: (spm.SentencePieceProcessor(model_proto=data), from_sentencepiece(data))
                  for name, data in models.items()})


_piece = st.one_of(
    st.sampled_from(BPE_USER_DEFINED + ["ｆｏｏ", "FOO", "[X]", "9", "99999", "▁", "▁▁", "  ", " \t ", "\u3000",
                                        "\xa0"]),
    st.text(st.sampled_from(list(INTERESTING + WHITESPACE + "the of and ing 0123456789")), max_size=8),
    texts,
    adversarial_texts,
)
sp_texts = st.lists(_piece, max_size=8).map("".join)


def _expressible(text: str, sp: Any, charsmap: bytes) -> bool:
    """False for text on one of the two documented differences from ``sp.encode``.

    Text holding a piece SentencePiece keeps out of the text's lattice (a control piece,
    kept as a special token here; a byte piece's name), and a grapheme cluster that HF's
    ``Precompiled`` maps otherwise than SentencePiece's charsmap walk: HF maps a cluster
    under 6 bytes whole by its shortest key (``"\\xa0\\u093f"`` -> ``" "``) and a longer one
    char by char (missing keys of several chars, as ``"e\\u0323\\u0302"``).
    """
    reserved = [sp.id_to_piece(i) for i in range(sp.get_piece_size()) if sp.is_control(i) or sp.is_unknown(i)
                or sp.is_byte(i)]
    if any(piece in text for piece in reserved):
        return False
    if not charsmap:
        return True
    hf, walk = _charsmap_normalizers(charsmap)
    return all(hf.normalize_str(cluster).replace(" ", SPACE) == walk.normalize(cluster)
               for cluster in regex.findall(r"\X", text) if len(cluster) > 1)


@functools.lru_cache(maxsize=None)
def _charsmap_normalizers(charsmap: bytes) -> tuple[Any, Any]:
    """HF's Precompiled and SentencePiece's own walk of one charsmap (no whitespace rules)."""
    proto = model_bytes([SentencePiece("<unk>", 0.0, PieceType.UNKNOWN), SentencePiece("a", -1.0)],
                        precompiled_charsmap=charsmap, add_dummy_prefix=False, remove_extra_whitespaces=False)
    return hf_normalizers.Precompiled(charsmap), spm.SentencePieceProcessor(model_proto=proto)


def _ids(tokenizer: Tokenizer, text: str) -> list[int]:
    return tokenizer.encode(text, add_special_tokens=False).ids


def _same_or_tie(sp: Any, tokenizer: Tokenizer, ours: list[int], theirs: list[int]) -> bool:
    """Equal ids, or, for a Unigram, another best path of the same score (a tie).

    SentencePiece sums a path's scores in float32 and keeps the first best end it meets:
    where two paths tie in exact arithmetic (``"000"`` as ``0|00`` or ``00|0``), its
    rounding picks one; HF's lattice (float64) may pick the other.
    """
    if ours == theirs:
        return True
    if not isinstance(tokenizer.model, Unigram):
        return False
    if "".join(sp.id_to_piece(i) for i in theirs) != "".join(sp.id_to_piece(i) for i in ours):
        return False
    vocab = tokenizer.model.vocab
    plain = {i for i in ours + theirs if sp.is_unknown(i) or sp.is_byte(i)}  # the same text, so the same unknowns
    ours_total, theirs_total = (sum(vocab[i][1] for i in ids if i not in plain) for ids in (ours, theirs))
    return abs(ours_total - theirs_total) <= 1e-5 * max(1.0, abs(ours_total))


@pytest.mark.parametrize("name", list(CONFIGS))
@given(text=sp_texts)
def test_same_ids_as_sentencepiece(pairs: dict[str, tuple[Any, Tokenizer]], name: str, text: str) -> None:
    sp, tokenizer = pairs[name]
    assume(_expressible(text, sp, read_model_proto(sp.serialized_model_proto()).normalizer_spec.precompiled_charsmap))
    assert _same_or_tie(sp, tokenizer, _ids(tokenizer, text), sp.encode(text))


@pytest.mark.parametrize("name", list(CONFIGS))
def test_same_ids_on_corpus_lines(pairs: dict[str, tuple[Any, Tokenizer]], data_dir: Any, name: str) -> None:
    sp, tokenizer = pairs[name]
    lines = _lines(data_dir, "wikitext-slice.txt")[:120] + _lines(data_dir, "multilingual.txt")
    lines += _lines(data_dir, "japanese-sample.txt")[:60]
    charsmap = read_model_proto(sp.serialized_model_proto()).normalizer_spec.precompiled_charsmap
    lines = [line for line in lines if _expressible(line, sp, charsmap)]
    assert len(lines) > 250
    for line, theirs in zip(lines, sp.encode(lines)):
        assert _same_or_tie(sp, tokenizer, _ids(tokenizer, line), theirs), line
    assert tokenizer.encode_batch(lines[:20], add_special_tokens=False)[3].ids == sp.encode(lines[3])


@pytest.mark.parametrize("name", list(CONFIGS))
def test_to_sentencepiece_round_trip(pairs: Pairs, data_dir: Any, tmp_path: Any, name: str) -> None:
    sp, tokenizer = pairs[name]
    path = tmp_path / "exported.model"
    to_sentencepiece(tokenizer, path)
    exported = spm.SentencePieceProcessor(model_file=str(path))
    lines = _lines(data_dir, "wikitext-slice.txt")[:60] + _lines(data_dir, "multilingual.txt")
    assert exported.encode(lines) == sp.encode(lines)
    assert exported.get_piece_size() == sp.get_piece_size()
    assert [exported.id_to_piece(i) for i in range(sp.get_piece_size())] == [
        sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    assert [(exported.is_control(i), exported.is_unknown(i), exported.is_byte(i)) for i in range(sp.get_piece_size())] \
        == [(sp.is_control(i), sp.is_unknown(i), sp.is_byte(i)) for i in range(sp.get_piece_size())]
    # A re-export of the export is the same bytes, and converts to the same tokenizer.
    again = from_sentencepiece(path)
    assert sentencepiece_bytes(again) == path.read_bytes()
    assert again.to_str() == tokenizer.to_str()


@pytest.mark.parametrize("name", ["unigram", "bpe-symbols"])
@given(text=sp_texts)
def test_exported_model_encodes_as_the_original(pairs: Pairs, exported: dict[str, Any], name: str, text: str) -> None:
    sp, _ = pairs[name]
    assert exported[name].encode(text) == sp.encode(text)


@pytest.fixture(scope="module")
def exported(pairs: Pairs) -> dict[str, Any]:
    return {name: spm.SentencePieceProcessor(model_proto=sentencepiece_bytes(tokenizer))
            for name, (_, tokenizer) in pairs.items()}


def test_unigram_scores_kept_exactly(models: dict[str, bytes], pairs: Pairs) -> None:
    for name, data in models.items():
        original = read_model_proto(data).pieces
        again = read_model_proto(sentencepiece_bytes(pairs[name][1])).pieces
        if CONFIGS[name]["model_type"] == "unigram":
            assert again == original
        else:  # a BPE's scores are re-derived from its merges: the same order, the same types
            assert [(p.piece, p.type) for p in again] == [(p.piece, p.type) for p in original]


def _tokenizer_of(pairs: Pairs, name: str) -> Tokenizer:
    return Tokenizer.from_str(pairs[name][1].to_str())


@pytest.mark.parametrize("change, problem", [
    (lambda t: setattr(t, "post_processor",
                       processors.TemplateProcessing(single="<s> $A", special_tokens=[("<s>", 1)])),
     "TemplateProcessing post-processor"),
    (lambda t: t.add_tokens(["hello world"]), "non-special added tokens"),
    (lambda t: t.add_special_tokens(["<new>"]), "not a piece of the model"),
    (lambda t: setattr(t, "normalizer", normalizers.Lowercase()), "normalizer step"),
    (lambda t: setattr(t, "pre_tokenizer", pre_tokenizers.Metaspace()), "pre-tokenizer is not Metaspace"),
])
def test_to_sentencepiece_refuses(pairs: Pairs, tmp_path: Any, change: Any, problem: str) -> None:
    tokenizer = _tokenizer_of(pairs, "unigram")
    change(tokenizer)
    with pytest.raises(ConfigurationError, match=problem):
        to_sentencepiece(tokenizer, tmp_path / "x.model")
    assert not (tmp_path / "x.model").exists()


def test_to_sentencepiece_refuses_other_models(tmp_path: Any, data_dir: Any) -> None:
    with pytest.raises(ConfigurationError, match="WordPiece"):
        to_sentencepiece(Tokenizer.from_file(str(data_dir / "bert-base-uncased.json")), tmp_path / "x.model")
    with pytest.raises(ConfigurationError, match="ByteLevel post-processor"):
        to_sentencepiece(Tokenizer.from_file(str(data_dir / "gpt2.json")), tmp_path / "x.model")


def test_to_sentencepiece_refuses_merges_sentencepiece_would_not_make(pairs: Pairs, tmp_path: Any) -> None:
    document = json.loads(pairs["bpe"][1].to_str())
    del document["model"]["merges"][5]  # its piece stays: SentencePiece would still merge into it
    with pytest.raises(ConfigurationError, match="merges"):
        to_sentencepiece(Tokenizer.from_str(json.dumps(document)), tmp_path / "x.model")


@pytest.mark.parametrize("option, problem", [
    (dict(treat_whitespace_as_suffix=True), "treat_whitespace_as_suffix"),
    (dict(model_type="word"), "model_type WORD"),
    (dict(model_type="char"), "model_type CHAR"),
])
def test_from_sentencepiece_refuses(data_dir: Any, option: dict[str, Any], problem: str) -> None:
    writer = io.BytesIO()
    options = dict(dict(model_type="unigram", vocab_size=300), **option)
    spm.SentencePieceTrainer.train(sentence_iterator=iter(_lines(data_dir, "wikitext-slice.txt")), model_writer=writer,
                                   minloglevel=2, num_threads=1, **options)
    with pytest.raises(ConfigurationError, match=problem):
        from_sentencepiece(writer.getvalue())


def test_from_file_of_a_model_names_the_converter(models: dict[str, bytes], tmp_path: Any) -> None:
    path = tmp_path / "spm.model"
    path.write_bytes(models["unigram"])
    with pytest.raises(Exception, match="tokkit.converters.from_sentencepiece"):
        Tokenizer.from_file(str(path))
    assert from_sentencepiece(str(path)).to_str() == from_sentencepiece(models["unigram"]).to_str()


def test_decode_gives_the_text_back(pairs: Pairs) -> None:
    text = "Hello  world, 12 apples and pears. "
    for name, (sp, tokenizer) in pairs.items():
        assert tokenizer.decode(tokenizer.encode(text).ids) == sp.decode(sp.encode(text)), name


def test_convert_files_both_ways(models: dict[str, bytes], pairs: Pairs, tmp_path: Any) -> None:
    sp, tokenizer = pairs["bpe-symbols"]
    source = tmp_path / "spm.model"
    source.write_bytes(models["bpe-symbols"])
    assert convert(source, tmp_path / "tokenizer.json").to_str() == tokenizer.to_str()
    assert Tokenizer.from_file(str(tmp_path / "tokenizer.json")).to_str() == tokenizer.to_str()
    convert(tmp_path / "tokenizer.json", tmp_path / "back.model")
    assert (tmp_path / "back.model").read_bytes() == sentencepiece_bytes(tokenizer)
    unnamed = tmp_path / "model-without-suffix"
    unnamed.write_bytes(models["bpe-symbols"])
    assert convert(unnamed, tmp_path / "again.json").to_str() == tokenizer.to_str()
    with pytest.raises(ConfigurationError, match="tiktoken source only"):
        convert(source, tmp_path / "x.json", pattern=r"\w+")


@pytest.mark.parametrize("name", ["bpe-symbols", "unigram-bytes-nodummy", "unigram-symbols-cf"])
def test_hf_loads_the_converted_tokenizer(pairs: Pairs, data_dir: Any, name: str) -> None:
    _, tokenizer = pairs[name]
    hf = HFTokenizer.from_str(tokenizer.to_str())
    lines = _lines(data_dir, "wikitext-slice.txt")[:60] + _lines(data_dir, "multilingual.txt")
    assert [encoding.ids for encoding in hf.encode_batch(lines)] == [_ids(tokenizer, line) for line in lines]
