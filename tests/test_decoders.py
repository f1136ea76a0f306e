"""Decoders against the HF wheel: decode on random token lists, JSON, repr, pickle, errors."""

from __future__ import annotations

import json
import pickle

import pytest
import tokenizers
from hypothesis import given
from hypothesis import strategies as st
from strategies import texts
from tokenizers import decoders as hd
from tokenizers import models

from tokkit import ConfigurationError, Regex, SerializationError
from tokkit import decoders as td
from tokkit._unicode import bytes_to_unicode

BYTE_CHARS = list(bytes_to_unicode().values())
PIECES = ["##", "▁", "</w>", "<pad>", "|", " .", " ?", " n't", "n't", "'", " ' ", " do not", "do", "not",
          "'s", " ", "  ", "##a", "<0xC3>", "<0xA9>", "<0x41>", "<0x+A>", "<0xZZ>", "<0x4>", "ab", "xx"]  # fmt: skip

tokens = st.lists(st.one_of(st.sampled_from(PIECES), texts, texts.map(lambda t: "##" + t)), max_size=8)
byte_tokens = st.lists(
    st.one_of(st.text(st.sampled_from(BYTE_CHARS), max_size=4), texts, st.sampled_from(["Ġ", "Ã", "©", "ðŁ", "Ĳ"])),
    max_size=8,
)
fallback_tokens = st.lists(
    st.one_of(st.integers(0, 255).map(lambda b: f"<0x{b:02X}>"), st.sampled_from(PIECES), texts), max_size=8
)


def both(name, *args, **kwargs):
    return getattr(hd, name)(*args, **kwargs), getattr(td, name)(*args, **kwargs)


CASES = {
    "wordpiece": lambda: both("WordPiece"),
    "wordpiece_raw": lambda: both("WordPiece", "__", False),
    "wordpiece_empty_prefix": lambda: both("WordPiece", prefix=""),
    "bytelevel": lambda: both("ByteLevel"),
    "metaspace": lambda: both("Metaspace"),
    "metaspace_first": lambda: both("Metaspace", "_", "first", False),
    "metaspace_never": lambda: both("Metaspace", prepend_scheme="never"),
    "bpe": lambda: both("BPEDecoder"),
    "bpe_empty": lambda: both("BPEDecoder", ""),
    "ctc": lambda: both("CTC"),
    "ctc_raw": lambda: both("CTC", "[p]", "_", False),
    "replace": lambda: both("Replace", "▁", " "),
    "replace_regex": lambda: (hd.Replace(tokenizers.Regex("( |b)+|a+"), "-"), td.Replace(Regex("( |b)+|a+"), "-")),
    "bytefallback": lambda: both("ByteFallback"),
    "fuse": lambda: both("Fuse"),
    "strip": lambda: both("Strip", " ", 1, 1),
    "strip_x": lambda: both("Strip", "x", 2, 0),
    "metaspace_first_split": lambda: both("Metaspace", prepend_scheme="first"),
    "metaspace_always_nosplit": lambda: both("Metaspace", "▁", "always", False),
    "metaspace_never_nosplit": lambda: both("Metaspace", "_", "never", False),
    "bpe_suffix": lambda: both("BPEDecoder", "@@"),
    "ctc_pad_delim": lambda: both("CTC", "|", "<pad>", True),
    "strip_both": lambda: both("Strip", "▁", 0, 2),
    "llama": lambda: (
        hd.Sequence([hd.Replace("▁", " "), hd.ByteFallback(), hd.Fuse(), hd.Strip(" ", 1, 0)]),
        td.Sequence([td.Replace("▁", " "), td.ByteFallback(), td.Fuse(), td.Strip(" ", 1, 0)]),
    ),
    "sequence_bytelevel_wordpiece": lambda: (
        hd.Sequence([hd.ByteLevel(), hd.WordPiece()]), td.Sequence([td.ByteLevel(), td.WordPiece()])),
    "sequence": lambda: (
        hd.Sequence([hd.ByteFallback(), hd.Metaspace(), hd.Fuse(), hd.Strip(" ", 1, 0)]),
        td.Sequence([td.ByteFallback(), td.Metaspace(), td.Fuse(), td.Strip(" ", 1, 0)]),
    ),
}
STRATEGY = {"bytelevel": byte_tokens, "bytefallback": fallback_tokens, "sequence": fallback_tokens,
            "llama": fallback_tokens, "sequence_bytelevel_wordpiece": byte_tokens}


def hf_decode(decoder, toks):
    try:
        return decoder.decode(toks)
    except BaseException as exc:  # pyo3 PanicException derives from BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return exc


@pytest.mark.parametrize("case", sorted(CASES))
class TestComponents:
    def test_json_repr_pickle(self, case):
        hf, tk = CASES[case]()
        assert tk.to_str() == hf.__getstate__().decode()
        assert repr(tk) == repr(hf)
        again = pickle.loads(pickle.dumps(tk))
        assert type(again) is type(tk) and again.to_str() == tk.to_str()
        assert td.Decoder.from_dict(json.loads(hf.__getstate__())).to_str() == tk.to_str()

    @given(st.data())
    def test_decode(self, case, data):
        hf, tk = CASES[case]()
        toks = data.draw(STRATEGY.get(case, tokens))
        expected = hf_decode(hf, toks)
        if isinstance(expected, BaseException):  # HF panics (Strip on a fully stripped token)
            assert case.startswith("strip") or case in ("sequence", "llama")
            return
        assert tk.decode(toks) == expected
        assert "".join(tk.decode_chain(toks)) == expected


# -- named edge cases -------------------------------------------------------------------
@pytest.mark.parametrize(
    "toks",
    [["a", " ' ", "b"], ["I", " n't"], ["I", "do", "not"], ["a", " do not"], ["x", "'", "s"], ["a", "##b", " '", "n't", "do", "not", "'", "x"],
     ["hello", ".", "?", "!", ","], ["it", "'s", "we", "'ve", "they", "'re", "I", "'m"], []],
)  # fmt: skip
def test_wordpiece_cleanup_per_token(toks):
    assert td.WordPiece().decode(toks) == hd.WordPiece().decode(toks)


@pytest.mark.parametrize(
    "toks",
    [["Ã"], ["Ã", "©"], ["ðŁ", "ĺ"], ["ðŁĺ", "Ģ"], ["\udc80".encode("utf-8", "surrogatepass").decode("latin-1")],
     ["Ġhello", "中", "x\u0100", "ÿ"], ["Ċ", "ĉ", "Ġ", "ł"], ["a b"], ["\u00ad"], ["ð", "Ł", "ĺ", "Ģ", "Ã"]],
)  # fmt: skip
def test_bytelevel_invalid_utf8_and_foreign_chars(toks):
    assert td.ByteLevel().decode(toks) == hd.ByteLevel().decode(toks)


def test_trap15_metaspace_first_token():
    assert td.Metaspace().decode(["▁a▁b", "▁c"]) == hd.Metaspace().decode(["▁a▁b", "▁c"]) == "ab c"


def test_trap15_bytefallback_invalid_run():
    toks = ["<0xC3>", "<0xA9>", "<0xC3>"]
    assert td.ByteFallback().decode(toks) == hd.ByteFallback().decode(toks) == "\ufffd" * 3


def test_bytefallback_plus_sign_like_rust():
    toks = ["<0x+A>", "<0xC3>", "<0xA9>", "a", "<0xC3>"]
    assert td.ByteFallback().decode(toks) == hd.ByteFallback().decode(toks) == "\né" + "a\ufffd"


def test_strip_where_hf_panics_gives_empty():
    assert td.Strip(right=3).decode(["  ", "a "]) == "a"


# -- JSON loading --------------------------------------------------------------------------
def load_hf(dec):
    data = json.loads(tokenizers.Tokenizer(models.WordLevel({"a": 0}, unk_token="a")).to_str())
    data["decoder"] = dec
    try:
        return repr(tokenizers.Tokenizer.from_str(json.dumps(data)).decoder)
    except Exception:
        return None


LEGACY = [
    {"type": "WordPiece"}, {"type": "WordPiece", "prefix": "##"}, {"prefix": "##", "cleanup": True}, {"suffix": "</w>"},
    {"type": "ByteLevel"}, {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True},
    {"add_prefix_space": True, "trim_offsets": True}, {"type": "Metaspace", "replacement": "▁"},
    {"type": "Metaspace", "replacement": "▁", "add_prefix_space": False},
    {"type": "Metaspace", "replacement": "▁", "add_prefix_space": False, "prepend_scheme": "never"},
    {"type": "Metaspace", "replacement": "▁", "add_prefix_space": True, "prepend_scheme": "first"},
    {"type": "Metaspace", "replacement": "▁", "str_rep": "x"}, {"type": "Metaspace", "replacement": "ab"},
    {"type": "Fuse"}, {"type": "ByteFallback", "x": 1}, {"type": "Strip", "content": " ", "start": 0},
    {"type": "Strip", "content": "ab", "start": 0, "stop": 0}, {"type": "CTC"},
    {"type": "Sequence", "decoders": [{"type": "Fuse"}]}, {"decoders": [{"type": "Fuse"}]},
    {"type": "Replace", "pattern": {"String": "a"}, "content": "b"}, {"type": "Replace", "pattern": {"Regex": "("}, "content": "b"},
    {"type": "Nope"}, {"type": "BPEDecoder"}, {"pad_token": "<pad>", "word_delimiter_token": "|", "cleanup": True},
    {"type": "WordPiece", "prefix": "##", "cleanup": True, "extra": 3}, {"type": "WordPiece", "prefix": 3, "cleanup": True},
    {"type": "Nope", "suffix": "x"}, {"type": "Nope", "prefix": "##", "cleanup": True}, {"pattern": {"String": "a"}, "content": "b"},
    {"content": " ", "start": 1, "stop": 0}, {"replacement": "_", "prepend_scheme": "always"}, {"type": "Fuse", "suffix": "x"},
]  # fmt: skip


@pytest.mark.parametrize("data", LEGACY, ids=range(len(LEGACY)))
def test_json_loading_like_hf(data):
    expected = load_hf(data)
    if expected is None:
        with pytest.raises(SerializationError):
            td.Decoder.from_dict(data)
    else:
        assert repr(td.Decoder.from_dict(data)) == expected


# -- constructors, custom, DecodeStream ---------------------------------------------------
def test_metaspace_prepend_scheme_errors_like_hf():
    # The pre-tokenizer and the decoder share one check (HF: one PrependScheme enum).
    for lib in (hd, td):
        with pytest.raises(TypeError):
            lib.Metaspace(prepend_scheme=1)
        with pytest.raises(ValueError, match="unknown variant"):
            lib.Metaspace(prepend_scheme="x")
    with pytest.raises(TypeError):
        tokkit.pre_tokenizers.Metaspace(prepend_scheme=1)


def test_constructor_errors():
    with pytest.raises(ConfigurationError, match="length 1"):
        td.Strip("ab")
    with pytest.raises(ConfigurationError, match="length 1"):
        td.Metaspace(replacement="ab")
    with pytest.raises(ConfigurationError, match="should be one of \\['first', 'never', 'always'\\]"):
        td.Metaspace(prepend_scheme="sometimes")
    with pytest.raises(TypeError):
        td.WordPiece(prefix=3)
    with pytest.raises(TypeError):
        td.WordPiece().decode("abc")
    with pytest.raises(TypeError):
        td.WordPiece().decode([1])
    assert repr(td.ByteLevel(add_prefix_space=False)) == repr(hd.ByteLevel(add_prefix_space=False))


def test_attributes_are_settable():
    dec = td.WordPiece()
    dec.prefix = "@@"
    assert dec.decode(["a", "@@b"]) == "ab" and dec.to_dict()["prefix"] == "@@"
    assert td.Metaspace().prepend_scheme == hd.Metaspace().prepend_scheme == "always"


class Upper:
    def decode_chain(self, toks):
        return [t.upper() for t in toks]


def test_custom_decoder_works_but_cannot_be_saved():
    dec = td.Decoder.custom(Upper())
    assert dec.decode(["a", "b"]) == hd.Decoder.custom(Upper()).decode(["a", "b"]) == "AB"
    with pytest.raises(SerializationError, match="register"):
        dec.to_str()
    with pytest.raises(SerializationError):
        pickle.dumps(dec)


def test_decode_stream_like_hf():
    vocab = {"<0xC3>": 0, "<0xA9>": 1, "▁a": 2, "b": 3, "▁c": 4, "<s>": 5}
    tok = tokenizers.Tokenizer(models.WordLevel(vocab, unk_token="b"))
    tok.decoder = hd.Sequence([hd.ByteFallback(), hd.Metaspace()])
    tok.add_special_tokens(["<s>"])
    ids = [5, 2, 0, 1, 3, 0, 4, 1, 0, 1]
    for skip in (False, True):
        hf_stream, tk_stream = hd.DecodeStream(skip_special_tokens=skip), td.DecodeStream(skip_special_tokens=skip)
        assert [tk_stream.step(tok, i) for i in ids] == [hf_stream.step(tok, i) for i in ids]
    hf_stream, tk_stream = hd.DecodeStream([2, 3]), td.DecodeStream([2, 3])
    assert tk_stream.step(tok, [4, 3]) == hf_stream.step(tok, [4, 3])


# -- DecodeStream on real tokenizers: ids one at a time, in chunks, after a prefill ---------------
import os  # noqa: E402

import tokkit  # noqa: E402

DATA = os.path.join(os.path.dirname(__file__), "data")


def _load(name):
    path = os.path.join(DATA, name)
    return tokenizers.Tokenizer.from_file(path), tokkit.Tokenizer.from_file(path)


class _Pairs(dict):
    def __repr__(self) -> str:
        return "<tokenizers>"


@pytest.fixture(scope="module")
def stream_tokenizers():
    return _Pairs({name: _load(name) for name in ("phi-3.json", "gpt2.json", "bert-base-uncased.json")})


def stream_ids(draw_vocab: int):
    """Ids biased to byte-fallback tokens and specials (partial UTF-8, skipped tokens)."""
    return st.lists(st.one_of(st.integers(0, 260), st.integers(0, draw_vocab - 1)), max_size=24)


def hf_steps(stream, tokenizer, chunks):
    out = []
    for chunk in chunks:
        try:
            out.append(stream.step(tokenizer, chunk))
        except Exception as exc:
            out.append(type(exc))
            break
    return out


def tk_steps(stream, tokenizer, chunks):
    out = []
    for chunk in chunks:
        try:
            out.append(stream.step(tokenizer, chunk))
        except tokkit.TokkitError:
            out.append(Exception)
            break
    return out


@pytest.mark.parametrize("name", ["phi-3.json", "gpt2.json", "bert-base-uncased.json"])
@given(data=st.data(), skip=st.booleans(), prefill=st.booleans(), chunked=st.booleans())
def test_decode_stream_hypothesis_like_hf(stream_tokenizers, name, data, skip, prefill, chunked):
    hf, tk = stream_tokenizers[name]
    ids = data.draw(stream_ids(hf.get_vocab_size()))
    start = data.draw(st.integers(0, len(ids))) if prefill else 0
    context, rest = ids[:start], ids[start:]
    if chunked:
        cuts = sorted(data.draw(st.lists(st.integers(0, len(rest)), max_size=4)))
        bounds = [0] + cuts + [len(rest)]
        chunks = [rest[a:b] for a, b in zip(bounds, bounds[1:]) if a < b]
    else:
        chunks = rest
    expected = hf_steps(hd.DecodeStream(context, skip_special_tokens=skip), hf, chunks)
    got = tk_steps(td.DecodeStream(context, skip_special_tokens=skip), tk, chunks)
    got = [Exception if g is Exception else g for g in got]
    expected = [Exception if isinstance(e, type) else e for e in expected]
    assert got == expected


def test_decode_stream_partial_utf8_waits():
    hf, tk = _load("phi-3.json")
    ids = [hf.token_to_id(f"<0x{b:02X}>") for b in "é中".encode()]
    hf_stream, tk_stream = hd.DecodeStream(), td.DecodeStream()
    assert [tk_stream.step(tk, i) for i in ids] == [hf_stream.step(hf, i) for i in ids] == [None, "é", None, None, "中"]
