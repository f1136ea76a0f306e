"""AddedMatcher: leftmost-longest literal matching, grown level by level, equals one alternation.

The oracle is the obvious scan: at each position, the longest literal that
starts there; the first position with any match wins; continue after it.
"""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

import tokenizers
import tokkit
from tokkit import added_matcher
from tokkit.added_matcher import AddedMatcher

literals = st.text(st.sampled_from("abc"), min_size=1, max_size=4)


def oracle(ids: dict[str, int], text: str) -> list[tuple[int, int, int]]:
    out, pos = [], 0
    while pos < len(text):
        found = [lit for lit in ids if text.startswith(lit, pos)]
        if found:
            longest = max(found, key=len)
            out.append((pos, pos + len(longest), ids[longest]))
            pos += len(longest)
        else:
            pos += 1
    return out


@given(batches=st.lists(st.lists(literals, min_size=1, max_size=4), min_size=1, max_size=12),
       text=st.text(st.sampled_from("abcd"), max_size=40))
def test_levels_match_like_the_obvious_scan(batches: list[list[str]], text: str) -> None:
    matcher, ids, next_id = AddedMatcher(), {}, 0
    for batch in batches:
        for literal in batch:
            matcher.add(literal, next_id)
            ids.setdefault(literal, next_id)
            next_id += 1
        assert list(matcher.find_iter(text)) == oracle(ids, text)  # a scan between additions, as encode does
    assert matcher.search(text) == bool(oracle(ids, text))


def test_equal_literals_keep_the_smallest_id() -> None:
    matcher = AddedMatcher([("ab", 7)])
    matcher.add("ab", 3)
    matcher.add("ab", 9)
    assert list(matcher.find_iter("xab")) == [(1, 3, 3)]


def test_growing_one_literal_at_a_time_compiles_n_log_n_literals(monkeypatch) -> None:
    compiled_sizes = []
    real = added_matcher.regex.compile

    def counting(pattern: str, *args):
        compiled_sizes.append(pattern.count("|") + 1)
        return real(pattern, *args)

    monkeypatch.setattr(added_matcher.regex, "compile", counting)
    matcher, n = AddedMatcher(), 2000
    for i in range(n):
        matcher.add(f"<t{i}>", i)
        assert matcher.search("x <t0> y")  # a scan after every addition forces a compile
    assert sum(compiled_sizes) <= n * (math.log2(n) + 1)
    assert len(matcher._levels) <= math.log2(n) + 1


def test_add_tokens_one_by_one_with_encodes_between_matches_hf() -> None:
    hf = tokenizers.Tokenizer(tokenizers.models.WordLevel({"[UNK]": 0, "a": 1}, "[UNK]"))
    tk = tokkit.Tokenizer(tokkit.models.WordLevel({"[UNK]": 0, "a": 1}, "[UNK]"))
    text = "a<t3>a<t30><t300> <t2999>x<t1>"
    for i in range(300):
        content = f"<t{i * 10 % 3000}>" if i % 2 else tokkit.AddedToken(f"<t{i}>", special=i % 3 == 0)
        hf_content = content if isinstance(content, str) else tokenizers.AddedToken(
            content.content, special=content.special)
        assert hf.add_tokens([hf_content]) == tk.add_tokens([content])
        if i % 7 == 0:
            assert tk.encode(text).ids == hf.encode(text).ids
    assert tk.encode(text).tokens == hf.encode(text).tokens
    assert tk.get_added_tokens_decoder().keys() == hf.get_added_tokens_decoder().keys()


def test_a_matcher_survives_pickling_and_copying() -> None:
    import copy
    import pickle

    matcher = AddedMatcher([("ab", 1), ("", 5)])
    matcher.search("x")
    matcher.add("abc", 2)
    for clone in (pickle.loads(pickle.dumps(matcher)), copy.deepcopy(matcher)):
        assert list(clone.find_iter("abcab", with_empty=False)) == [(0, 3, 2), (3, 5, 1)]
        assert clone.empty_id == 5


def test_threads_scanning_while_literals_arrive_never_miss_one() -> None:
    import threading

    matcher, errors = AddedMatcher(), []

    def scan(upto: int) -> None:
        # every literal added before the scan starts must be found
        found = {token_id for _, _, token_id in matcher.find_iter("".join(f"<{i}>" for i in range(upto)))}
        if not set(range(upto)) <= found:
            errors.append(upto)

    for i in range(400):
        matcher.add(f"<{i}>", i)
        threads = [threading.Thread(target=scan, args=(i + 1,)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
