"""benchmarks/bench_speed.py's helpers and children, and benchmarks/_memory.py's sampler, on small inputs.

The children are run for real (both libraries, in fresh subprocesses) on a few
hundred lines: their ids files are checked against HF's own ``encode_batch``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import tokenizers

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_speed  # noqa: E402
from _memory import descendants, run_sampled  # noqa: E402


def test_parse_only_keeps_a_kind_not_named_whole() -> None:
    assert bench_speed.parse_only("train,unigram") == (["train"], list(bench_speed.TOKENIZERS), ["unigram"])
    assert bench_speed.parse_only("phi-3, encode") == (["encode"], ["phi-3"], list(bench_speed.TRAINERS))
    with pytest.raises(SystemExit, match="unknown gpt3"):
        bench_speed.parse_only("gpt3")


def test_differing_lines_counts_changed_and_missing_lines(tmp_path: Path) -> None:
    a, b = tmp_path / "a.ids", tmp_path / "b.ids"
    bench_speed.write_ids(a, [[1, 2, 3], [], [70000, 5]])
    bench_speed.write_ids(b, [[1, 2, 3], [], [70000, 5]])
    assert bench_speed.differing_lines(a, b) == 0
    bench_speed.write_ids(b, [[1, 2], [3], [70000, 5], [9]])  # same ids, other line breaks, one more line
    assert bench_speed.differing_lines(a, b) == 3


@pytest.mark.parametrize("text", ["a\nb\n\nc\n", "a\nb\n\nc", "\n\n", ""])
def test_head_lines_are_str_split_lines(tmp_path: Path, text: str) -> None:
    path = tmp_path / "corpus.txt"
    path.write_bytes(text.encode("utf-8"))
    lines = text.split("\n")
    assert list(bench_speed.head_lines(path, 0)) == lines
    for limit in range(1, len(lines) + 2):
        assert list(bench_speed.head_lines(path, limit)) == lines[:limit]


def test_cpu_model_reads_the_model_name() -> None:
    assert bench_speed.cpu_model("processor\t: 0\nvendor_id\t: X\nmodel name\t: Some CPU @ 2.0GHz\n") \
        == "Some CPU @ 2.0GHz"
    assert bench_speed.cpu_model("")  # falls back to the platform's name, never empty


def test_ratio_table_rows() -> None:
    lines = bench_speed.ratio_table([("t", 4.0, 2.0, "s", 1.0), ("m", 100.0, 150.0, "MB", 1.0)])
    assert lines[2:] == ["| t | 4.00 s | 2.00 s | 0.50x | ≤ 1.0x |", "| m | 100 MB | 150 MB | 1.50x | ≤ 1.0x |"]


def test_descendants_walk_the_whole_tree() -> None:
    assert descendants(10, {11: 10, 12: 11, 13: 1, 14: 12, 15: 10}) == [10, 11, 15, 12, 14]


def test_the_sampler_counts_a_worker_process_the_parent_never_sees() -> None:
    worker = "import time; block = bytearray(80 * 2**20); time.sleep(1.2)"
    # VmHWM, not ru_maxrss: a child's ru_maxrss starts at its parent's (here pytest's) peak.
    child = ("import json, subprocess, sys; "
             f"subprocess.run([sys.executable, '-c', {worker!r}], check=True); "
             "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]; "
             "print(json.dumps({'own': int(hwm) / 1024}))")
    result = run_sampled([sys.executable, "-c", child])
    assert result["own"] < 40  # the child itself stays small...
    assert result["tree_peak_mb"] >= 80 + result["own"] / 2  # ...its worker's 80 MB count in the tree's peak
    assert result["tree_pss_peak_mb"] >= 80  # (PSS, read every 0.1 s, sees the worker's private pages too)


@pytest.mark.parametrize("mode", ["encode_batch", "encode"])
def test_the_encode_children_write_hfs_ids(tmp_path: Path, mode: str) -> None:
    tokenizer, corpus, limit = DATA / "gpt2.json", DATA / "english-nltk-head.txt", 300
    files = {lib: tmp_path / f"{lib}.ids" for lib in ("hf", "tokkit")}
    env = bench_speed.child_env()
    results = {lib: run_sampled(bench_speed.child_argv(mode, lib, corpus, limit, tokenizer, path), env)
               for lib, path in files.items()}
    lines = corpus.read_text(encoding="utf-8").split("\n")[:limit]
    expected = [encoding.ids for encoding in tokenizers.Tokenizer.from_file(str(tokenizer)).encode_batch(lines)]
    reference = tmp_path / "reference.ids"
    bench_speed.write_ids(reference, expected)
    assert bench_speed.differing_lines(files["hf"], reference) == 0
    assert bench_speed.differing_lines(files["tokkit"], reference) == 0
    for result in results.values():
        assert result["tokens"] == sum(map(len, expected)) == result["mask"]
        assert result["time"] > 0 and result["tree_peak_mb"] > 0 and result["maxrss_mb"] > 0


def test_the_walkthrough_tokenizer_is_the_walkthroughs_bert_pipeline(tmp_path: Path) -> None:
    path = tmp_path / "walkthrough.json"
    run_sampled(bench_speed.child_argv("make-walkthrough", "hf", DATA / "english-nltk-head.txt", 500, path),
                bench_speed.child_env())
    document = json.loads(path.read_text(encoding="utf-8"))
    assert [n["type"] for n in document["normalizer"]["normalizers"]] == ["NFD", "Lowercase", "StripAccents"]
    assert [p["type"] for p in document["pre_tokenizer"]["pretokenizers"]] == ["WhitespaceSplit", "Punctuation"]
    assert (document["model"]["type"], document["post_processor"]["type"], document["decoder"]["type"]) \
        == ("WordPiece", "TemplateProcessing", "WordPiece")
    encoding = tokenizers.Tokenizer.from_file(str(path)).encode("Emma Woodhouse")
    assert encoding.tokens[0] == "[CLS]" and encoding.tokens[-1] == "[SEP]"


def test_profile_speed_profiles_a_row_in_one_process() -> None:
    import profile_speed

    profile = profile_speed.profile_row("encode", DATA / "english-nltk-head.txt", 200, 5, DATA / "gpt2.json")
    assert 0 < profile["total"] and len(profile["top"]) == 5
    own_times = [own for own, _, _ in profile["top"]]
    assert own_times == sorted(own_times, reverse=True) and sum(own_times) <= profile["total"]
    lines = profile_speed.markdown("encode gpt2", profile)
    assert lines[0].startswith("**encode gpt2**") and len(lines) == 4 + 5 + 1
