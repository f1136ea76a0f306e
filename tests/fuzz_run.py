"""Run mutated tokenizer.json files through tokkit and HF, and tabulate what happens.

``python tests/fuzz_run.py --cases 100000`` (what ``scripts/fuzz.sh`` runs) draws
seeded cases (``fuzz_files.make_case``) in worker processes; each case runs
under an alarm (``--timeout``) and each worker under a memory cap
(``--mem-gb``, RLIMIT_AS while tokkit runs), so a hang or a blow-up is recorded, not fatal.  A
worker that dies mid-case is restarted after it; the case counts as a crash,
of HF or of tokkit (whichever was running).  The table counts the outcomes:

* loaded by both (and how many of those gave equal ids and offsets on the samples),
* rejected by both (tokkit with a TokkitError),
* tokkit rejects what HF loads / tokkit loads what HF rejects,
* a non-TokkitError exception from tokkit (at load, encode, decode or save),
* hang (a side passed the alarm, or its worker stopped answering), crash (a worker died), each
  counted for the side that was running.

``--report FILE`` writes every case that is not "both load, equal" or
"both reject" as a JSON line (the file, the mutations, both outcomes), to replay
with ``--replay``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tokenizers as hf  # noqa: E402

import tokkit  # noqa: E402
from fuzz_files import SAMPLES, make_case  # noqa: E402

#: Cases both load with other results, for reasons outside JSON reading: (what to look for, why).
KNOWN_DIFFERENCES: tuple[tuple["re.Pattern[bytes]", str], ...] = (
    (re.compile(rb'"byte_fallback":true.*"(?:continuing_subword_prefix|end_of_word_suffix)":"[^"]'
                rb'|"(?:continuing_subword_prefix|end_of_word_suffix)":"[^"].*"byte_fallback":true', re.S),
     "BPE byte_fallback with a prefix/suffix: offsets clamped to the word (README, Differences from HF)"),
    (re.compile(rb'"prepend":""'), "Prepend(''): HF gives a one-char first word the offsets (0, 0) (README, Known gaps)"),
    (re.compile(rb'"dropout":0?\.\d*[1-9]'), "BPE dropout between 0 and 1: both sides drop merges at random"),
)

#: Files HF loads and tokkit refuses, as the README lists: (what tokkit's message says, why).
DELIBERATE_REFUSALS: tuple[tuple["re.Pattern[str]", str], ...] = (
    (re.compile(r"nested deeper than 100 in|unrolls to more than 200000 nodes"),
     "a user Regex past tokkit's bounds (README, Differences from HF)"),
    (re.compile(r"cannot fit in memory"), "padding above 16,777,216 tokens (README, Differences from HF)"),
    # Not on purpose: Oniguruma syntax the regex translation does not take yet (README, Known gaps: a{2,1}).
    (re.compile(r"invalid regular expression '.*': min repeat greater than max repeat"),
     "a regex translation gap (README, Known gaps)"),
)

ROWS = ("loaded by both", "rejected by both", "tokkit rejects what HF loads", "tokkit loads what HF rejects",
        "non-TokkitError exception", "hang (tokkit)", "hang (HF)", "crash (tokkit)", "crash (HF)")


class CaseTimeout(BaseException):
    """Raised by the alarm: a BaseException, so no ``except Exception`` in either library swallows it."""


def _alarm(_signum: int, _frame: Any) -> None:
    raise CaseTimeout()


def within(seconds: float, run: Callable[[], Any]) -> Any:
    """``run()``, or CaseTimeout after ``seconds`` (signal.setitimer; the main thread only)."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return run()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- one side --------------------------------------------------------------------------------
def observe(lib: Any, raw: bytes) -> dict[str, Any]:
    """What one library does with ``raw``: load, then encode the samples (and a pair), decode, save."""
    try:
        tok = lib.Tokenizer.from_buffer(raw)
    except CaseTimeout:
        raise
    except BaseException as exc:  # noqa: BLE001 - HF raises bare Exception or a PanicException
        return {"loaded": False, "error": _error(exc)}
    results: list[Any] = []
    for text in SAMPLES:
        results.append(_attempt(lambda: _ids_offsets(tok.encode(text))))
    results.append(_attempt(lambda: _ids_offsets(tok.encode(SAMPLES[0], SAMPLES[1]))))
    ids = results[0][1]["ids"] if results[0][0] == "ok" else []
    results.append(_attempt(lambda: tok.decode(ids)))
    saved = _attempt(lambda: len(tok.to_str()) > 0)
    return {"loaded": True, "results": results, "saved": saved}


def _ids_offsets(encoding: Any) -> dict[str, Any]:
    return {"ids": list(encoding.ids), "offsets": [list(o) for o in encoding.offsets]}


def _attempt(run: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return ("ok", run())
    except CaseTimeout:
        raise
    except BaseException as exc:  # noqa: BLE001
        return ("error", _error(exc))


def _error(exc: BaseException) -> dict[str, str]:
    return {"type": type(exc).__name__, "tokkit": isinstance(exc, tokkit.TokkitError),
            "message": str(exc)[:3000].encode("utf-8", "backslashreplace").decode("utf-8")}


# -- one case -------------------------------------------------------------------------------
def known_difference(raw: bytes) -> Optional[str]:
    """Why a case may legitimately differ (see KNOWN_DIFFERENCES), or None."""
    return next((why for pattern, why in KNOWN_DIFFERENCES if pattern.search(raw)), None)


def deliberate_refusal(tk_side: dict[str, Any]) -> Optional[str]:
    """Why tokkit refuses a file HF loads, when that is on purpose (see DELIBERATE_REFUSALS), or None."""
    message = (tk_side.get("error") or {}).get("message", "")
    return next((why for pattern, why in DELIBERATE_REFUSALS if pattern.search(message)), None)


def classify(hf_side: dict[str, Any], tk_side: dict[str, Any]) -> tuple[str, Optional[bool]]:
    """(table row, whether the samples agree when both loaded)."""
    if _foreign_error(tk_side):
        return "non-TokkitError exception", None
    if hf_side["loaded"] and tk_side["loaded"]:
        return "loaded by both", _same_results(hf_side, tk_side)
    if not hf_side["loaded"] and not tk_side["loaded"]:
        return "rejected by both", None
    return ("tokkit loads what HF rejects" if tk_side["loaded"] else "tokkit rejects what HF loads"), None


def _foreign_error(side: dict[str, Any]) -> bool:
    errors = [side.get("error")] if not side["loaded"] else [r[1] for r in side["results"] + [side["saved"]]
                                                              if r[0] == "error"]
    return any(error is not None and not error["tokkit"] for error in errors)


def _same_results(hf_side: dict[str, Any], tk_side: dict[str, Any], decoded: bool = False) -> bool:
    """Each sample: equal ids and offsets, or an error on both sides; or with ``decoded``, the decoded text.

    The decoded text is counted apart: when two vocab entries share an id, HF's id -> token map
    keeps whichever its HashMap yields last, which changes from run to run.
    """
    pairs = list(zip(hf_side["results"], tk_side["results"]))
    pairs = pairs[-1:] if decoded else pairs[:-1]
    return all((a[0] == b[0] == "error") or a == b for a, b in pairs)


def run_case(raw: bytes, timeout: float = 10.0, progress: Callable[[str], None] = lambda _: None,
             memory: Optional[int] = None) -> dict[str, Any]:
    """Both sides on ``raw`` (HF first), each under the alarm; tokkit under ``memory`` bytes of address space.

    Only tokkit is capped: HF reserves (without touching) gigabytes for some broken
    charsmaps, and Rust aborts when that fails.
    """
    try:
        hf_side = within(timeout, lambda: observe(hf, raw))
    except CaseTimeout:
        return {"row": "hang (HF)"}
    progress("hf-done")
    try:
        with capped(memory):
            tk_side = within(timeout, lambda: observe(tokkit, raw))
    except CaseTimeout:
        return {"row": "hang (tokkit)"}
    except MemoryError:
        return {"row": "non-TokkitError exception", "tokkit": {"loaded": False, "error": {"type": "MemoryError"}}}
    row, equal = classify(hf_side, tk_side)
    decoded = _same_results(hf_side, tk_side, decoded=True) if equal is not None else None
    known = known_difference(raw) if equal is False else None
    if row == "tokkit rejects what HF loads":
        known = deliberate_refusal(tk_side)
    return {"row": row, "equal": equal, "known": known, "decoded": decoded, "hf": hf_side, "tokkit": tk_side}


@contextmanager
def capped(memory: Optional[int]) -> Iterator[None]:
    """RLIMIT_AS lowered to ``memory`` bytes inside the block (the soft limit: it can go back up)."""
    if memory is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (memory, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def case_of(seed: int, index: int, with_regex: bool) -> tuple[str, bytes, list[str]]:
    return make_case(random.Random(f"{seed}:{index}"), with_regex)


# -- worker process -----------------------------------------------------------------------
def worker(args: argparse.Namespace) -> None:
    """Run cases ``args.start`` .. ``args.stop - 1``, printing a line before and after each."""
    memory = int(args.mem_gb * 2**30) if args.mem_gb else None
    out = sys.stdout
    for index in range(args.start, args.stop):
        name, raw, done = case_of(args.seed, index, args.regex)
        print(f"B {index}", file=out, flush=True)
        result = run_case(raw, args.timeout, lambda mark: print(f"H {index}", file=out, flush=True), memory)
        result.update(case=index, file=name, mutations=done)
        print("R " + json.dumps(result, ensure_ascii=True), file=out, flush=True)


# -- parent: split the cases, restart dead workers, count --------------------------------------
class Worker:
    """One worker process on cases ``start`` .. ``stop - 1``: its output lines and where it is."""

    def __init__(self, args: argparse.Namespace, start: int, stop: int) -> None:
        self.args, self.stop = args, stop
        self.case: Optional[int] = None
        self.next = start
        self.hf_done = False
        self.buffer = b""
        self.last = time.monotonic()
        command = [sys.executable, "-u", __file__, "--worker", "--start", str(start), "--stop", str(stop),
                   "--seed", str(args.seed), "--timeout", str(args.timeout), "--mem-gb", str(args.mem_gb)]
        command += [] if args.regex else ["--no-regex"]
        self.log = open(args.log, "ab")  # noqa: SIM115 - closed with the worker
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=self.log,
                                     env={**os.environ, "RUST_BACKTRACE": "0"})
        assert self.proc.stdout is not None
        self.fd = self.proc.stdout.fileno()

    def read(self) -> list[str]:
        """The complete lines available now (call when select says the pipe is readable)."""
        chunk = os.read(self.fd, 1 << 16)
        if not chunk:
            return []
        self.last = time.monotonic()
        self.buffer += chunk
        *lines, self.buffer = self.buffer.split(b"\n")
        return [line.decode("utf-8") for line in lines]

    def stalled(self) -> bool:
        return time.monotonic() - self.last > self.args.timeout * 3 + 60


def run_all(args: argparse.Namespace) -> tuple[Counter[str], Counter[str], list[dict[str, Any]]]:
    import select

    bounds = [(args.start + args.cases * k // args.workers, args.start + args.cases * (k + 1) // args.workers)
              for k in range(args.workers)]
    rows: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    odd: list[dict[str, Any]] = []
    workers = [Worker(args, lo, hi) for lo, hi in bounds if lo < hi]
    started = time.monotonic()
    while workers:
        ready, _, _ = select.select([w.fd for w in workers], [], [], 1.0)
        for w in list(workers):
            lines = w.read() if w.fd in ready else []
            for line in lines:
                tag, _, rest = line.partition(" ")
                if tag == "B":
                    w.case, w.hf_done = int(rest), False
                elif tag == "H":
                    w.hf_done = True
                elif tag == "R":
                    w.case, w.next = None, int(json.loads(rest)["case"]) + 1
                    _count(json.loads(rest), rows, extra, odd, args, started)
            finished = w.fd in ready and not lines and not w.buffer and w.proc.poll() is not None
            if not (finished or w.stalled() or (w.fd in ready and w.proc.poll() is not None and not lines)):
                continue
            workers.remove(w)
            w.proc.kill()
            w.proc.wait()
            w.log.close()
            if w.case is None and w.next < w.stop:
                raise RuntimeError(f"a worker stopped before case {w.next} (exit {w.proc.returncode}): see {args.log}")
            if w.case is not None:  # it died (or stalled) inside a case: record it, go on after it
                row = f"{'hang' if w.stalled() else 'crash'} ({'tokkit' if w.hf_done else 'HF'})"
                _count({"case": w.case, "row": row, "returncode": w.proc.returncode}, rows, extra, odd, args, started)
                if w.case + 1 < w.stop:
                    workers.append(Worker(args, w.case + 1, w.stop))
    return rows, extra, odd


def _count(result: dict[str, Any], rows: Counter[str], extra: Counter[str], odd: list[dict[str, Any]],
           args: argparse.Namespace, started: float) -> None:
    rows[result["row"]] += 1
    if result.get("equal"):
        extra["ids equal"] += 1
    elif result.get("known"):
        extra["known" if result["row"] == "loaded by both" else "deliberate"] += 1
    if result.get("decoded"):
        extra["decode equal"] += 1
    if result["row"] not in ("loaded by both", "rejected by both") or False in (result.get("equal"),
                                                                                result.get("decoded")):
        odd.append(result)
    done = sum(rows.values())
    if args.progress and done % args.progress == 0:
        print(f"  {done} cases, {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)


def table(rows: Counter[str], extra: Counter[str], cases: int, seconds: float) -> str:
    lines = [f"{cases} cases in {seconds:.0f} s", f"{'outcome':40s} {'cases':>8s}"]
    for row in ROWS:
        lines.append(f"{row:40s} {rows[row]:8d}")
        if row == "tokkit rejects what HF loads":
            lines.append(f"{'  ... listed in the README':40s} {extra['deliberate']:8d}")
        if row == "loaded by both":
            lines.append(f"{'  ... ids and offsets equal':40s} {extra['ids equal']:8d}")
            lines.append(f"{'  ... differ for a known reason':40s} {extra['known']:8d}")
            lines.append(f"{'  ... decoded text equal':40s} {extra['decode equal']:8d}")
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--mem-gb", type=float, default=4.0)
    parser.add_argument("--no-regex", dest="regex", action="store_false",
                        help="leave Split/Replace regex patterns alone (they are bounded since 4c0e29d)")
    parser.add_argument("--report", help="write the unusual cases here (JSON lines)")
    parser.add_argument("--progress", type=int, default=5000)
    parser.add_argument("--log", default=os.devnull, help="the workers' stderr (HF prints its panics there)")
    parser.add_argument("--replay", type=int, nargs="*", help="run these case numbers here and print them")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--stop", type=int, default=0)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args)
        return 0
    if args.replay is not None:
        for index in args.replay:
            name, raw, done = case_of(args.seed, index, args.regex)
            print(json.dumps({"case": index, "file": name, "mutations": done, **run_case(raw, args.timeout)},
                             ensure_ascii=False, indent=1)[:4000])
        return 0
    started = time.monotonic()
    rows, extra, odd = run_all(args)
    print(table(rows, extra, args.cases, time.monotonic() - started))
    if args.report:
        with open(args.report, "w", encoding="utf-8") as handle:
            for result in sorted(odd, key=lambda r: r["case"]):
                handle.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
