"""A slow, obviously-correct Unigram trainer: the oracle for ``tokkit.trainers.unigram``.

It follows HF's algorithm literally (HF: models/unigram/trainer.rs):

* seeds: every substring of the flat string (distinct words, each + "\\0") is
  enumerated; a substring is a suffix-tree node when it occurs >= 2 times and
  is followed by >= 2 different chars; no suffix array;
* lattices are rebuilt from the model (a dict) for every word in every step;
  the E step enumerates EVERY segmentation of a word explicitly and sums path
  probabilities (so words must be short), instead of forward-backward;
* Viterbi and the 2nd-best split also come from the explicit list of paths.

Tie rules are tokkit's documented ones: among equal-scoring paths the one
whose last differing piece starts earliest wins (HF's Viterbi); a piece that
ties with its best split counts as best; required chars are visited in
code-point order.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Optional

NAN = float("nan")


# -- seeds ---------------------------------------------------------------------------
def seeds(words: dict[str, int], max_piece_length: int, seed_size: int) -> list[tuple[str, float]]:
    flat = "".join(w + "\0" for w in words if w)
    chars: Counter[str] = Counter()
    for word, count in words.items():
        for char in word:
            if char != "\0":
                chars[char] += count
    occurrences: dict[str, list[int]] = {}
    for start in range(len(flat)):
        for end in range(start + 2, min(len(flat), start + max_piece_length) + 1):
            occurrences.setdefault(flat[start:end], []).append(end)
    nodes = []
    for sub, ends in occurrences.items():
        if "\0" in sub or len(ends) < 2:
            continue
        if len({flat[end] for end in ends}) >= 2:  # right-branching: an internal suffix-tree node
            nodes.append((len(ends) * len(sub), sub))
    out = [(char, float(count)) for count, char in sorted(((c, ch) for ch, c in chars.items()), reverse=True)]
    for score, sub in sorted(nodes, reverse=True):
        out.append((sub, float(score)))
        if len(out) >= seed_size:
            break
    if not out:
        return []
    logsum = math.log(sum(score for _, score in out))
    return [(piece, math.log(score) - logsum) for piece, score in out]


# -- lattices as explicit path lists -------------------------------------------------------
def paths(word: str, model: dict[str, tuple[int, float]], unk_score: float) -> list[list[tuple[int, int, int, float]]]:
    """Every segmentation of ``word`` as a list of (start, end, id, score); unk where no 1-char piece."""
    n = len(word)
    edges: list[list[tuple[int, int, int, float]]] = [[] for _ in range(n + 1)]
    for start in range(n):
        for end in range(start + 1, n + 1):
            sub = word[start:end]
            if sub in model and sub != "<UNK>":
                edges[start].append((start, end, *model[sub]))
        if word[start] not in model:
            edges[start].append((start, start + 1, 0, unk_score))
    out: list[list[tuple[int, int, int, float]]] = []

    def walk(pos: int, acc: list[tuple[int, int, int, float]]) -> None:
        if pos == n:
            out.append(list(acc))
            return
        for edge in edges[pos]:
            acc.append(edge)
            walk(edge[1], acc)
            acc.pop()

    walk(0, [])
    return out


def _total(path: list[tuple[int, int, int, float]]) -> float:
    total = 0.0
    for edge in path:
        total += edge[3]
    return total


def _better(a: list, b: list) -> bool:
    """Is path ``a`` preferred to ``b``: higher score, or equal and earlier-starting last difference."""
    sa, sb = _total(a), _total(b)
    if sa != sb:
        return sa > sb
    # HF's Viterbi keeps the first (earliest start) predecessor on ties, deciding from the right.
    for x, y in zip(reversed(a), reversed(b)):
        if x[0] != y[0]:
            return x[0] < y[0]
    return False


def best_path(all_paths: list[list]) -> list:
    best = all_paths[0]
    for path in all_paths[1:]:
        if _better(path, best):
            best = path
    return best


# -- training ------------------------------------------------------------------------
def digamma(x: float) -> float:
    result = 0.0
    while x < 7.0:
        result -= 1.0 / x
        x += 1.0
    x -= 0.5
    xx = 1.0 / x
    xx2 = xx * xx
    xx4 = xx2 * xx2
    return result + math.log(x) + xx2 / 24.0 - 7.0 / 960.0 * xx4 + 31.0 / 8064.0 * xx4 * xx2 - 127.0 / 30720.0 * xx4 * xx4


def _model(pieces: list[tuple[str, float]]) -> tuple[dict[str, tuple[int, float]], float]:
    model = {piece: (i, score) for i, (piece, score) in enumerate(pieces)}
    min_score = min((score for _, score in pieces if score == score), default=math.inf)
    return model, min_score - 10.0


def e_step(pieces: list[tuple[str, float]], words: dict[str, int]) -> list[float]:
    model, unk = _model(pieces)
    expected = [0.0] * len(pieces)
    for word, count in words.items():
        all_paths = paths(word, model, unk)
        weights = [math.exp(_total(path)) for path in all_paths]
        z = sum(weights)
        for path, weight in zip(all_paths, weights):
            for edge in path:
                expected[edge[2]] += count * weight / z
    return expected


def m_step(pieces: list[tuple[str, float]], expected: list[float]) -> list[tuple[str, float]]:
    kept = [(pieces[0][0], NAN)] + [(p, e) for (p, _), e in zip(pieces[1:], expected[1:]) if e >= 0.5]
    if len(kept) == 1:
        return kept
    total = sum(e for _, e in kept[1:])
    return [kept[0]] + [(p, digamma(e) - digamma(total)) for p, e in kept[1:]]


def prune(pieces: list[tuple[str, float]], words: dict[str, int], vocab_size: int, factor: float) -> list:
    model, unk = _model(pieces)
    always_keep = [True] * len(pieces)
    alternatives: list[list[int]] = [[] for _ in pieces]
    always_keep[0] = False
    for i, (piece, score) in enumerate(pieces[1:], 1):
        all_paths = paths(piece, model, unk)
        if len(all_paths) == 1:
            continue
        others = [p for p in all_paths if len(p) > 1]
        second = best_path(others)
        if score >= _total(second):
            alternatives[i] = [edge[2] for edge in second]
        else:
            always_keep[i] = False
    freq = [0.0] * len(pieces)
    for word, count in words.items():
        if word:
            for edge in best_path(paths(word, model, unk)):
                freq[edge[2]] += count
    total = sum(freq)
    vsum = float(sum(words.values()))
    new = [pieces[0]]
    candidates = []
    for i, (piece, score) in enumerate(pieces[1:], 1):
        if freq[i] == 0.0 and not always_keep[i]:
            continue
        if not alternatives[i]:
            new.append((piece, score))
            continue
        if freq[i] == 0.0:
            continue
        # HF's len(pieces) - 1, not len(alternatives) - 1 (HF: models/unigram/trainer.rs, prune_sentence_pieces)
        logsum_alt = math.log(total + freq[i] * (len(pieces) - 1))
        logprob_alt = sum(math.log(freq[n] + freq[i]) - logsum_alt for n in alternatives[i])
        loss = freq[i] / vsum * ((math.log(freq[i]) - math.log(total)) - logprob_alt)
        candidates.append((i, loss))
    size = max(vocab_size * 11 // 10, int(len(pieces) * factor))
    for i, _ in sorted(candidates, key=lambda c: c[1], reverse=True):
        if len(new) == size:
            break
        new.append(pieces[i])
    return new


def train(words: dict[str, int], vocab_size: int = 8000, special_tokens: list[str] = (),
          initial_alphabet: list[str] = (), shrinking_factor: float = 0.75, unk_token: Optional[str] = None,
          max_piece_length: int = 16, n_sub_iterations: int = 2, seed_size: int = 1_000_000
          ) -> tuple[list[tuple[str, float]], Optional[int]]:
    """The whole HF algorithm; returns (vocab, unk_id)."""
    pieces = [("<UNK>", NAN)] + seeds(words, max_piece_length, seed_size)
    required = sorted(set("".join(words)) | {c[0] for c in initial_alphabet if c})
    desired = vocab_size * 11 // 10
    while True:
        start = [p for p, _ in pieces]
        for _ in range(n_sub_iterations):
            pieces = m_step(pieces, e_step(pieces, words))
        if len(pieces) <= desired:
            break
        pieces = prune(pieces, words, vocab_size, shrinking_factor)
        if [p for p, _ in pieces] == start:
            break  # HF loops forever here (nothing can be removed); tokkit stops
    return finalize(pieces, required, vocab_size, list(special_tokens), unk_token)


def finalize(pieces: list, required: list[str], vocab_size: int, specials: list[str], unk_token: Optional[str]):
    existing = dict(pieces)
    min_score = min((s for _, s in pieces if s == s), default=math.inf)
    out, inserted, penalty = [], {"<UNK>"}, 0.0
    for char in required:
        if char in existing:
            out.append((char, existing[char]))
        else:
            out.append((char, min_score + penalty))
            penalty += 0.0001
        inserted.add(char)
    add_unk = unk_token is not None and unk_token not in specials
    unk_id = None if unk_token is None else (specials.index(unk_token) if unk_token in specials else 0)
    limit = vocab_size - len(specials) - (1 if add_unk else 0)
    for token, score in pieces:
        if token in inserted:
            continue
        inserted.add(token)
        out.append((token, 0.0 if score != score else score))
        if len(out) == limit:
            break
    out.sort(key=lambda item: item[1], reverse=True)
    head = ([(unk_token, 0.0)] if add_unk else []) + [(s, 0.0) for s in specials]
    return head + out, unk_id
