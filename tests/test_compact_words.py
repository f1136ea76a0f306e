"""CompactWords (word counts in one buffer) and the trainers reading it: same as a plain dict.

* ``CompactWords`` behaves as a read-only ``Mapping[str, int]`` equal to the dict it came from,
  for any words (surrogates and astral chars included) and any non-negative count, huge ones too;
* the BPE trainer's compact start (``word_strings`` with a prefix, chunked ``compute_alphabet``)
  gives the symbols, ids and alphabet of the per-word path;
* every trainer gives byte-identical tokenizers from ``trainer.words`` as a dict or as a
  ``CompactWords``, and ``Tokenizer.train`` (which keeps compact counts) agrees with HF.
"""

from __future__ import annotations

import pickle
from collections import Counter
from typing import Any, Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tokenizers as hf
from tokkit import Tokenizer, models, normalizers, pre_tokenizers, trainers
from tokkit._support.word_counts import CompactWords, count_array
from tokkit.trainers.bpe.words import Vocab, _count_groups, compute_alphabet, word_ids, word_strings

WORD = st.text(st.characters(codec=None, exclude_categories=()), max_size=8)
COUNT = st.one_of(st.integers(0, 3), st.integers(0, 2**64 + 5), st.just(2**63 + 1), st.just(2**64))
COUNTS = st.dictionaries(WORD, COUNT, max_size=30)


@given(COUNTS, st.lists(WORD, max_size=5))
def test_compact_words_is_the_dict(counts: dict[str, int], others: list[str]) -> None:
    words = CompactWords.from_counts(counts)
    assert len(words) == len(counts)
    assert dict(words) == counts and words == counts and counts == words
    assert list(words) == sorted(counts)  # code point order, surrogates included
    assert list(words.items()) == sorted(counts.items())
    assert list(words.values()) == [counts[w] for w in sorted(counts)]
    for word in list(counts) + others:
        assert (word in words) == (word in counts)
        assert words.get(word) == counts.get(word)
    assert pickle.loads(pickle.dumps(words)) == words
    assert repr(words) == repr(dict(sorted(counts.items())))


def test_counts_never_wrap() -> None:
    big = {"a": 2**63 + 1, "b": 2**64 - 1, "c": 2**64, "d": 2**200}
    words = CompactWords.from_counts(big)
    assert dict(words) == big
    assert count_array([2**63 + 1, 1]).tolist() == [2**63 + 1, 1]  # type: ignore[union-attr]
    assert count_array([2**64, 1]) == [2**64, 1]
    assert count_array([-1]) == [-1]  # a negative count stays visible for the trainers' check


def test_compact_words_is_read_only() -> None:
    words = CompactWords.from_counts({"a": 1})
    with pytest.raises(TypeError):
        words["a"] = 2  # type: ignore[index]
    with pytest.raises(KeyError):
        words["b"]
    with pytest.raises(TypeError):
        hash(words)
    assert "a" not in CompactWords.from_counts({}) and 1 not in words  # type: ignore[comparison-overlap]


ALPHABET = st.sampled_from("ab#cé\U0001f600")


@given(st.dictionaries(st.text(ALPHABET, min_size=1, max_size=6), st.integers(1, 5), max_size=25),
       st.sampled_from(["##", "", "#"]), st.sampled_from([[], ["##a"], ["a", "#b"]]), st.integers(1, 7))
def test_prefixed_strings_are_the_id_lists(counts: dict[str, int], prefix: str, specials: list[str], limit: int) -> None:
    def start() -> Vocab:
        vocab = Vocab()
        for token in specials:
            vocab.add(token)
        for char in compute_alphabet(counts, [], limit):
            vocab.add(char)
        return vocab

    ordered = sorted(counts)
    by_ids, by_strings = start(), start()
    expected = ["".join(map(chr, ids)) for ids in word_ids(ordered, by_ids, prefix, None)]
    assert word_strings(CompactWords.from_counts(counts), by_strings, prefix) == expected
    assert by_strings.id2w == by_ids.id2w


@given(st.dictionaries(st.text(ALPHABET, max_size=6), st.integers(1, 4), max_size=40), st.integers(1, 5))
def test_alphabet_does_not_depend_on_grouping(counts: dict[str, int], size: int) -> None:
    grouped: Counter[str] = Counter()
    for by_count in _count_groups(counts.items(), size):
        for count, group in by_count.items():
            for word in group:
                for char in word:
                    grouped[char] += count
    assert grouped == Counter({c: n for c, n in _char_counts(counts).items() if n})
    assert compute_alphabet(CompactWords.from_counts(counts), ["z"], 3) == compute_alphabet(counts, ["z"], 3)


def _char_counts(counts: dict[str, int]) -> Counter[str]:
    total: Counter[str] = Counter()
    for word, count in counts.items():
        for char in word:
            total[char] += count
    return total


def _bert_like(model: Any) -> Tokenizer:
    tok = Tokenizer(model)
    tok.normalizer = normalizers.Sequence([normalizers.NFD(), normalizers.Lowercase(), normalizers.StripAccents()])
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()])
    return tok


TRAINERS: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {
    "bpe": (lambda: models.BPE(unk_token="[UNK]"),
            lambda: trainers.BpeTrainer(vocab_size=120, special_tokens=["[UNK]"], show_progress=False)),
    "bpe-suffix": (lambda: models.BPE(unk_token="[UNK]"),
                   lambda: trainers.BpeTrainer(vocab_size=120, end_of_word_suffix="</w>", show_progress=False)),
    "bpe-prefix-max-length": (lambda: models.BPE(unk_token="[UNK]"),
                              lambda: trainers.BpeTrainer(vocab_size=120, continuing_subword_prefix="##",
                                                          max_token_length=3, show_progress=False)),
    "wordpiece": (lambda: models.WordPiece(unk_token="[UNK]"),
                  lambda: trainers.WordPieceTrainer(vocab_size=120, special_tokens=["[UNK]"], show_progress=False)),
    "wordlevel": (lambda: models.WordLevel(unk_token="[UNK]"),
                  lambda: trainers.WordLevelTrainer(vocab_size=40, special_tokens=["[UNK]"], show_progress=False)),
    "unigram": (lambda: models.Unigram(),
                lambda: trainers.UnigramTrainer(vocab_size=60, unk_token="<unk>", special_tokens=["<unk>"],
                                                show_progress=False)),
}


@pytest.mark.parametrize("name", list(TRAINERS))
@settings(max_examples=15, deadline=None)
@given(counts=st.dictionaries(st.text(st.sampled_from("abcdeé0f"), min_size=1, max_size=7), st.integers(1, 9),
                              min_size=1, max_size=60))
def test_every_trainer_reads_compact_words_like_a_dict(name: str, counts: dict[str, int]) -> None:
    make_model, make_trainer = TRAINERS[name]
    results = []
    for words in (counts, CompactWords.from_counts(counts)):
        tok = Tokenizer(make_model())
        trainer = make_trainer()
        tok.train_from_counts(words, trainer)
        results.append(tok.to_str())
    assert results[0] == results[1]


def test_train_keeps_compact_counts_and_matches_hf(tmp_path: Any) -> None:
    rng_words = [f"w{i:x}{(i * 7919) % 4093:x}" for i in range(3000)]
    lines = [" ".join(rng_words[(i * 13) % 3000:(i * 13) % 3000 + 9]) + " the cat, sat." for i in range(400)]
    path = tmp_path / "ids.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ours = _bert_like(models.BPE(unk_token="[UNK]"))
    trainer = trainers.BpeTrainer(vocab_size=400, special_tokens=["[UNK]"], show_progress=False)
    ours.train([str(path)], trainer)
    theirs = hf.Tokenizer(hf.models.BPE(unk_token="[UNK]"))
    theirs.normalizer = hf.normalizers.Sequence([hf.normalizers.NFD(), hf.normalizers.Lowercase(),
                                                 hf.normalizers.StripAccents()])
    theirs.pre_tokenizer = hf.pre_tokenizers.Sequence([hf.pre_tokenizers.WhitespaceSplit(),
                                                       hf.pre_tokenizers.Punctuation()])
    theirs.train([str(path)], hf.trainers.BpeTrainer(vocab_size=400, special_tokens=["[UNK]"], show_progress=False))
    assert ours.get_vocab() == theirs.get_vocab()
    assert isinstance(trainer.words, CompactWords)
    assert dict(trainer.words) == Counter(w for line in lines for w, _ in ours.pre_tokenizer.pre_tokenize_str(line))


# -- the merge queue and the sharded merge loop ---------------------------------------------------------------
@given(st.lists(st.tuples(st.sampled_from(["push", "pop", "replace"]), st.integers(-2, 20),
                          st.sampled_from(["ab", "ba", "cd", "zz"])), max_size=60), st.integers(0, 16))
def test_merge_queue_pops_like_one_heap(operations: list[tuple[str, int, str]], low_limit: int) -> None:
    import heapq

    from tokkit.trainers.bpe.queue import MergeQueue

    queue: MergeQueue[str] = MergeQueue(list, low_limit=low_limit)
    heap: list[tuple[int, str, int, list[int]]] = []
    seq = 0
    for step, (operation, count, key) in enumerate(operations):
        if operation == "push":
            seq += 1
            queue.push(count, key, [step])
            heapq.heappush(heap, (-count, key, seq, [step]))
        elif operation == "replace" and heap:
            seq += 1
            best = heap[0]
            assert queue.top() == (-best[0], best[1], best[3])
            queue.replace_top(count, best[1], best[3])
            heapq.heapreplace(heap, (-count, best[1], seq, best[3]))
        elif heap:
            best = heapq.heappop(heap)
            assert queue.pop() == (-best[0], best[1], best[3])
        assert len(queue) == len(heap)
    while heap:
        best = heapq.heappop(heap)
        assert queue.pop() == (-best[0], best[1], best[3])
    assert queue.top() is None


@pytest.mark.parametrize("workers", ["2", "3"])
def test_sharded_merging_is_the_one_process_result(monkeypatch: Any, workers: str) -> None:
    from tokkit.trainers.bpe import core, shards

    rng_words = [f"{i * 2654435761 % 99991:x}{'xyz'[i % 3]}{i % 7}" for i in range(2500)]
    counts = Counter({word: 1 + i % 5 for i, word in enumerate(rng_words)})
    counts.update({"aaaa": 9, "abab": 7, "ba": 3})
    options: list[dict[str, Any]] = [{}, {"prefix": "##"}, {"max_token_length": 3}, {"min_frequency": 3}]
    expected = [core.train_bpe(counts, 700, **kwargs) for kwargs in options]
    monkeypatch.setattr(shards, "SHARD_MIN_WORDS", 0)
    monkeypatch.setenv("TOKKIT_NUM_PROC", workers)
    assert shards.shard_count(len(counts)) == int(workers)
    for kwargs, want in zip(options, expected):
        got = core.train_bpe(counts, 700, **kwargs)
        assert (got.vocab, got.merges) == (want.vocab, want.merges)
