"""Mutated tokenizer.json files, loaded by tokkit and by HF: the engine of the file fuzzer.

Used by ``tests/test_fuzz_files.py`` (Hypothesis drives the choices) and by
``scripts/fuzz.sh`` (``python tests/fuzz_files.py``: many seeded cases in worker
processes, each under an alarm and a memory cap, and a table of outcomes).

A case starts from a *shrunk* copy of one of the four real files in
``tests/data`` (a few hundred vocab entries with merges that stay consistent,
a small charsmap built from the real one's rules), so it loads in
milliseconds; then 1-3 mutations change it: a field deleted, given twice,
retyped or set to a wrong enum name; deep nesting; lone surrogates; huge,
negative, float or non-finite numbers; bad added tokens; bad Sequence
members; a section replaced by another component; the text cut short or
some bytes flipped.  Both libraries read the bytes; the case's outcome says
who loaded it and, when both did, whether the ids and offsets of a few
sample texts agree.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Protocol, Sequence

from fuzz_catalogue import (
    CATALOGUE, ENUM_WORDS, MODEL_OPTIONS, NUMBER_LITERALS, OPTION_VALUES, STRINGS, SURROGATE_LITERALS, VALUES,
    regex_patterns, shrink,
)  # fmt: skip

DATA = Path(__file__).parent / "data"
FILES = ("gpt2", "phi-3", "t5-small", "bert-base-uncased")
SAMPLES = ("Hello world! It's 2024, ok?", "  héllo\twörld\n new", "日本語のテキストです", "<|endoftext|> [CLS] <s>x</s>",
           "ab  cd 😀 ok", "")
SECTIONS = ("truncation", "padding", "normalizer", "pre_tokenizer", "post_processor", "decoder")
#: Deliberate differences: (the check, why).  Empty: where HF loads a file, tokkit loads it too.
KNOWN_DIFFERENCES: tuple[tuple[Callable[[dict[str, Any]], bool], str], ...] = ()


class Rng(Protocol):
    """What the mutations draw from: ``random.Random`` or Hypothesis (``DrawRng``)."""

    def randint(self, a: int, b: int) -> int: ...


def choice(rng: Rng, items: Sequence[Any]) -> Any:
    return items[rng.randint(0, len(items) - 1)]


# -- the shrunk real files ----------------------------------------------------------------
@lru_cache(maxsize=None)
def base_documents() -> dict[str, dict[str, Any]]:
    """name -> the shrunk document (built once per process)."""
    return {name: shrink(name, json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))) for name in FILES}


# -- writing JSON with literals Python's json cannot write ----------------------------------
class Raw(str):
    """JSON text written verbatim (``NaN``, a 5000-digit integer, ``"\\ud800"``, 3000 brackets)."""


class Pairs(list):  # type: ignore[type-arg]
    """An object written from (key, value) pairs: a key may appear twice."""


def dump(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, Pairs):
        return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{dump(v)}" for k, v in value) + "}"
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{dump(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dump(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


# -- paths in a document ------------------------------------------------------------------
Path_ = tuple[Any, ...]


def paths(doc: Any, prefix: Path_ = ()) -> list[Path_]:
    """Paths to the values worth mutating: everything, except only a few entries of big containers."""
    found = [prefix] if prefix else []
    if isinstance(doc, (Raw, Pairs)):  # written as they are: nothing inside to pick
        return found
    if isinstance(doc, dict):
        keys = list(doc)
        for key in keys if len(keys) <= 24 else keys[:3] + keys[-1:]:
            found += paths(doc[key], (*prefix, key))
    elif isinstance(doc, list):
        indexes = range(len(doc)) if len(doc) <= 24 else [0, 1, 2, len(doc) - 1]
        for index in indexes:
            found += paths(doc[index], (*prefix, index))
    return found


def get(doc: Any, path: Path_) -> Any:
    for step in path:
        doc = doc[step]
    return doc


def replaced(doc: Any, path: Path_, make: Callable[[Any], Any]) -> Any:
    """A copy of ``doc`` (containers along ``path`` copied) with the value at ``path`` replaced by ``make(value)``."""
    if not path:
        return make(doc)
    head, rest = path[0], path[1:]
    copy: Any = dict(doc) if isinstance(doc, dict) else list(doc)
    copy[head] = replaced(doc[head], rest, make)
    return copy


def pick(rng: Rng, doc: Any, want: Callable[[Any], bool] = lambda v: True) -> Path_ | None:
    candidates = [p for p in paths(doc) if want(get(doc, p))]
    return choice(rng, candidates) if candidates else None


# -- the mutations: each (doc, rng) -> (doc, description) ----------------------------------
def delete_key(doc: Any, rng: Rng) -> tuple[Any, str]:
    path = pick(rng, doc, lambda v: isinstance(v, dict) and v) or ()
    key = choice(rng, list(get(doc, path)) or ["model"])
    return replaced(doc, path, lambda obj: {k: v for k, v in obj.items() if k != key}), f"delete {_show(path, key)}"


def duplicate_key(doc: Any, rng: Rng) -> tuple[Any, str]:
    path = pick(rng, doc, lambda v: isinstance(v, dict) and v) or ()
    obj = get(doc, path)
    key = choice(rng, list(obj))
    other = obj[key] if rng.randint(0, 1) else choice(rng, VALUES)
    pairs = Pairs(obj.items())
    pairs.insert(rng.randint(0, len(pairs)), (key, other))
    return replaced(doc, path, lambda _: pairs), f"duplicate {_show(path, key)} with {other!r:.40}"


def retype(doc: Any, rng: Rng) -> tuple[Any, str]:
    path = pick(rng, doc) or ("model",)
    value = choice(rng, VALUES)
    return replaced(doc, path, lambda _: value), f"retype {_show(path)} -> {value!r:.40}"


def wrong_enum(doc: Any, rng: Rng) -> tuple[Any, str]:
    path = pick(rng, doc, lambda v: isinstance(v, str)) or ("version",)
    old = get(doc, path) if path != ("version",) or "version" in doc else "1.0"
    word = choice(rng, ENUM_WORDS + (old.lower(), old.upper(), old.capitalize(), old + " ", old[:-1]))
    return replaced(doc, path, lambda _: word), f"enum {_show(path)} {old!r:.30} -> {word!r}"


def set_type(doc: Any, rng: Rng) -> tuple[Any, str]:
    path = pick(rng, doc, lambda v: isinstance(v, dict) and "type" in v) or ("model",)
    if rng.randint(0, 3) == 0:
        return replaced(doc, path, lambda o: {k: v for k, v in o.items() if k != "type"}), f"untype {_show(path)}"
    names = [entry["type"] for entries in CATALOGUE.values() for entry in entries if "type" in entry]
    name = choice(rng, names + ["BPE", "Unigram"])
    return replaced(doc, path, lambda o: {**o, "type": name}), f"type {_show(path)} -> {name}"


def deep_nest(doc: Any, rng: Rng) -> tuple[Any, str]:
    path = pick(rng, doc) or ("model",)
    depth = choice(rng, (60, 120, 123, 124, 125, 126, 127, 128, 130, 200, 1000, 3000))
    opener, closer = choice(rng, (("[", "]"), ('{"a":', "}")))
    inner = "1" if opener == "[" else "null"
    return replaced(doc, path, lambda _: Raw(opener * depth + inner + closer * depth)), f"nest {_show(path)} x{depth}"


def nest_sequence(doc: Any, rng: Rng) -> tuple[Any, str]:
    section = choice(rng, ("normalizer", "pre_tokenizer", "post_processor", "decoder"))
    field = {"normalizer": "normalizers", "pre_tokenizer": "pretokenizers", "post_processor": "processors",
             "decoder": "decoders"}[section]
    inner = doc.get(section) or CATALOGUE[section][0]
    times = choice(rng, (1, 2, 5, 30, 61, 62, 63, 64, 100, 300))
    text = ('{"type":"Sequence","%s":[' % field) * times + dump(inner) + "]}" * times
    return {**doc, section: Raw(text)}, f"wrap {section} in {times} Sequences"


def surrogate(doc: Any, rng: Rng) -> tuple[Any, str]:
    path = pick(rng, doc, lambda v: isinstance(v, str)) or ("version",)
    literal = choice(rng, SURROGATE_LITERALS)
    return replaced(doc, path, lambda _: Raw(literal)), f"string {_show(path)} -> {literal}"


def number(doc: Any, rng: Rng) -> tuple[Any, str]:
    numeric = pick(rng, doc, lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
    path = numeric if numeric is not None and rng.randint(0, 3) else (pick(rng, doc) or ("model",))
    literal = choice(rng, NUMBER_LITERALS)
    return replaced(doc, path, lambda _: Raw(literal)), f"number {_show(path)} -> {literal[:30]}"


def added_token(doc: Any, rng: Rng) -> tuple[Any, str]:
    tokens = [t if type(t) is dict else {} for t in doc.get("added_tokens") or []] \
        if isinstance(doc.get("added_tokens"), list) else []
    kind = rng.randint(0, 4)
    if kind == 0 or not tokens:  # a new token, its flags valid or not
        token = {"id": choice(rng, (0, 5, 999, 2**32 - 1)), "content": choice(rng, STRINGS)}
        for flag in ("single_word", "lstrip", "rstrip", "normalized", "special"):
            token[flag] = choice(rng, (True, False, True, False, "no", 1, None))
        tokens.insert(rng.randint(0, len(tokens)), token)
        return {**doc, "added_tokens": tokens}, f"add token {token}"
    index = rng.randint(0, len(tokens) - 1)
    if kind == 1:
        field = choice(rng, ("id", "content", "single_word", "lstrip", "rstrip", "normalized", "special"))
        value = choice(rng, VALUES + ("no", -1, 1.0, 10**30, 2**32))
        tokens[index] = {**tokens[index], field: value}
        return {**doc, "added_tokens": tokens}, f"added_tokens[{index}].{field} -> {value!r:.30}"
    if kind == 2:
        tokens.insert(rng.randint(0, len(tokens)), tokens[index])
        return {**doc, "added_tokens": tokens}, f"repeat added_tokens[{index}]"
    if kind == 3:
        del tokens[index]
        return {**doc, "added_tokens": tokens}, f"drop added_tokens[{index}]"
    flag = choice(rng, ("single_word", "lstrip", "rstrip", "normalized", "special"))
    tokens[index] = {**tokens[index], flag: not tokens[index].get(flag)}
    return {**doc, "added_tokens": tokens}, f"flip added_tokens[{index}].{flag}"


def sequence_member(doc: Any, rng: Rng) -> tuple[Any, str]:
    path = pick(rng, doc, lambda v: isinstance(v, dict) and v.get("type") == "Sequence")
    if path is None:
        return nest_sequence(doc, rng)
    field = next((k for k in ("normalizers", "pretokenizers", "processors", "decoders") if k in get(doc, path)), None)
    if field is None:
        return doc, "no Sequence list"
    family = choice(rng, list(CATALOGUE))
    member = choice(rng, (None, 1, "x", [], {}, [{"type": "NFC"}], choice(rng, CATALOGUE[family])))
    at = rng.randint(0, len(get(doc, path)[field]))
    return replaced(doc, (*path, field), lambda items: items[:at] + [member] + items[at:]), \
        f"insert {member!r:.50} into {_show(path, field)}[{at}]"


def add_key(doc: Any, rng: Rng) -> tuple[Any, str]:
    path = pick(rng, doc, lambda v: isinstance(v, dict)) if rng.randint(0, 3) else ()
    key = choice(rng, ("zzz", "type", "id", "vocab", "extra", "version", "model", "add_prefix_space", "str_rep"))
    value = choice(rng, VALUES)
    return replaced(doc, path or (), lambda o: {**o, key: value}), f"set {_show(path or (), key)} = {value!r:.30}"


def set_section(doc: Any, rng: Rng) -> tuple[Any, str]:
    section = choice(rng, SECTIONS)
    family = section if rng.randint(0, 4) else choice(rng, SECTIONS)  # sometimes another family's JSON
    value = choice(rng, CATALOGUE[family] + [None])
    return {**doc, section: value}, f"{section} = {dump(value)[:60]}"


def model_option(doc: Any, rng: Rng) -> tuple[Any, str]:
    """A model option set to a value of the right type or not (dropout stays deterministic: 0 or 1)."""
    model = doc.get("model")
    if not isinstance(model, dict) or isinstance(model, Pairs):
        return doc, "(no model object)"
    name = choice(rng, MODEL_OPTIONS)
    value = choice(rng, OPTION_VALUES[name] + (None, "x", 1, -1, 1.0, True, [], {}))
    return {**doc, "model": {**model, name: value}}, f"model.{name} = {value!r:.30}"


def model_kind(doc: Any, rng: Rng) -> tuple[Any, str]:
    """The model read as another kind: a BPE vocab as WordLevel/WordPiece, or a type dropped."""
    model = doc.get("model")
    if not isinstance(model, dict) or isinstance(model, Pairs):
        return doc, "(no model object)"
    kind = choice(rng, ("BPE", "WordPiece", "WordLevel", "Unigram", None))
    changed = {k: v for k, v in model.items() if k != "type"}
    if kind is not None:
        changed["type"] = kind
    if kind in ("WordPiece", "WordLevel") and rng.randint(0, 1):
        changed.setdefault("unk_token", choice(rng, ("<unk>", "[UNK]", "a", "<s>")))
        if kind == "WordPiece":
            changed.setdefault("continuing_subword_prefix", "##")
            changed.setdefault("max_input_chars_per_word", 100)
    return {**doc, "model": changed}, f"model kind -> {kind}"


def tweak(doc: Any, rng: Rng) -> tuple[Any, str]:
    """A valid-looking change: a bool flipped, a number moved, a string swapped."""
    path = pick(rng, doc, lambda v: isinstance(v, (bool, int, str)) and v is not None) or ("version",)
    old = get(doc, path)
    if isinstance(old, bool):
        new: Any = not old
    elif isinstance(old, int):
        new = max(0, old + choice(rng, (-1, 1, 2, 100, -old)))
    else:
        new = choice(rng, STRINGS)
    return replaced(doc, path, lambda _: new), f"tweak {_show(path)} {old!r:.20} -> {new!r:.20}"


def regex_pattern(doc: Any, rng: Rng) -> tuple[Any, str]:
    pattern = choice(rng, regex_patterns())
    split = {"type": "Split", "pattern": {"Regex": pattern}, "behavior": choice(rng, ("Isolated", "Removed")),
             "invert": False}
    where = choice(rng, ("pre_tokenizer", "normalizer", "decoder"))
    if where != "pre_tokenizer":
        split = {"type": "Replace", "pattern": {"Regex": pattern}, "content": "_"}
    return {**doc, where: split}, f"{where} regex {pattern!r:.40}"


TREE_MUTATIONS: tuple[Callable[[Any, Rng], tuple[Any, str]], ...] = (
    delete_key, duplicate_key, retype, wrong_enum, set_type, deep_nest, nest_sequence, surrogate, number,
    added_token, added_token, sequence_member, add_key, set_section, set_section, tweak, tweak, model_option,
    model_option, model_kind,
)


def _show(path: Path_, key: Any = None) -> str:
    steps = [*path, key] if key is not None else list(path)
    return "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in steps).lstrip(".") or "<root>"


# -- text-level mutations -----------------------------------------------------------------
def truncate(raw: bytes, rng: Rng) -> tuple[bytes, str]:
    at = rng.randint(0, max(0, len(raw) - 1))
    return raw[:at], f"cut at byte {at} of {len(raw)}"


def flip_bytes(raw: bytes, rng: Rng) -> tuple[bytes, str]:
    data = bytearray(raw)
    done = []
    for _ in range(rng.randint(1, 3)):
        at = rng.randint(0, max(0, len(data) - 1))
        byte = choice(rng, (0x00, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x20, 0x31, 0xC3, 0xFF, 0xED,
                            rng.randint(0, 255)))
        if data and rng.randint(0, 2):
            data[at] = byte
        elif data and rng.randint(0, 1):
            del data[at]
        else:
            data.insert(at, byte)
        done.append(f"{at}:{byte:#04x}")
    return bytes(data), "bytes " + ",".join(done)


# -- one case -------------------------------------------------------------------------------
def make_case(rng: Rng, with_regex: bool = True) -> tuple[str, bytes, list[str]]:
    """(file name, the mutated bytes, what was done)."""
    name = choice(rng, FILES)
    doc: Any = base_documents()[name]
    done: list[str] = []
    mutations = TREE_MUTATIONS + ((regex_pattern,) if with_regex else ())
    for _ in range(rng.randint(1, 3)):
        try:
            doc, description = choice(rng, mutations)(doc, rng)
        except (TypeError, KeyError, IndexError, AttributeError):  # an earlier mutation left no such shape
            description = "(skipped)"
        done.append(description)
    raw = dump(doc).encode("utf-8", "surrogatepass")
    if rng.randint(0, 9) == 0:
        raw, description = choice(rng, (truncate, flip_bytes))(raw, rng)
        done.append(description)
    return name, raw, done
