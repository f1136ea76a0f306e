"""Mutated real tokenizer.json files: tokkit loads them or raises a TokkitError, like HF, with HF's results.

Hypothesis drives the mutation engine of ``fuzz_files`` (shrunk copies of the
files in tests/data, 1-3 mutations each: fields deleted, repeated, retyped,
wrong enum names, deep nesting, lone surrogates, odd numbers, bad added tokens,
bad Sequence members, other components, cut or flipped bytes).  For each case:

* tokkit loads it or raises a TokkitError: no other exception, at load, encode,
  decode or save;
* neither side runs past the per-case alarm (10 s);
* where HF loads it, tokkit loads it too (except what the README lists as refused on
  purpose: ``fuzz_run.DELIBERATE_REFUSALS``);
* where both load it, the samples' ids and offsets are identical (except for the
  reasons listed in ``fuzz_run.KNOWN_DIFFERENCES``, none of them about reading JSON).

The example count follows the profile in ``conftest.py`` (``TOKKIT_MAX_EXAMPLES``
raises it); ``scripts/fuzz.sh`` runs the same engine on 100,000 cases.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzz_files import make_case
from fuzz_run import run_case


class DrawRng:
    """The mutation engine's chooser, drawing from Hypothesis (so failures shrink)."""

    def __init__(self, data: Any) -> None:
        self.data = data

    def randint(self, a: int, b: int) -> int:
        return int(self.data.draw(st.integers(a, b)))


# Ten times the profile's count: a case costs a few milliseconds (about 6 s by default).
@settings(max_examples=10 * settings.default.max_examples)
@given(st.data())
def test_mutated_files_load_or_fail_cleanly_like_hf(data: Any) -> None:
    name, raw, done = make_case(DrawRng(data))
    result = run_case(raw, timeout=10.0)
    context = f"{name} after {done}: {result.get('tokkit', {}).get('error')} / HF {result.get('hf', {}).get('error')}"
    assert not result["row"].startswith("hang"), context
    assert result["row"] != "non-TokkitError exception", context
    # or refuses it on purpose (fuzz_run.DELIBERATE_REFUSALS: bounds listed in the README)
    assert result["row"] != "tokkit rejects what HF loads" or result["known"], context
    if result["row"] == "loaded by both":  # or differ for a reason listed in fuzz_run.KNOWN_DIFFERENCES
        assert result["equal"] or result["known"], context
