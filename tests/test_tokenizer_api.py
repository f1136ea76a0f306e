"""The Tokenizer's checks and HF API details, each compared with HF's wheel on the same calls.

Setters take only their family's components; ``decode``/``decode_batch`` refuse bad ids with
HF's builtin exception types; ``str()`` applies HF's ellipsis rule; the ``async_*`` methods are
coroutines giving the sync results; ``PreTokenizedString.to_encoding``, ``Token.as_tuple``,
``NormalizedString`` and ``processors.Sequence`` item assignment behave as HF's.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any, Callable

import numpy as np
import pytest
import tokenizers as hf

import tokkit

LIBS = (hf, tokkit)
BUILTIN_ERRORS = (OverflowError, TypeError, IndexError, ValueError, KeyError)


def outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    """A call's result, or the most specific builtin exception type it raised."""
    try:
        return ("ok", call())
    except BUILTIN_ERRORS as exc:
        return ("error", next(kind.__name__ for kind in BUILTIN_ERRORS if isinstance(exc, kind)))
    except Exception:  # noqa: BLE001 - HF raises plain Exception in places
        return ("error", "Exception")


def tokenizer(lib: Any) -> Any:
    tok = lib.Tokenizer(lib.models.BPE({"a": 0, "b": 1, "ab": 2, "c": 3}, [("a", "b")]))
    tok.add_tokens(["my", "name"])
    tok.add_special_tokens(["[CLS]"])
    return tok


# -- component setters -----------------------------------------------------------------------------------
class Upper:
    def normalize(self, normalized: Any) -> None:
        normalized.uppercase()


VALUES: dict[str, list[Callable[[Any], Any]]] = {
    "normalizer": [lambda m: "NFD", lambda m: m.pre_tokenizers.Whitespace(), lambda m: None, lambda m: 3,
                   lambda m: m.normalizers.NFD(), lambda m: Upper(), lambda m: m.normalizers.Normalizer.custom(Upper()),
                   lambda m: m.decoders.ByteLevel()],
    "pre_tokenizer": [lambda m: "x", lambda m: m.normalizers.NFD(), lambda m: None, lambda m: m.pre_tokenizers.Whitespace(),
                      lambda m: m.models.BPE()],
    "model": [lambda m: "x", lambda m: None, lambda m: m.normalizers.NFD(), lambda m: m.models.WordLevel()],
    "post_processor": [lambda m: "x", lambda m: None, lambda m: m.decoders.ByteLevel(), lambda m: m.processors.ByteLevel(),
                       lambda m: m.pre_tokenizers.ByteLevel()],
    "decoder": [lambda m: "x", lambda m: None, lambda m: m.processors.ByteLevel(), lambda m: m.decoders.ByteLevel(),
                lambda m: m.pre_tokenizers.ByteLevel(), lambda m: [m.decoders.Fuse()]],
}
SETTER_CASES = [(attr, i) for attr, makers in VALUES.items() for i in range(len(makers))]


@pytest.mark.parametrize("attribute,index", SETTER_CASES)
def test_component_setters_accept_and_refuse_what_hf_does(attribute: str, index: int) -> None:
    results = []
    for lib in LIBS:
        tok = tokenizer(lib)
        value = VALUES[attribute][index](lib)
        kind, _ = outcome(lambda: setattr(tok, attribute, value))
        encoded = outcome(lambda: tok.encode("ab my").ids)
        results.append((kind, encoded if encoded[0] == "ok" else "error"))  # tokkit's errors are Exceptions too
    assert results[0] == results[1]


def test_setter_errors_are_type_errors_that_name_the_fix() -> None:
    tok = tokenizer(tokkit)
    with pytest.raises(TypeError, match=r"normalizer must be a tokkit.normalizers.Normalizer or None.*custom"):
        tok.normalizer = "NFD"
    with pytest.raises(TypeError, match=r"model must be a tokkit.models.Model"):
        tok.model = None
    with pytest.raises(TypeError, match=r"Tokenizer\(model\) must be"):
        tokkit.Tokenizer("x")
    with pytest.raises(TypeError) as theirs:
        hf.Tokenizer("x")
    assert "Model" in str(theirs.value)


def test_custom_component_wrappers_are_accepted_and_used() -> None:
    tok = tokenizer(tokkit)
    tok.normalizer = tokkit.normalizers.Normalizer.custom(Upper())
    theirs = tokenizer(hf)
    theirs.normalizer = hf.normalizers.Normalizer.custom(Upper())
    for text in ["ab my", "AB"]:
        assert tok.encode(text).ids == theirs.encode(text).ids


# -- decode arguments ---------------------------------------------------------------------------------------
DECODE_INPUTS: list[Any] = [
    "abc", [-1], [1.5], [None], 5, [2**40], [2**32], [2**32 - 1], [99], ["1"], (0, 1), [True], [0, 3, 4],
    np.array([0, 1]), np.array([0, 1], dtype=np.uint8), [np.int64(2)], [], range(3),
]


@pytest.mark.parametrize("ids", DECODE_INPUTS, ids=repr)
@pytest.mark.parametrize("skip", [True, False])
def test_decode_arguments_like_hf(ids: Any, skip: bool) -> None:
    assert outcome(lambda: tokenizer(hf).decode(ids, skip)) == outcome(lambda: tokenizer(tokkit).decode(ids, skip))


BATCH_INPUTS: list[Any] = [
    "abc", ["abc"], [[-1]], [5], [None], ((0,),), [[0, 1], (3,)], [], np.array([[0, 1], [2, 3]]), [[2**33]],
    [[0], "a"], [np.array([0, 4])],
]


@pytest.mark.parametrize("sequences", BATCH_INPUTS, ids=repr)
def test_decode_batch_arguments_like_hf(sequences: Any) -> None:
    assert outcome(lambda: tokenizer(hf).decode_batch(sequences)) == outcome(
        lambda: tokenizer(tokkit).decode_batch(sequences))


# -- str / repr -------------------------------------------------------------------------------------------------
def configured(lib: Any, n_added: int, vocab_size: int) -> Any:
    vocab = {f"t{i}": i for i in range(vocab_size)}
    tok = lib.Tokenizer(lib.models.WordLevel(vocab, unk_token="t0"))
    tok.add_tokens([f"added{i}" for i in range(n_added)])
    tok.add_special_tokens([lib.AddedToken("[CLS]" * 30, lstrip=True)])
    tok.normalizer = lib.normalizers.Sequence([lib.normalizers.NFD()] * 8)
    tok.pre_tokenizer = lib.pre_tokenizers.Metaspace()
    tok.post_processor = lib.processors.TemplateProcessing(single="[CLS] $A", special_tokens=[("[CLS]", 1)])
    tok.decoder = lib.decoders.Sequence([lib.decoders.Fuse(), lib.decoders.Strip(" ", 1, 0)])
    tok.enable_truncation(7, stride=1, strategy="only_first", direction="left")
    tok.enable_padding(pad_to_multiple_of=8, pad_token="x" * 120)
    return tok


@pytest.mark.parametrize("n_added,vocab_size", [(0, 1), (3, 4), (4, 5), (5, 6), (6, 7), (120, 150)])
def test_str_and_repr_of_a_tokenizer_like_hf(n_added: int, vocab_size: int) -> None:
    theirs, ours = configured(hf, n_added, vocab_size), configured(tokkit, n_added, vocab_size)
    assert repr(ours) == repr(theirs)
    assert str(ours) == str(theirs)


def test_add_special_tokens_marks_the_callers_added_tokens_special_like_hf() -> None:
    seen = []
    for lib in LIBS:
        tokens = [lib.AddedToken("the"), lib.AddedToken("quick", normalized=True), lib.AddedToken("x", special=False)]
        lib.Tokenizer(lib.models.BPE()).add_special_tokens(tokens)
        seen.append([(t.special, t.normalized) for t in tokens])
    assert seen[0] == seen[1]


# -- async ------------------------------------------------------------------------------------------------------
def encoding_fields(encodings: list[Any]) -> list[tuple[Any, ...]]:
    return [(e.ids, e.tokens, e.offsets, e.type_ids, e.attention_mask, e.special_tokens_mask, e.word_ids)
            for e in encodings]


def pair_setup(lib: Any) -> Any:
    tok = configured(lib, 3, 20)
    tok.no_padding()
    return tok


BATCHES: list[tuple[Any, bool]] = [
    (["t1 t2 added1", ("t3 t4", "t5 x"), ["t1", "t2"]], False),
    ([["t1", "t2", "t3"], (["t3"], ["t4", "t5"]), [["t1"], ["t2", "t3"]]], True),
    (np.array(["t1 t2", "t3"]), False),
    (np.array([["t1", "t2"], ["t3", "added2"]], dtype=object), True),
]


@pytest.mark.parametrize("batch,pretokenized", BATCHES)
def test_async_encode_batch_gives_the_sync_results_and_hfs(batch: Any, pretokenized: bool) -> None:
    results = []
    for lib in LIBS:
        tok = pair_setup(lib)
        sync = tok.encode_batch(batch, is_pretokenized=pretokenized)
        # HF's async methods need a running loop when called: call them inside a coroutine.
        awaited = asyncio.run(_await(lambda: tok.async_encode_batch(batch, is_pretokenized=pretokenized)))
        fast = asyncio.run(_await(lambda: tok.async_encode_batch_fast(batch, is_pretokenized=pretokenized)))
        assert encoding_fields(awaited) == encoding_fields(sync)
        assert [e.ids for e in fast] == [e.ids for e in sync]
        results.append(encoding_fields(awaited))
    assert results[0] == results[1]


def test_async_encode_and_decode_batch_like_hf() -> None:
    results = []
    for lib in LIBS:
        tok = pair_setup(lib)

        async def run() -> Any:
            single = await tok.async_encode("t1 t2 added0", "t3")
            pretok = await tok.async_encode(["t1", "t9"], is_pretokenized=True, add_special_tokens=False)
            decoded = await tok.async_decode_batch([[1, 2, 20], [3]], skip_special_tokens=False)
            return encoding_fields([single, pretok]), decoded

        results.append(asyncio.run(run()))
        assert results[-1][1] == tok.decode_batch([[1, 2, 20], [3]], skip_special_tokens=False)
    assert results[0] == results[1]


def test_async_errors_are_hfs_type_errors() -> None:
    for lib in LIBS:
        tok = pair_setup(lib)
        for call in (lambda: tok.async_encode_batch(123), lambda: tok.async_encode_batch("t1", is_pretokenized=True),
                     lambda: tok.async_decode_batch("abc")):
            with pytest.raises(TypeError):
                asyncio.run(_await(call))


async def _await(call: Callable[[], Any]) -> Any:
    return await call()


def test_async_work_runs_off_the_event_loop_thread_and_concurrently() -> None:
    threads: set[int] = set()

    class Recording:
        def pre_tokenize(self, pretok: Any) -> None:
            threads.add(threading.get_ident())
            pretok.split(lambda i, ns: ns.split(" ", "removed"))

    tok = pair_setup(tokkit)
    tok.pre_tokenizer = tokkit.pre_tokenizers.PreTokenizer.custom(Recording())

    async def run() -> list[Any]:
        return await asyncio.gather(*[tok.async_encode_batch(["t1 t2"] * 50) for _ in range(4)])

    results = asyncio.run(run())
    assert threading.get_ident() not in threads
    assert all(encoding_fields(r) == encoding_fields(results[0]) for r in results)


# -- PreTokenizedString.to_encoding, Token.as_tuple -----------------------------------------------------------
def char_tokens(lib: Any, text: str) -> list[Any]:
    """Two tokens per split; offsets in the unit each library's tokens use (tokkit: chars, HF: bytes; README)."""
    spans = [(0, 1), (1, len(text))] if len(text) > 1 else [(0, len(text))]
    unit = (lambda i: i) if lib is tokkit else (lambda i: len(text[:i].encode()))
    return [lib.Token(len(text) + i, text[a:b], (unit(a), unit(b))) for i, (a, b) in enumerate(spans)]


@pytest.mark.parametrize("text", ["Héllo wörld  ab", "", "  x", "日本 語"])
@pytest.mark.parametrize("kwargs", [{}, {"type_id": 2}, {"word_idx": 5}])
def test_pre_tokenized_string_to_encoding_like_hf(text: str, kwargs: dict[str, int]) -> None:
    results = []
    for lib in LIBS:
        pts = lib.PreTokenizedString(text)
        pts.normalize(lambda ns: ns.nfd())
        pts.split(lambda i, ns: ns.split(" ", "removed"))
        pts.normalize(lambda ns: ns.lowercase())
        pts.tokenize(lambda s, lib=lib: char_tokens(lib, s))
        enc = pts.to_encoding(**kwargs)
        results.append((enc.ids, enc.offsets, enc.word_ids, enc.type_ids, enc.attention_mask,
                        enc.special_tokens_mask, enc.sequence_ids, enc.n_sequences))
    assert results[0] == results[1]


def test_to_encoding_before_tokenize_fails_like_hf() -> None:
    for lib in LIBS:
        with pytest.raises(Exception, match="tokeniz"):
            lib.PreTokenizedString("ab").to_encoding()


def test_token_as_tuple_like_hf() -> None:
    assert tokkit.Token(3, "ab", (0, 2)).as_tuple() == hf.Token(3, "ab", (0, 2)).as_tuple()


# -- NormalizedString, processors.Sequence -------------------------------------------------------------------------
SLICE_KEYS: list[Any] = [-1, 0, 5, 6, 7, -6, -7, (1, 3), (3, 3), (6, 6), (2, 9), (5, 2), (6, 7), (7, 9),
                         slice(-2, None), slice(2, 1), slice(None, None, 2), slice(1, 4), slice(1, 9), slice(7, 9)]


# Non-ASCII text only with keys inside it: HF counts a negative or past-the-end index in bytes there.
@pytest.mark.parametrize("text,key", [("abcdef", key) for key in SLICE_KEYS]
                         + [("abcdéf", key) for key in (0, 4, 5, (1, 5), (2, 6), slice(1, 5))], ids=repr)
def test_normalized_string_slice_like_hf(text: str, key: Any) -> None:
    def run(lib: Any) -> Any:
        found = lib.NormalizedString(text).slice(key)
        return None if found is None else (found.original, found.normalized)

    assert outcome(lambda: run(hf)) == outcome(lambda: run(tokkit))


def test_normalized_string_keywords_and_repr_like_hf() -> None:
    seen = []
    for lib in LIBS:
        ns = lib.NormalizedString(sequence='Héllo "x"\n')
        ns.nfd()
        ns.filter(func=lambda c: c != "l")
        seen.append((repr(ns), str(ns)))
    assert seen[0] == seen[1]


def test_processors_sequence_item_assignment_like_hf() -> None:
    def run(lib: Any, index: Any, make: Callable[[Any], Any]) -> Any:
        seq = lib.processors.Sequence([lib.processors.ByteLevel(), lib.processors.BertProcessing(("[SEP]", 1), ("[CLS]", 0))])
        seq[index] = make(lib)
        return repr(seq)

    makers: list[Callable[[Any], Any]] = [lambda m: m.processors.RobertaProcessing(("</s>", 2), ("<s>", 0)),
                                          lambda m: "x", lambda m: m.normalizers.NFD()]
    for index in (0, 1, 2, "a"):  # -1: a listed difference (tests/test_sequence_items.py)
        for make in makers:
            assert outcome(lambda: run(hf, index, make)) == outcome(lambda: run(tokkit, index, make))


def test_str_cuts_inside_nested_components_like_hf() -> None:
    seen = []
    for lib in LIBS:
        tok = lib.Tokenizer(lib.models.BPE())
        pre = lib.pre_tokenizers
        tok.pre_tokenizer = pre.Sequence([pre.Whitespace()] * 6 + [pre.Sequence([pre.Digits()] * 7)])
        tok.normalizer = lib.normalizers.Sequence([lib.normalizers.Prepend("x" * 150)] * 2 + [lib.normalizers.NFC()] * 5)
        tok.decoder = lib.decoders.Sequence([lib.decoders.Strip("b", 1, 2)] * 7)
        seen.append((str(tok), repr(tok)))
    assert seen[0] == seen[1]


# -- custom components: the user's errors and borrowed strings as HF reports them ----------------------------
class BadNormalizer:
    def normalize(self, normalized: Any, wrong: Any) -> None:
        pass


class RaisingPreTokenizer:
    def pre_tokenize(self, pretok: Any) -> None:
        raise KeyError("k")


class BadDecoder:
    def decode_chain(self, tokens: Any, wrong: Any) -> Any:
        return tokens


def custom_error(call: Callable[[], Any]) -> str:
    with pytest.raises(Exception) as caught:
        call()
    return str(caught.value).split("(", 1)[0]  # the part before Python's own details


@pytest.mark.parametrize("case", ["normalizer", "pre_tokenizer", "decoder"])
def test_custom_component_errors_carry_the_users_error_type_like_hf(case: str) -> None:
    messages = []
    for lib in LIBS:
        calls = {
            "normalizer": lambda: lib.normalizers.Normalizer.custom(BadNormalizer()).normalize_str("Hey"),
            "pre_tokenizer": lambda: lib.pre_tokenizers.PreTokenizer.custom(RaisingPreTokenizer()).pre_tokenize_str("a"),
            "decoder": lambda: lib.decoders.Decoder.custom(BadDecoder()).decode(["a"]),
        }
        messages.append(custom_error(calls[case]))
    assert messages[0] == messages[1]


def test_a_normalized_string_kept_after_custom_normalize_cannot_be_used_like_hf() -> None:
    for lib in LIBS:
        class Keeping:
            def normalize(self, normalized: Any) -> None:
                self.kept = normalized
                normalized.replace("there", "you")

        keeping = Keeping()
        tok = lib.Tokenizer(lib.models.WordLevel({"Hey": 0, "you!": 1}, unk_token="Hey"))
        tok.normalizer = lib.normalizers.Normalizer.custom(keeping)
        tok.pre_tokenizer = lib.pre_tokenizers.WhitespaceSplit()
        assert tok.encode("Hey there!").ids == [0, 1]
        assert lib.normalizers.Normalizer.custom(keeping).normalize_str("Hey there!") == "Hey you!"
        with pytest.raises(Exception, match="Cannot use a NormalizedStringRefMut outside `normalize`"):
            keeping.kept.replace("something", "else")


ARGUMENT_CALLS: list[tuple[str, Callable[[Any, Any], Any]]] = [
    ("padding direction None", lambda lib, tok: tok.enable_padding(direction=None)),
    ("padding pad_id None", lambda lib, tok: tok.enable_padding(pad_id=None)),
    ("padding pad_token None", lambda lib, tok: tok.enable_padding(pad_token=None)),
    ("padding length str", lambda lib, tok: tok.enable_padding(length="x")),
    ("padding length float", lambda lib, tok: tok.enable_padding(length=3.5)),
    ("padding length negative", lambda lib, tok: tok.enable_padding(length=-1)),
    ("padding length huge", lambda lib, tok: tok.enable_padding(length=2**70)),
    ("truncation stride None", lambda lib, tok: tok.enable_truncation(10, stride=None)),
    ("truncation strategy None", lambda lib, tok: tok.enable_truncation(10, strategy=None)),
    ("truncation max_length None", lambda lib, tok: tok.enable_truncation(None)),
    ("train with a str trainer", lambda lib, tok: tok.train_from_iterator(["a"], trainer="x")),
    ("BPE unk_token AddedToken", lambda lib, tok: lib.models.BPE(unk_token=lib.AddedToken("x"))),
]


@pytest.mark.parametrize("name,call", ARGUMENT_CALLS, ids=[name for name, _ in ARGUMENT_CALLS])
def test_argument_types_raise_hf_builtin_errors(name: str, call: Callable[[Any, Any], Any]) -> None:
    # A wrong type is a TypeError and an int out of range an OverflowError, as HF's pyo3 extraction.
    assert outcome(lambda: call(hf, hf.Tokenizer(hf.models.BPE()))) == outcome(
        lambda: call(tokkit, tokkit.Tokenizer(tokkit.models.BPE())))


@pytest.mark.parametrize("pattern", ["a" * 150, "é" * 80, 'q"x'])
def test_str_cuts_long_patterns_and_templates_like_hf(pattern: str) -> None:
    def build(lib: Any) -> list[Any]:
        template = lib.processors.TemplateProcessing(
            single="[CLS] $A [SEP] x y z w", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
            special_tokens=[("[CLS]", 1), ("[SEP]", 0), ("x", 2), ("y", 3), ("z", 4), ("w", 5)])
        return [template, lib.normalizers.Replace(pattern, "c" * 120), lib.normalizers.Replace(lib.Regex(pattern), "b"),
                lib.pre_tokenizers.Split(pattern, "removed"), lib.pre_tokenizers.Split(lib.Regex(pattern), "isolated", True),
                lib.pre_tokenizers.Sequence([lib.pre_tokenizers.Split(pattern, "isolated")])]
    assert [(repr(c), str(c)) for c in build(hf)] == [(repr(c), str(c)) for c in build(tokkit)]
