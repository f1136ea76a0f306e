"""BPE and WordLevel training through ``Tokenizer.train_from_iterator``: tokkit vs the HF wheel.

Both libraries build the same tokenizer, train on the same lines, and must
write the same tokenizer.json (so the same vocab, merges and added tokens).
Where HF itself is not deterministic (an affix, ties at the ``limit_alphabet``
cut) tokkit is compared by overlap and checked to be deterministic.

Also here: the fast ``ByteLevel`` word counting equals the pre-tokenizer word
by word, the fast merge core equals the slow oracle (and its own id-list
variant), and worker processes change nothing.
"""

from __future__ import annotations

import json
import random
import warnings
from collections import Counter
from pathlib import Path

import pytest
import tokenizers as hf
from hypothesis import given
from hypothesis import strategies as st
from oracle.slow_bpe import slow_train_bpe
from strategies import texts

import tokkit
from tokkit._training import counting as _counting, parallel as _parallel
from tokkit._training.byte_level import ByteLevelCounting
from tokkit.pre_tokenizers.byte_level import GPT2, gpt2_pattern
from tokkit.trainers.bpe import core as _bpe_core
from tokkit.trainers.bpe.core import train_bpe
from tokkit.trainers.bpe.words import compute_alphabet

DATA = Path(__file__).parent / "data"
GPT2_SPECIAL = "<|endoftext|>"


def lines_of(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


def byte_level(lib, add_prefix_space: bool = False, use_regex: bool = True):
    return lib.pre_tokenizers.ByteLevel(add_prefix_space=add_prefix_space, use_regex=use_regex)


def whitespace_split(lib):
    return lib.pre_tokenizers.WhitespaceSplit()


def make(lib, pre=byte_level, model: str = "BPE", added=(), normalizer=None):
    tok = lib.Tokenizer(getattr(lib.models, model)())
    if pre is not None:
        tok.pre_tokenizer = pre(lib)
    if normalizer is not None:
        tok.normalizer = normalizer(lib)
    if added:
        tok.add_special_tokens(list(added))
    return tok


def train(lib, lines, pre=byte_level, trainer: str = "BpeTrainer", model: str = "BPE", added=(), normalizer=None,
          **kwargs) -> str:
    tok = make(lib, pre, model, added, normalizer)
    tok.train_from_iterator(lines, getattr(lib.trainers, trainer)(show_progress=False, **kwargs))
    return tok.to_str()


def assert_identical(lines, **kwargs) -> None:
    """HF and tokkit write the same tokenizer.json (a vocab_size HF exceeds also warns, see below)."""
    theirs = train(hf, lines, **kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # checked in test_vocab_size_below_alphabet_gives_hf_vocab_and_a_warning
        ours = train(tokkit, lines, **kwargs)
    assert ours == theirs


# -- byte-level, GPT-2 style ----------------------------------------------------------------------
GPT2_STYLE = {"initial_alphabet": hf.pre_tokenizers.ByteLevel.alphabet(), "special_tokens": [GPT2_SPECIAL]}


@pytest.mark.parametrize("vocab_size", [300, 2000])
def test_gpt2_style_wikitext_slice_identical(vocab_size):
    assert_identical(lines_of("wikitext-slice.txt"), vocab_size=vocab_size, **GPT2_STYLE)


def test_gpt2_style_multilingual_identical():
    assert_identical(lines_of("multilingual.txt"), vocab_size=1500, **GPT2_STYLE)


@pytest.mark.parametrize("add_prefix_space, use_regex", [(True, True), (False, False), (True, False)])
def test_byte_level_options_identical(add_prefix_space, use_regex):
    lines = lines_of("wikitext-slice.txt")[:80] + ["", " ", "  lead", "trail  ", "a\x00b", "\x00"]
    assert_identical(lines, vocab_size=700, pre=lambda lib: byte_level(lib, add_prefix_space, use_regex))


def test_train_from_files_keeps_newlines_identical(tmp_path):
    # Tokenizer.train(files) keeps each line's "\n": trailing whitespace runs end every text.
    path = tmp_path / "corpus.txt"
    path.write_text("\n".join(lines_of("wikitext-slice.txt")[:100]) + "\n  \n\t\n", encoding="utf-8")
    outputs = []
    for lib in (hf, tokkit):
        tok = make(lib, lambda lib: byte_level(lib, add_prefix_space=True))
        tok.train([str(path)], lib.trainers.BpeTrainer(show_progress=False, vocab_size=600, **GPT2_STYLE))
        outputs.append(tok.to_str())
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("options", [{"min_frequency": 3}, {"min_frequency": 40}, {"max_token_length": 3},
                                     {"max_token_length": 1}, {"min_frequency": 2, "max_token_length": 6}])
def test_min_frequency_and_max_token_length_identical(options):
    assert_identical(lines_of("wikitext-slice.txt"), vocab_size=1200, **GPT2_STYLE, **options)


def test_normalizer_before_byte_level_identical():
    lower = lambda lib: lib.normalizers.Sequence([lib.normalizers.NFKC(), lib.normalizers.Lowercase()])  # noqa: E731
    assert_identical(lines_of("multilingual.txt"), vocab_size=900, normalizer=lower)


def test_show_progress_on_and_off_give_the_same_tokenizer(capfd):
    lines = lines_of("wikitext-slice.txt")[:60]
    outputs = set()
    for show in (False, True):
        tok = make(tokkit)
        tok.train_from_iterator(lines, tokkit.trainers.BpeTrainer(vocab_size=500, show_progress=show))
        outputs.add(tok.to_str())
    assert "Compute merges" in capfd.readouterr().err
    assert outputs == {train(hf, lines, vocab_size=500)}


# -- limit_alphabet: HF is deterministic only without ties at the cut -----------------------------
def cut_is_tie_free(words: dict[str, int], initial: list[str], limit: int) -> bool:
    counts: Counter = Counter()
    for word, count in words.items():
        for char in word:
            counts[char] += count
    values = sorted([float("inf")] * len(set(initial) - set(counts)) +
                    [float("inf") if c in initial else n for c, n in counts.items()])
    remove = len(values) - limit
    return remove <= 0 or limit == 0 or values[remove - 1] != values[remove]


@pytest.mark.parametrize("limit", [29, 45, 64, 88])
def test_limit_alphabet_identical_when_no_ties_at_the_cut(limit):
    lines = lines_of("multilingual.txt")
    words = _counting.count_words(make(tokkit), lines)
    if not cut_is_tie_free(words, [], limit):
        pytest.fail(f"limit {limit} ties at the cut on this corpus: pick another limit")
    assert_identical(lines, vocab_size=800, limit_alphabet=limit)


def test_limit_alphabet_ties_are_deterministic_in_tokkit():
    lines = ["aab ccd ef"] * 3  # a, c tie at 6; b, d at 3; e, f at 3
    outputs = {train(tokkit, random.Random(seed).sample(lines, 3), vocab_size=30, limit_alphabet=3,
                     pre=whitespace_split) for seed in range(3)}
    assert len(outputs) == 1
    assert compute_alphabet({"aab": 1, "ccd": 1, "ef": 1}, [], 3) == ["a", "b", "c"]  # highest code point first


# -- special and added tokens are counted as words in training (HF: tokenizer/mod.rs, train) ------
def test_trainer_specials_that_occur_in_the_text_identical():
    lines = [f"{GPT2_SPECIAL}hello world{GPT2_SPECIAL}", "a <s> b", "<s><s>"] * 4
    assert_identical(lines, vocab_size=300, special_tokens=[GPT2_SPECIAL, "<s>", "hello"])


def test_trap6_specials_added_before_training_are_counted_as_words():
    lines = ["<s>hello <s>hello"]
    assert_identical(lines, pre=whitespace_split, added=["<s>"])
    tok = make(tokkit, pre=whitespace_split, added=["<s>"])
    tok.train_from_iterator(lines, tokkit.trainers.BpeTrainer(show_progress=False))
    assert tok.token_to_id("<s>") == 0 and tok.id_to_token(0) == "<s>"
    assert tok.model.get_vocab()["<"] == 0 and tok.model.get_vocab()["<s>"] == 11


def test_trap7_added_tokens_are_counted_as_words_single_word_not_retried():
    single = lambda lib: [lib.AddedToken("abc", single_word=True), lib.AddedToken("bc")]  # noqa: E731
    lines = ["xabc abc", "abcx bc", "xabc"] * 3
    for pre in (whitespace_split, byte_level):
        theirs = make(hf, pre)
        theirs.add_tokens(single(hf))
        theirs.train_from_iterator(lines, hf.trainers.BpeTrainer(show_progress=False, vocab_size=60))
        ours = make(tokkit, pre)
        ours.add_tokens(single(tokkit))
        ours.train_from_iterator(lines, tokkit.trainers.BpeTrainer(show_progress=False, vocab_size=60))
        assert ours.to_str() == theirs.to_str()


def test_initial_alphabet_multi_char_strings_keep_the_first_char():
    assert_identical(["ab ba"], pre=whitespace_split, vocab_size=12, initial_alphabet=["xyz", "é", "", "ab"])
    assert tokkit.trainers.BpeTrainer(initial_alphabet=["xyz", "", "ab"]).initial_alphabet == ["a", "x"]


def test_vocab_size_below_alphabet_gives_hf_vocab_and_a_warning():
    # HF returns all 256 byte chars for vocab_size=100 and says nothing; tokkit returns the same and warns.
    theirs = json.loads(train(hf, ["hi"], vocab_size=100, **GPT2_STYLE))["model"]
    assert len(theirs["vocab"]) == 257
    with pytest.warns(UserWarning, match="raise vocab_size to at least 257"):
        ours = json.loads(train(tokkit, ["hi"], vocab_size=100, **GPT2_STYLE))["model"]
    assert ours == theirs


# -- ties break on ids; max_token_length checks merged pairs only (HF: models/bpe/trainer.rs, do_train) ---
@pytest.mark.parametrize("line, merge", [("ba ab", ["a", "b"]), ("ba ba ab", ["b", "a"])])
def test_trap1_tie_break_uses_ids_not_strings(line, merge):
    assert_identical([line], pre=whitespace_split, vocab_size=3)
    assert json.loads(train(tokkit, [line], pre=whitespace_split, vocab_size=3))["model"]["merges"] == [merge]


@pytest.mark.parametrize("limit, longest", [(1, 2), (3, 2), (4, 2), (5, 4)])
def test_trap2_max_token_length_only_checked_on_merged_pairs(limit, longest):
    lines = ["abcdefgh"] * 4
    assert_identical(lines, pre=whitespace_split, vocab_size=30, max_token_length=limit)
    vocab = json.loads(train(tokkit, lines, pre=whitespace_split, vocab_size=30, max_token_length=limit))
    assert max(map(len, vocab["model"]["vocab"])) == longest


# -- random corpora from small alphabets: many ties, broken by ids (HF: models/bpe/trainer.rs, do_train) ---
small_lines = st.lists(st.text(st.sampled_from("ab  é'\n\t0.中\x00"), max_size=14), min_size=1, max_size=8)
bpe_options = st.fixed_dictionaries({"vocab_size": st.integers(12, 90)}, optional={
    "min_frequency": st.integers(0, 5),
    "max_token_length": st.integers(1, 5),
    "special_tokens": st.lists(st.sampled_from([GPT2_SPECIAL, "a", "Ġa", "ab", "中"]), max_size=3),
    "initial_alphabet": st.lists(st.sampled_from(["x", "ab", "é", "Ġq", ""]), max_size=3),
})


@given(lines=small_lines, options=bpe_options, prefix=st.booleans(), regex=st.booleans())
def test_random_byte_level_corpora_identical(lines, options, prefix, regex):
    assert_identical(lines, pre=lambda lib: byte_level(lib, prefix, regex), **options)


@given(lines=small_lines, options=bpe_options, limit=st.integers(0, 8))
def test_random_corpora_with_limit_alphabet_identical_when_no_ties(lines, options, limit):
    words = _counting.count_words(make(tokkit, whitespace_split), lines)
    initial = [s[0] for s in options.get("initial_alphabet", []) if s]
    if cut_is_tie_free(words, initial, limit):
        assert_identical(lines, pre=whitespace_split, limit_alphabet=limit, **options)


# -- an affix: HF follows hash order, so compare by overlap; tokkit is deterministic -----------------
@pytest.mark.parametrize("affix", [{"continuing_subword_prefix": "##"}, {"end_of_word_suffix": "</w>"}])
def test_affix_overlaps_hf_and_is_deterministic(affix):
    lines = lines_of("wikitext-slice.txt")
    theirs = set(json.loads(train(hf, lines, vocab_size=1500, **affix))["model"]["vocab"])
    ours = {train(tokkit, random.Random(seed).sample(lines, len(lines)), vocab_size=1500, **affix)
            for seed in range(2)}
    assert len(ours) == 1
    vocab = set(json.loads(ours.pop())["model"]["vocab"])
    assert len(vocab) == len(theirs) and len(vocab & theirs) / len(theirs) > 0.97


# -- WordLevelTrainer -----------------------------------------------------------------------------
wordlevel_options = st.fixed_dictionaries({}, optional={
    "vocab_size": st.integers(0, 30),
    "min_frequency": st.integers(0, 4),
    "special_tokens": st.lists(st.sampled_from(["[UNK]", "a", "Ġa", "中"]), max_size=3),
})


@given(lines=small_lines, options=wordlevel_options, pre=st.sampled_from([byte_level, whitespace_split]))
def test_random_wordlevel_identical(lines, options, pre):
    assert_identical(lines, pre=pre, trainer="WordLevelTrainer", model="WordLevel", **options)


def test_trap3_wordlevel_word_overwrites_a_special_token():
    lines = ["b a c a b d e e [UNK] Z"]
    kwargs = dict(pre=whitespace_split, trainer="WordLevelTrainer", model="WordLevel", vocab_size=7,
                  special_tokens=["[UNK]", "a"])
    assert_identical(lines, **kwargs)
    vocab = json.loads(train(tokkit, lines, **kwargs))["model"]["vocab"]
    assert vocab == {"a": 2, "b": 3, "e": 4, "Z": 5, "[UNK]": 6}


def test_wordlevel_byte_level_multilingual_identical():
    assert_identical(lines_of("multilingual.txt"), trainer="WordLevelTrainer", model="WordLevel",
                     vocab_size=400, min_frequency=2)


# -- the fast ByteLevel word counting ---------------------------------------------------------------
def slow_counts(pre_tokenizer, texts_, normalize=None) -> Counter:
    return Counter(w for t in texts_ for w in pre_tokenizer.split_words(normalize(t) if normalize else t))


def fast_counts(pre_tokenizer, batches, normalize=None) -> dict:
    plan = ByteLevelCounting(pre_tokenizer.fast_path(), normalize)
    counts: Counter = Counter()
    for batch in batches:
        plan.count(counts, batch)
    return plan.finish(counts)


# whitespace runs at text ends are where joining texts could change the words
spacey_texts = st.text(st.sampled_from("a 's\t\n\u3000\x85.1\x1c"), max_size=8)
batches = st.lists(st.one_of(texts, spacey_texts), max_size=6)


@given(batch=batches, prefix=st.booleans(), regex=st.booleans(), cut=st.integers(0, 6))
def test_byte_level_counting_equals_the_pre_tokenizer(batch, prefix, regex, cut):
    pre = tokkit.pre_tokenizers.ByteLevel(add_prefix_space=prefix, use_regex=regex)
    assert fast_counts(pre, [batch[:cut], batch[cut:]]) == slow_counts(pre, batch)


@given(batch=batches)
def test_byte_level_counting_with_a_normalizer(batch):
    normalize = tokkit.normalizers.Sequence([tokkit.normalizers.NFKC(), tokkit.normalizers.Lowercase()]).normalize_str
    pre = tokkit.pre_tokenizers.ByteLevel()
    assert fast_counts(pre, [batch], normalize) == slow_counts(pre, batch, normalize)


@pytest.mark.parametrize("batches", [
    [["a\x00b  c", "\x00"], ["x y\x00"]],  # the separator inside texts: text by text
    [["it's", " 's  ", "\t\n x"], ["\x00 a", ""], ["end  "]],
    [[], [""], [" "]],
])
def test_byte_level_counting_separator_edge_cases(batches):
    pre = tokkit.pre_tokenizers.ByteLevel(add_prefix_space=False)
    assert fast_counts(pre, batches) == slow_counts(pre, [t for b in batches for t in b])


def test_byte_level_counting_words_match_hf():
    lines = lines_of("multilingual.txt") + lines_of("wikitext-slice.txt")[:50]
    theirs = hf.pre_tokenizers.ByteLevel(add_prefix_space=False)
    expected = Counter(w for line in lines for w, _ in theirs.pre_tokenize_str(line))
    assert _counting.count_words(make(tokkit), lines) == expected


def test_separated_pattern_is_the_byte_level_regex_plus_the_separator():
    separated = gpt2_pattern("\x00").template
    assert separated.replace(r"\U00000000", "").removesuffix("|") == GPT2.template
    text = "it's  a \u3000b\x00c"
    assert gpt2_pattern("\x00").plain.findall(text) == GPT2.plain.findall("it's  a \u3000b") + ["\x00", "c"]


def test_byte_level_counting_is_used_only_for_the_gpt2_pattern():
    pre = tokkit.pre_tokenizers.ByteLevel()
    assert ByteLevelCounting.applies_to(pre.fast_path())
    assert not ByteLevelCounting.applies_to(tokkit.pre_tokenizers.Whitespace().fast_path())


def test_a_byte_level_subclass_that_changes_pre_tokenize_is_counted_word_by_word():
    class Shouting(tokkit.pre_tokenizers.ByteLevel):
        def pre_tokenize(self, pretok):
            super().pre_tokenize(pretok)
            pretok.normalize(lambda ns: ns.uppercase())

    tok = make(tokkit)
    tok.pre_tokenizer = Shouting(add_prefix_space=False)
    assert _counting.count_words(tok, ["hi there"]) == {"HI": 1, "ĠTHERE": 1}


# -- worker processes -------------------------------------------------------------------------------
@pytest.mark.parametrize("pre", [byte_level, whitespace_split])
def test_one_process_equals_two(monkeypatch, pre):
    lines = lines_of("wikitext-slice.txt") + lines_of("multilingual.txt")
    outputs = []
    for procs, threshold in (("1", 1 << 40), ("2", 1)):
        monkeypatch.setenv("TOKKIT_NUM_PROC", procs)
        monkeypatch.setattr(_parallel, "PARALLEL_THRESHOLD_CHARS", threshold)
        monkeypatch.setattr(_counting, "_BATCH_CHARS", 1)  # many batches
        outputs.append(train(tokkit, lines, pre=pre, vocab_size=1800))
    assert outputs[0] == outputs[1] == train(hf, lines, pre=pre, vocab_size=1800)


# -- the fast core against the slow oracle, and against its own id-list variant ------------------------
oracle_words = st.dictionaries(st.text(st.sampled_from("abcé"), min_size=1, max_size=9), st.integers(1, 6),
                               min_size=1, max_size=15)
oracle_options = st.fixed_dictionaries({"vocab_size": st.integers(0, 50)}, optional={
    "min_frequency": st.integers(0, 6),
    "max_token_length": st.integers(1, 5),
    "special_tokens": st.lists(st.sampled_from(["a", "ab", "<s>", "##b", "b</w>"]), max_size=3),
    "limit_alphabet": st.integers(0, 4),
    "initial_alphabet": st.lists(st.sampled_from("xyab"), max_size=2),
    "prefix": st.sampled_from(["##", "", "@@"]),  # affixes that cannot collide with merge results
    "suffix": st.sampled_from(["</w>", "!"]),
})


@given(words=oracle_words, options=oracle_options)
def test_fast_core_equals_slow_oracle(words, options):
    result = train_bpe(words, **options)
    assert (result.vocab, result.merges) == slow_train_bpe(words, **options)


@given(words=oracle_words, options=oracle_options)
def test_id_list_merger_equals_string_merger(words, options):
    fast = train_bpe(words, **options)
    try:
        _bpe_core.MAX_STRING_ID = 0  # every run takes the id-list path
        slow = train_bpe(words, **options)
    finally:
        _bpe_core.MAX_STRING_ID = _bpe_core.sys.maxunicode
    assert (fast.vocab, fast.merges) == (slow.vocab, slow.merges)


def test_colliding_affix_merges_a_word_once_per_entry():
    # "#" + "###"[2:] == "##": a merge result equal to the prefix, then x + "" == x: new id == a.
    words = {"##x##": 3, "x###": 2, "#": 1}
    results = set()
    for limit in (0, _bpe_core.sys.maxunicode):
        _bpe_core.MAX_STRING_ID = limit
        try:
            result = train_bpe(words, vocab_size=40, prefix="##")
        finally:
            _bpe_core.MAX_STRING_ID = _bpe_core.sys.maxunicode
        results.add((tuple(result.id_to_token), tuple(result.merges)))
    assert len(results) == 1
