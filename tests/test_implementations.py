"""The ready-made tokenizers (tokkit.implementations) against HF's, built, trained and used the same way."""

from __future__ import annotations

import asyncio
import inspect
import json
import pickle
from pathlib import Path
from typing import Any, Callable

import pytest
import tokenizers as hf
from tokenizers import implementations as hf_impl

import tokkit
from tokkit import implementations as tk_impl

from parity import assert_same_encoding

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "wikitext-slice.txt"
MULTILINGUAL = DATA / "multilingual.txt"
SAMPLES = [
    "Hello, y'all! How are you 😁 ?",
    "  The  Quick brown FOX jumped over the lazy dog.  ",
    "Héllo wörld, naïve café; 東京 is big.",
    "unbelievable tokenization",
]
PAIR = ("My name is John", "pair")
NAMES = ["BertWordPieceTokenizer", "ByteLevelBPETokenizer", "CharBPETokenizer",
         "SentencePieceBPETokenizer", "SentencePieceUnigramTokenizer"]


def corpus_lines() -> list[str]:
    return CORPUS.read_text(encoding="utf-8").splitlines()


def both(name: str, *args: Any, **kwargs: Any) -> tuple[Any, Any]:
    """The same implementation built by tokkit and by HF."""
    return getattr(tk_impl, name)(*args, **kwargs), getattr(hf_impl, name)(*args, **kwargs)


def assert_same_tokenizer(ours: Any, theirs: Any, texts: list[str] = SAMPLES, same_json: bool = True) -> None:
    """Same JSON, same repr, same vocab, and the same encodings of ``texts`` (single and paired)."""
    if same_json:
        assert json.loads(ours.to_str()) == json.loads(theirs.to_str())
    assert repr(ours) == repr(theirs)
    assert ours.get_vocab() == theirs.get_vocab()
    assert ours.get_vocab_size(with_added_tokens=False) == theirs.get_vocab_size(with_added_tokens=False)
    for text in texts:
        try:
            expected = theirs.encode(text)
        except Exception as error:  # HF refuses this text (a Unigram without unk): so must tokkit
            with pytest.raises(Exception) as mine:
                ours.encode(text)
            assert str(mine.value) == str(error)
            continue
        assert_same_encoding(ours.encode(text), expected, text)
        assert_same_encoding(ours.encode(text, "a second one"), theirs.encode(text, "a second one"), text)
        assert ours.decode(expected.ids) == theirs.decode(expected.ids)
        assert ours.decode(expected.ids, skip_special_tokens=False) == theirs.decode(expected.ids, False)


# -- training ---------------------------------------------------------------------------------
#: HF gives the affixed symbols (``##x``, ``x</w>``) ids in hash order, so its own runs differ from each
#: other (README "Differences"): these trainings are compared by vocabulary overlap.
AFFIXED = {"BertWordPieceTokenizer", "CharBPETokenizer"}

TRAINING: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("BertWordPieceTokenizer", {}, {"vocab_size": 600}),
    ("BertWordPieceTokenizer", {"lowercase": False, "strip_accents": True, "wordpieces_prefix": "@@"},
     {"vocab_size": 500, "min_frequency": 1, "wordpieces_prefix": "@@", "special_tokens": ["[UNK]", "<x>"]}),
    ("ByteLevelBPETokenizer", {}, {"vocab_size": 600}),
    ("ByteLevelBPETokenizer", {"add_prefix_space": True, "lowercase": True, "unicode_normalizer": "nfkc",
                               "trim_offsets": True}, {"vocab_size": 500, "special_tokens": ["<s>", "</s>"]}),
    ("CharBPETokenizer", {}, {"vocab_size": 600}),
    ("CharBPETokenizer", {"lowercase": True, "bert_normalizer": False, "split_on_whitespace_only": True,
                          "unicode_normalizer": "nfd", "suffix": "@"},
     {"vocab_size": 500, "suffix": "@", "limit_alphabet": 60, "initial_alphabet": ["ж"]}),
    ("SentencePieceBPETokenizer", {}, {"vocab_size": 600}),
    ("SentencePieceBPETokenizer", {"add_prefix_space": False, "replacement": "_", "fuse_unk": True},
     {"vocab_size": 400, "min_frequency": 3, "special_tokens": ["<unk>", "<pad>"]}),
    ("SentencePieceUnigramTokenizer", {}, {"vocab_size": 300, "special_tokens": ["<unk>"], "unk_token": "<unk>"}),
    ("SentencePieceUnigramTokenizer", {"add_prefix_space": False}, {"vocab_size": 200, "initial_alphabet": ["ж"]}),
]


def assert_same_training(name: str, ours: Any, theirs: Any, texts: list[str] = SAMPLES) -> None:
    """``ours`` learned what ``theirs`` (HF) learned, and encodes as HF does with ``ours``'s model."""
    mine, hers = json.loads(ours.to_str()), json.loads(theirs.to_str())
    if name in AFFIXED:
        a, b = set(mine["model"].pop("vocab")), set(hers["model"].pop("vocab"))
        assert len(a) == len(b) and len(a & b) / len(b) > 0.97
        assert len(mine["model"].pop("merges", [])) == len(hers["model"].pop("merges", []))
    if name == "SentencePieceUnigramTokenizer":
        # Scores within 1e-3 of HF's: HF gives the chars it had to add their k·1e-4 penalties in hash
        # order (tokkit in code-point order), so pieces may also sort differently (README "Differences").
        assert_close(dict(mine["model"].pop("vocab")), dict(hers["model"].pop("vocab")), tolerance=1e-3)
    assert_close(mine, hers)
    # The same model in HF's own pipeline: every encoding must match.  (Its JSON is not compared:
    # serde_json's float parsing may move a score by one ulp on the way in.)
    hf_twin = hf_impl.BaseTokenizer(hf.Tokenizer.from_str(ours.to_str()), theirs._parameters)
    assert_same_tokenizer(ours, hf_twin, texts, same_json=False)


def assert_close(mine: Any, hers: Any, tolerance: float = 1e-12) -> None:
    if isinstance(hers, float):
        assert mine == pytest.approx(hers, rel=tolerance, abs=tolerance)
    elif isinstance(hers, (list, dict)):
        assert type(mine) is type(hers) and len(mine) == len(hers)
        if isinstance(hers, dict):
            assert set(mine) == set(hers)
            for key in hers:
                assert_close(mine[key], hers[key], tolerance)
        else:
            for a, b in zip(mine, hers):
                assert_close(a, b, tolerance)
    else:
        assert mine == hers


@pytest.mark.parametrize(("name", "options", "train_options"), TRAINING)
def test_train_from_files_as_hf(name: str, options: dict[str, Any], train_options: dict[str, Any]) -> None:
    ours, theirs = both(name, **options)
    ours.train(str(CORPUS), show_progress=False, **train_options)
    theirs.train(str(CORPUS), show_progress=False, **train_options)
    assert_same_training(name, ours, theirs, SAMPLES + corpus_lines()[:20])


@pytest.mark.parametrize(("name", "options", "train_options"), TRAINING[::2])
def test_train_from_iterator_as_hf(name: str, options: dict[str, Any], train_options: dict[str, Any]) -> None:
    ours, theirs = both(name, **options)
    lines = corpus_lines()
    batches = [lines[i:i + 7] for i in range(0, len(lines), 7)]
    ours.train_from_iterator(iter(batches), show_progress=False, length=len(batches), **train_options)
    theirs.train_from_iterator(iter(batches), show_progress=False, length=len(batches), **train_options)
    assert_same_training(name, ours, theirs)


@pytest.mark.parametrize("name", sorted(AFFIXED))
def test_affixed_training_is_deterministic(name: str) -> None:
    first, second = getattr(tk_impl, name)(), getattr(tk_impl, name)()
    first.train(str(CORPUS), vocab_size=500, show_progress=False)
    second.train_from_iterator(reversed(corpus_lines()), vocab_size=500, show_progress=False)
    assert first.to_str() == second.to_str()


@pytest.mark.parametrize("name", NAMES)
def test_untrained_defaults_as_hf(name: str) -> None:
    ours, theirs = both(name)
    assert json.loads(ours.to_str()) == json.loads(theirs.to_str())
    assert repr(ours) == repr(theirs)


def test_train_takes_a_list_of_files() -> None:
    ours, theirs = both("ByteLevelBPETokenizer")
    files = [str(CORPUS), str(MULTILINGUAL)]
    ours.train(files, vocab_size=700, show_progress=False)
    theirs.train(files, vocab_size=700, show_progress=False)
    assert_same_tokenizer(ours, theirs, SAMPLES + MULTILINGUAL.read_text(encoding="utf-8").splitlines()[:10])


# -- from files --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def gpt2_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """GPT-2's vocab.json and merges.txt, written by HF's own save_model."""
    folder = tmp_path_factory.mktemp("gpt2")
    vocab, merges = hf.Tokenizer.from_file(str(DATA / "gpt2.json")).model.save(str(folder))
    return vocab, merges


@pytest.fixture(scope="module")
def bert_vocab(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("bert")
    return str(hf.Tokenizer.from_file(str(DATA / "bert-base-uncased.json")).model.save(str(folder))[0])


@pytest.mark.parametrize("options", [{}, {"add_prefix_space": True}, {"add_prefix_space": True, "lowercase": True},
                                     {"trim_offsets": True, "unicode_normalizer": "nfc"}])
def test_byte_level_from_file_as_hf(gpt2_files: tuple[str, str], options: dict[str, Any]) -> None:
    ours = tk_impl.ByteLevelBPETokenizer.from_file(*gpt2_files, **options)
    theirs = hf_impl.ByteLevelBPETokenizer.from_file(*gpt2_files, **options)
    assert_same_tokenizer(ours, theirs, SAMPLES + ["The Quick Brown Fox Jumps Over The Lazy Dog"])


@pytest.mark.parametrize("options", [{}, {"lowercase": False}, {"strip_accents": False, "clean_text": False},
                                     {"handle_chinese_chars": False, "wordpieces_prefix": "##"}])
def test_bert_from_file_as_hf(bert_vocab: str, options: dict[str, Any]) -> None:
    ours = tk_impl.BertWordPieceTokenizer.from_file(bert_vocab, **options)
    theirs = hf_impl.BertWordPieceTokenizer.from_file(bert_vocab, **options)
    assert_same_tokenizer(ours, theirs)
    assert_same_encoding(ours.encode(*PAIR), theirs.encode(*PAIR))
    assert_same_encoding(ours.encode(*PAIR, add_special_tokens=False), theirs.encode(*PAIR, add_special_tokens=False))


def test_bert_vocab_as_a_path_and_as_a_dict(bert_vocab: str) -> None:
    vocab = hf.models.WordPiece.read_file(bert_vocab)
    assert_same_tokenizer(tk_impl.BertWordPieceTokenizer(vocab), hf_impl.BertWordPieceTokenizer(vocab))
    assert_same_tokenizer(tk_impl.BertWordPieceTokenizer(bert_vocab), hf_impl.BertWordPieceTokenizer(bert_vocab))


@pytest.mark.parametrize("missing", ["[SEP]", "[CLS]"])
def test_bert_without_sep_or_cls_raises_type_error_as_hf(missing: str) -> None:
    vocab = {token: i for i, token in enumerate(["[UNK]", "[SEP]", "[CLS]", "a"]) if token != missing}
    with pytest.raises(TypeError) as theirs:
        hf_impl.BertWordPieceTokenizer(vocab)
    with pytest.raises(TypeError) as ours:
        tk_impl.BertWordPieceTokenizer(vocab)
    assert str(theirs.value) in str(ours.value)


@pytest.mark.parametrize("name", ["CharBPETokenizer", "SentencePieceBPETokenizer", "ByteLevelBPETokenizer"])
def test_bpe_save_model_then_from_file_as_hf(name: str, tmp_path: Path) -> None:
    ours = getattr(tk_impl, name)()
    # Lines without their "\n": trained from the file, SentencePieceBPE learns "▁\n", which no
    # merges.txt can hold (HF's from_file fails on its own file then, as tokkit's does).
    ours.train_from_iterator(corpus_lines(), vocab_size=500, show_progress=False)
    hf_twin = hf.Tokenizer.from_str(ours.to_str())  # the same model, saved by HF
    (tmp_path / "ours").mkdir()
    (tmp_path / "theirs").mkdir()
    our_files = ours.save_model(str(tmp_path / "ours"), prefix="x")
    their_files = hf_twin.model.save(str(tmp_path / "theirs"), prefix="x")
    assert [Path(f).name for f in our_files] == [Path(f).name for f in their_files]
    for mine, hers in zip(our_files, their_files):
        assert Path(mine).read_bytes() == Path(hers).read_bytes()
    assert ours.save_model(str(tmp_path / "ours")) == [str(tmp_path / "ours" / Path(f).name[2:]) for f in our_files]
    assert_same_tokenizer(getattr(tk_impl, name).from_file(*our_files), getattr(hf_impl, name).from_file(*their_files))


def test_save_writes_hf_file(tmp_path: Path) -> None:
    ours, theirs = both("ByteLevelBPETokenizer", add_prefix_space=True)
    ours.train(str(CORPUS), vocab_size=400, show_progress=False, special_tokens=["<s>"])
    theirs.train(str(CORPUS), vocab_size=400, show_progress=False, special_tokens=["<s>"])
    for pretty in (True, False):
        ours.save(str(tmp_path / "ours.json"), pretty=pretty)
        theirs.save(str(tmp_path / "theirs.json"), pretty=pretty)
        assert (tmp_path / "ours.json").read_text(encoding="utf-8") == (tmp_path / "theirs.json").read_text(
            encoding="utf-8")
        assert ours.to_str(pretty) == theirs.to_str(pretty)


# -- BaseTokenizer's delegating methods --------------------------------------------------------
@pytest.fixture(scope="module")
def bert_pair(bert_vocab: str) -> tuple[Any, Any]:
    return tk_impl.BertWordPieceTokenizer.from_file(bert_vocab), hf_impl.BertWordPieceTokenizer.from_file(bert_vocab)


def test_padding_and_truncation_as_hf(bert_pair: tuple[Any, Any]) -> None:
    ours, theirs = both_copies(bert_pair)
    for tokenizer in (ours, theirs):
        tokenizer.enable_padding(direction="left", pad_to_multiple_of=8, pad_id=0, pad_token="[PAD]")
        tokenizer.enable_truncation(12, stride=2, strategy="longest_first")
    assert ours.padding == theirs.padding
    assert ours.truncation == theirs.truncation
    batch = [SAMPLES[1], (SAMPLES[0], SAMPLES[2]), "short"]
    for mine, hers in zip(ours.encode_batch(batch), theirs.encode_batch(batch)):
        assert_same_encoding(mine, hers)
    for tokenizer in (ours, theirs):
        tokenizer.no_padding()
        tokenizer.no_truncation()
    assert ours.padding is None and ours.truncation is None and theirs.truncation is None


def both_copies(pair: tuple[Any, Any]) -> tuple[Any, Any]:
    """Fresh copies of a (tokkit, HF) pair, so a test's settings stay in the test."""
    ours, theirs = pair
    return (tk_impl.BertWordPieceTokenizer(ours.get_vocab(with_added_tokens=False)),
            hf_impl.BertWordPieceTokenizer(theirs.get_vocab(with_added_tokens=False)))


def test_vocabulary_methods_as_hf(bert_pair: tuple[Any, Any]) -> None:
    ours, theirs = both_copies(bert_pair)
    assert ours.add_tokens(["hello", "newword", tokkit.AddedToken("<x>", lstrip=True)]) == theirs.add_tokens(
        ["hello", "newword", hf.AddedToken("<x>", lstrip=True)])
    assert ours.add_special_tokens(["<s>", "[SEP]"]) == theirs.add_special_tokens(["<s>", "[SEP]"])
    assert ours.get_vocab() == theirs.get_vocab()
    assert ours.get_vocab(with_added_tokens=False) == theirs.get_vocab(with_added_tokens=False)
    assert ours.get_vocab_size() == theirs.get_vocab_size()
    assert {i: str(t) for i, t in ours.get_added_tokens_decoder().items()} == {
        i: str(t) for i, t in theirs.get_added_tokens_decoder().items()}
    for is_pair in (False, True):
        assert ours.num_special_tokens_to_add(is_pair) == theirs.num_special_tokens_to_add(is_pair)
    for token in ("hello", "newword", "<s>", "absent-token"):
        assert ours.token_to_id(token) == theirs.token_to_id(token)
    for token_id in (0, 101, 7592, theirs.get_vocab_size() - 1, 10**6):
        assert ours.id_to_token(token_id) == theirs.id_to_token(token_id)
    text = "<s> hello newword <x> there"
    assert_same_encoding(ours.encode(text), theirs.encode(text))
    ids = theirs.encode(text).ids
    assert ours.decode_batch([ids, ids[:2]]) == theirs.decode_batch([ids, ids[:2]])
    assert ours.decode_batch([ids], skip_special_tokens=False) == theirs.decode_batch([ids], False)


def test_normalize_pretokenized_and_post_process_as_hf(bert_pair: tuple[Any, Any]) -> None:
    ours, theirs = bert_pair
    for text in SAMPLES:
        assert ours.normalize(text) == theirs.normalize(text)
    words = ["Hello", "wörld", "again"]
    assert_same_encoding(ours.encode(words, is_pretokenized=True), theirs.encode(words, is_pretokenized=True))
    assert_same_encoding(ours.encode_batch([words], is_pretokenized=True)[0],
                         theirs.encode_batch([words], is_pretokenized=True)[0])
    mine = ours.post_process(ours.encode("a b", add_special_tokens=False), ours.encode("c", add_special_tokens=False))
    hers = theirs.post_process(theirs.encode("a b", add_special_tokens=False),
                               theirs.encode("c", add_special_tokens=False))
    assert_same_encoding(mine, hers)


def test_async_methods_as_hf(bert_pair: tuple[Any, Any]) -> None:
    ours, theirs = bert_pair

    async def run(tokenizer: Any) -> tuple[list[Any], list[Any], list[str]]:
        first = await tokenizer.async_encode_batch(SAMPLES)
        fast = await tokenizer.async_encode_batch_fast(SAMPLES)
        texts = await tokenizer.async_decode_batch([e.ids for e in first])
        return first, fast, texts

    mine, hers = asyncio.run(run(ours)), asyncio.run(run(theirs))
    for a, b in zip(mine[0], hers[0]):
        assert_same_encoding(a, b)
    assert [e.ids for e in mine[1]] == [e.ids for e in hers[1]]
    assert mine[2] == hers[2]


@pytest.mark.parametrize("call", [
    lambda t: t.encode(None), lambda t: t.encode_batch(None), lambda t: t.decode(None),
    lambda t: t.decode_batch(None), lambda t: asyncio.run(t.async_encode_batch(None)),
    lambda t: asyncio.run(t.async_encode_batch_fast(None)), lambda t: asyncio.run(t.async_decode_batch(None)),
])
def test_none_inputs_raise_value_error_as_hf(bert_pair: tuple[Any, Any], call: Callable[[Any], Any]) -> None:
    ours, theirs = bert_pair
    with pytest.raises(ValueError) as hers:
        call(theirs)
    with pytest.raises(ValueError) as mine:
        call(ours)
    assert str(hers.value) in str(mine.value)


def test_components_get_and_set() -> None:
    tokenizer = tk_impl.BaseTokenizer(tokkit.Tokenizer(tokkit.models.BPE()))
    assert tokenizer.normalizer is None and tokenizer.decoder is None
    tokenizer.model = tokkit.models.Unigram()
    tokenizer.normalizer = tokkit.normalizers.NFD()
    tokenizer.pre_tokenizer = tokkit.pre_tokenizers.Whitespace()
    tokenizer.post_processor = tokkit.processors.ByteLevel()
    tokenizer.decoder = tokkit.decoders.WordPiece()
    assert isinstance(tokenizer.model, tokkit.models.Unigram)
    assert isinstance(tokenizer.normalizer, tokkit.normalizers.NFD)
    assert isinstance(tokenizer.pre_tokenizer, tokkit.pre_tokenizers.Whitespace)
    assert isinstance(tokenizer.post_processor, tokkit.processors.ByteLevel)
    assert isinstance(tokenizer.decoder, tokkit.decoders.WordPiece)
    assert repr(tokenizer) == repr(hf_impl.BaseTokenizer(hf.Tokenizer(hf.models.Unigram())))


def test_normalize_without_normalizer_fails_as_hf() -> None:
    with pytest.raises(AttributeError):
        hf_impl.BaseTokenizer(hf.Tokenizer(hf.models.BPE())).normalize("x")
    with pytest.raises(AttributeError, match="no normalizer"):
        tk_impl.BaseTokenizer(tokkit.Tokenizer(tokkit.models.BPE())).normalize("x")


def test_exported_from_the_package_as_hf() -> None:
    for name in NAMES:
        assert getattr(tokkit, name) is getattr(tk_impl, name)
        assert getattr(hf, name) is getattr(hf_impl, name)
    assert sorted(n for n in dir(hf_impl) if not n.startswith("_") and n[0].isupper()) == sorted(
        n for n in dir(tk_impl) if not n.startswith("_") and n[0].isupper())


@pytest.mark.parametrize("name", ["BaseTokenizer"] + NAMES)
def test_signatures_are_hf(name: str) -> None:
    """Every public method and property of HF's class, with HF's parameters (names, kinds, defaults)."""
    theirs, ours = getattr(hf_impl, name), getattr(tk_impl, name)
    for attribute, member in vars(theirs).items() | vars(hf_impl.BaseTokenizer).items():
        if attribute.startswith("_") and attribute != "__init__":
            continue
        mine = inspect.getattr_static(ours, attribute)
        assert type(mine) is type(inspect.getattr_static(theirs, attribute)), attribute  # property, staticmethod...
        if isinstance(mine, property):
            assert (mine.fset is None) == (inspect.getattr_static(theirs, attribute).fset is None), attribute
            continue
        expected = [(p.name, p.kind, p.default) for p in inspect.signature(getattr(theirs, attribute)).parameters.values()]
        actual = [(p.name, p.kind, p.default) for p in inspect.signature(getattr(ours, attribute)).parameters.values()]
        assert actual == expected, attribute
        assert inspect.iscoroutinefunction(getattr(ours, attribute)) == inspect.iscoroutinefunction(
            getattr(theirs, attribute)), attribute


def test_sentencepiece_bpe_refuses_an_added_token_unk_as_hf() -> None:
    with pytest.raises(TypeError):
        hf_impl.SentencePieceBPETokenizer(unk_token=hf.AddedToken("<unk>"))
    with pytest.raises(TypeError, match="unk_token must be a str"):
        tk_impl.SentencePieceBPETokenizer(unk_token=tokkit.AddedToken("<unk>"))


@pytest.mark.parametrize("name", NAMES)
def test_pickle_round_trip_as_hf(name: str) -> None:
    ours, theirs = both(name)
    ours.train_from_iterator(corpus_lines()[:200], vocab_size=300, show_progress=False)
    theirs.train_from_iterator(corpus_lines()[:200], vocab_size=300, show_progress=False)
    mine, hers = pickle.loads(pickle.dumps(ours)), pickle.loads(pickle.dumps(theirs))
    assert type(mine) is type(ours) and repr(mine) == repr(hers)
    # Pickling goes through the JSON, as in HF (serde_json's float parsing included).
    assert mine.to_str() == tokkit.Tokenizer.from_str(ours.to_str()).to_str()
    assert hers.to_str() == hf.Tokenizer.from_str(theirs.to_str()).to_str()
    assert_same_encoding(mine.encode(SAMPLES[1]), ours.encode(SAMPLES[1]))
