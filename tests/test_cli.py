"""The ``tokkit`` command, run as users run it: ``python -m tokkit`` and the ``tokkit`` script, in subprocesses.

Outputs are checked against HF tokenizers (encode / decode / compare counts)
or against each other (the same training from files, globs, stdin and word
counts); errors must be one line on stderr with a non-zero exit code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest
import tokenizers as hf

import tokkit
from tokkit.counting import count_words, write_counts

SRC = Path(__file__).resolve().parents[1] / "src"
DATA = Path(__file__).parent / "data"
SLICE = DATA / "wikitext-slice.txt"
LINES = SLICE.read_text(encoding="utf-8").splitlines()
MODELS = ["wordpiece", "bpe", "byte-level-bpe", "unigram", "wordlevel"]


def run(*args: str, stdin: Optional[str] = None, cwd: Optional[Path] = None, script: bool = False,
        env: Optional[dict[str, str]] = None) -> subprocess.CompletedProcess[str]:
    """``python -m tokkit ARGS`` (or the ``tokkit`` console script) with this checkout's package."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
                   "TOKKIT_NUM_PROC": "1", **(env or {})}
    command = [tokkit_script()] if script else [sys.executable, "-m", "tokkit"]
    return subprocess.run(command + list(args), input=stdin, capture_output=True, text=True, encoding="utf-8",
                          cwd=cwd, env=environment, timeout=600)


def tokkit_script() -> str:
    """The console script installed beside this Python (``pip install -e .`` puts it there)."""
    path = shutil.which("tokkit", path=str(Path(sys.executable).parent))
    assert path is not None, "the tokkit console script is not installed: pip install -e ."
    return path


def json_lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_version_from_both_entries() -> None:
    for script in (False, True):
        done = run("--version", script=script)
        assert (done.returncode, done.stdout.strip()) == (0, f"tokkit {tokkit.__version__}")


def test_bare_tokkit_prints_plain_help() -> None:
    done = run()
    assert done.returncode == 0 and done.stdout.startswith("usage: tokkit")
    for command in ("train", "encode", "decode", "compare", "explain", "convert", "walkthrough"):
        assert f"\n    {command}" in done.stdout
    assert "Robert Boulter" not in done.stdout  # the demo does not run


@pytest.mark.parametrize("command", ["train", "encode", "decode", "compare", "explain", "convert", "walkthrough"])
def test_command_help_is_plain_text(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0 and done.stdout.startswith(f"usage: tokkit {command}")
    for markup in ("``", ":class:", ":func:", ":meth:", ".. ", ">>>"):  # reStructuredText, doctests
        assert markup not in done.stdout


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One tokenizer per model, trained by ``tokkit train`` on the wikitext slice."""
    folder = tmp_path_factory.mktemp("trained")
    paths = {}
    for model in MODELS:
        paths[model] = folder / f"{model}.json"
        done = run("train", "--model", model, "--vocab-size", "600", "--output", str(paths[model]), str(SLICE))
        assert done.returncode == 0, done.stderr
        assert f"saved to {paths[model]}" in done.stderr  # the summary (and progress) go to stderr
        assert done.stdout == ""
    return paths


@pytest.mark.parametrize("model", MODELS)
def test_train_then_encode_decode_as_hf(trained: dict[str, Path], model: str) -> None:
    path = trained[model]
    theirs = hf.Tokenizer.from_file(str(path))  # the trained file loads in HF
    texts = LINES[:60]
    done = run("encode", "--tokenizer", str(path), "--file", str(SLICE))
    encoded = json_lines(done.stdout)[:60]
    expected = theirs.encode_batch(texts)
    assert [e["ids"] for e in encoded] == [e.ids for e in expected]
    assert [e["tokens"] for e in encoded] == [e.tokens for e in expected]
    assert [[tuple(p) for p in e["offsets"]] for e in encoded] == [e.offsets for e in expected]
    decoded = run("decode", "-t", str(path), stdin="\n".join(json.dumps(e) for e in encoded) + "\n")
    assert [d["text"] for d in json_lines(decoded.stdout)] == theirs.decode_batch([e.ids for e in expected])
    if model == "byte-level-bpe":  # byte-level keeps every char: a true round trip
        assert [d["text"] for d in json_lines(decoded.stdout)] == texts


def test_train_from_glob_stdin_and_counts_gives_the_same_file(trained: dict[str, Path], tmp_path: Path) -> None:
    for model in ("wordpiece", "byte-level-bpe"):
        want = trained[model].read_text(encoding="utf-8")
        glob_out, stdin_out, counts_out = (tmp_path / f"{model}-{kind}.json" for kind in ("glob", "stdin", "counts"))
        common = ("train", "-q", "--model", model, "--vocab-size", "600")
        assert run(*common, "-o", str(glob_out), "--num-proc", "2", str(DATA / "wikitext-sl*.txt")).returncode == 0
        assert run(*common, "-o", str(stdin_out), "-", stdin=SLICE.read_text(encoding="utf-8")).returncode == 0
        counts = tmp_path / f"{model}.tsv"  # counted with the trained pipeline's normalizer and pre-tokenizer
        write_counts(count_words(tokkit.Tokenizer.from_file(str(trained[model])), LINES_WITH_BREAKS), str(counts))
        assert run(*common, "-o", str(counts_out), "--from-counts", str(counts)).returncode == 0
        for out in (glob_out, stdin_out, counts_out):
            assert out.read_text(encoding="utf-8") == want, out.name


LINES_WITH_BREAKS = SLICE.read_text(encoding="utf-8").splitlines(keepends=True)


def test_special_tokens_and_min_frequency(tmp_path: Path) -> None:
    out = tmp_path / "wl.json"
    done = run("train", "-q", "-m", "wordlevel", "--special-tokens", "<pad>,<s>", "--special-tokens", "</s>",
               "--min-frequency", "3", "-o", str(out), str(SLICE))
    assert done.returncode == 0, done.stderr
    theirs = hf.Tokenizer.from_file(str(out))
    assert [theirs.id_to_token(i) for i in range(4)] == ["[UNK]", "<pad>", "<s>", "</s>"]  # unk first, then given
    trainer = hf.trainers.WordLevelTrainer(min_frequency=3, special_tokens=["[UNK]", "<pad>", "<s>", "</s>"],
                                           show_progress=False)
    reference = hf.Tokenizer(hf.models.WordLevel(unk_token="[UNK]"))
    reference.pre_tokenizer = hf.pre_tokenizers.Whitespace()
    reference.train([str(SLICE)], trainer)
    assert theirs.get_vocab() == reference.get_vocab()


def test_encode_texts_fields_and_the_script(trained: dict[str, Path]) -> None:
    path = str(trained["wordpiece"])
    done = run("encode", "-t", path, "Héllo there!", "a b", "--fields", "ids,type_ids,word_ids,attention_mask",
               "--no-special-tokens", script=True)
    theirs = hf.Tokenizer.from_file(path)
    for line, text in zip(json_lines(done.stdout), ["Héllo there!", "a b"], strict=True):
        e = theirs.encode(text, add_special_tokens=False)
        assert line == {"ids": e.ids, "type_ids": e.type_ids, "word_ids": e.word_ids,
                        "attention_mask": e.attention_mask}


def test_decode_reads_ids_in_every_form(trained: dict[str, Path]) -> None:
    path = str(trained["wordpiece"])
    theirs = hf.Tokenizer.from_file(path)
    ids = theirs.encode("The game began development in 2010").ids
    want = theirs.decode(ids)
    stdin = "\n".join([json.dumps({"ids": ids}), json.dumps(ids), " ".join(map(str, ids)), "", ",".join(map(str, ids))])
    assert [d["text"] for d in json_lines(run("decode", "-t", path, stdin=stdin).stdout)] == [want] * 4
    assert json_lines(run("decode", "-t", path, *map(str, ids)).stdout) == [{"text": want}]
    kept = run("decode", "-t", path, "--keep-special-tokens", *map(str, ids)).stdout
    assert json_lines(kept) == [{"text": theirs.decode(ids, skip_special_tokens=False)}]


def test_compare_bert_finds_no_difference() -> None:
    done = run("compare", "--tokenizer", str(DATA / "bert-base-uncased.json"), str(SLICE))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"compared {len(LINES)} lines" in done.stdout and "lines that differ: 0\n" in done.stdout


def test_compare_reports_a_different_tokenizer(tmp_path: Path) -> None:
    bert = json.loads((DATA / "bert-base-uncased.json").read_text(encoding="utf-8"))
    bert["normalizer"]["lowercase"] = False  # HF gets a cased BERT: capitalised words become [UNK]s
    cased = tmp_path / "cased.json"
    cased.write_text(json.dumps(bert), encoding="utf-8")
    done = run("compare", "-t", str(DATA / "bert-base-uncased.json"), "--hf-tokenizer", str(cased), str(SLICE),
               "--show", "3")
    assert done.returncode == 1
    uncased, other = hf.Tokenizer.from_file(str(DATA / "bert-base-uncased.json")), hf.Tokenizer.from_file(str(cased))
    differing = sum(a.ids != b.ids for a, b in zip(uncased.encode_batch(LINES), other.encode_batch(LINES)))
    assert differing > 0 and f"lines that differ: {differing}\n" in done.stdout
    assert f"  ids: {differing}\n" in done.stdout
    assert done.stdout.count("\n  tokkit: ") == 3 and "first 3 differences:" in done.stdout


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


ERRORS = {  # name: (arguments, stdin, exit code, words the message must hold)
    "no tokenizer option": (["encode", "hi"], None, 2, "--tokenizer"),
    "unknown command": (["tokenize"], None, 2, "invalid choice"),
    "not a number": (["train", "--vocab-size", "many", "x.txt"], None, 2, "invalid int value"),
    "no inputs": (["train", "-m", "bpe"], None, 2, "--from-counts"),
    "inputs and counts": (["train", "{txt}", "--from-counts", "{txt}"], None, 2, "exactly one"),
    "unknown field": (["encode", "-t", "{bert}", "--fields", "ids,colour", "x"], None, 2, "colour"),
    "min-frequency for unigram": (["train", "-m", "unigram", "--min-frequency", "2", "{txt}"], None, 2, "unigram"),
    "missing tokenizer": (["encode", "-t", "{missing}", "hi"], None, 1, "missing.json"),
    "broken tokenizer": (["encode", "-t", "{broken}", "hi"], None, 1, "broken.json"),
    "missing input": (["train", "{missing}"], None, 1, "missing.json"),
    "glob matches nothing": (["train", "{folder}/*.nothing"], None, 1, "no file matches"),
    "bad id line": (["decode", "-t", "{bert}"], "[1, 2]\nnot ids\n", 1, "input line 2"),
    "bad counts file": (["train", "--from-counts", "{txt}"], None, 1, "word<TAB>count"),
    "input not UTF-8": (["encode", "-t", "{bert}", "--file", "{latin1}"], None, 1, "utf-8"),
    "unwritable output": (["train", "-q", "-o", "{folder}/no/such/dir/t.json", "{txt}"], None, 1, "t.json"),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors_are_one_line(name: str, tmp_path: Path) -> None:
    args, stdin, code, words = ERRORS[name]
    names = {"bert": str(DATA / "bert-base-uncased.json"), "txt": str(SLICE), "folder": str(tmp_path),
             "missing": str(tmp_path / "missing.json"), "broken": write(tmp_path, "broken.json", '{"model": 3'),
             "latin1": str(tmp_path / "latin1.txt")}
    (tmp_path / "latin1.txt").write_bytes("café\n".encode("latin-1"))
    done = run(*[arg.format(**names) for arg in args], stdin=stdin)
    assert done.returncode == code
    assert done.stderr.startswith("tokkit: error: ") and done.stderr.count("\n") == 1, done.stderr
    assert words in done.stderr and "Traceback" not in done.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    done = run("encode", "-t", str(tmp_path / "missing.json"), "hi", env={"TOKKIT_DEBUG": "1"})
    assert done.returncode == 1 and "Traceback" in done.stderr and "CliError" in done.stderr


def test_walkthrough_runs_labelled() -> None:
    done = run("walkthrough", "--vocab-size", "800", "--no-progress")
    assert done.returncode == 0, done.stderr
    labels = [line.split(":")[0] for line in done.stdout.splitlines()]
    assert "vocabulary size after training" in labels and "decoded with the WordPiece decoder" in labels
    assert "vocabulary size after training: 800\n" in done.stdout


def test_explain_prints_the_terminal_view() -> None:
    from tokkit.views import explain

    bert = str(DATA / "bert-base-uncased.json")
    done = run("explain", "-t", bert, "Héllo [SEP] there", "--pair", "you")
    assert done.returncode == 0, done.stderr
    expected = explain(tokkit.Tokenizer.from_file(bert), "Héllo [SEP] there", pair="you")
    assert done.stdout == f"{expected}\n"
    done = run("explain", "-t", bert, "Hi", "--no-special-tokens")
    assert "[CLS]" not in done.stdout and done.returncode == 0


def test_convert_sentencepiece_both_ways(tmp_path: Path) -> None:
    import sentencepiece as spm

    model = tmp_path / "sp.model"
    with model.open("wb") as handle:
        spm.SentencePieceTrainer.train(sentence_iterator=iter(LINES), model_writer=handle, vocab_size=300,
                                       model_type="unigram", minloglevel=2)
    done = run("convert", str(model), str(tmp_path / "sp.json"))
    assert done.returncode == 0, done.stderr
    converted = tokkit.Tokenizer.from_file(str(tmp_path / "sp.json"))
    sp = spm.SentencePieceProcessor(model_file=str(model))
    assert [converted.encode(line, add_special_tokens=False).ids for line in LINES[:50]] == sp.encode(LINES[:50])
    done = run("convert", str(tmp_path / "sp.json"), str(tmp_path / "back.model"))
    assert done.returncode == 0, done.stderr
    back = spm.SentencePieceProcessor(model_file=str(tmp_path / "back.model"))
    assert back.encode(LINES[:50]) == sp.encode(LINES[:50])


def test_convert_a_tiktoken_ranks_file(tmp_path: Path) -> None:
    import base64

    import tiktoken

    ranks = {bytes([byte]): byte for byte in range(256)}
    for word in (b"th", b"the", b" the", b"in", b"ing", b"an", b"and", b" and"):
        ranks[word] = len(ranks)
    path = tmp_path / "tiny.tiktoken"
    path.write_text("".join(f"{base64.b64encode(token).decode()} {rank}\n" for token, rank in ranks.items()))
    pattern = r"""'s|'t| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
    done = run("convert", str(path), str(tmp_path / "tiny.json"), "--pattern", pattern,
               "--special-token", "<|end|>=300")
    assert done.returncode == 0, done.stderr
    converted = tokkit.Tokenizer.from_file(str(tmp_path / "tiny.json"))
    encoding = tiktoken.Encoding("tiny", pat_str=pattern, mergeable_ranks=ranks, special_tokens={"<|end|>": 300})
    for line in LINES[:50] + ["and the thing<|end|>"]:
        assert converted.encode(line).ids == encoding.encode(line, allowed_special="all")
