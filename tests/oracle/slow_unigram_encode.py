"""A slow, obviously-correct Unigram encoder: the oracle for ``tokkit.models.unigram`` on one word.

It follows HF's description literally (HF: models/unigram/model.rs, ``encode_optimized``),
with none of tokkit's tables or tries:

* every substring ``word[start:end]`` that is a piece is an edge; a position
  whose char is not a piece gets a one-char unk edge scored ``min_score - 10``;
* for each end, in increasing order, the candidates are tried by increasing
  start and only a strictly greater ``best[start] + score`` replaces the best
  (the first candidate always wins), so ties keep the earliest start;
* walking the path back, consecutive edges whose id is the unk id (unk edges,
  and an ``"<unk>"`` piece met in the text) become one token of the raw text,
  whose id is its own piece id if it is a piece, else with byte fallback one
  ``<0xHH>`` token per UTF-8 byte if all exist (each with the whole span), else the unk id.

The float sums are HF's (``best[start] + score``, from the start of the word).
Raises ``LookupError`` where HF reports a missing unk id: as soon as an unk edge
would be the best way to its end (even if the final path avoids it).
"""

from __future__ import annotations

import math
from typing import Optional


def slow_encode(pieces: list[tuple[str, float]], unk_id: Optional[int], byte_fallback: bool,
                word: str) -> list[tuple[int, str, tuple[int, int]]]:
    """``(id, token, (start, end))`` for each token of ``word`` (char offsets)."""
    ids = {piece: index for index, (piece, _) in enumerate(pieces)}  # a duplicate keeps its last id
    min_score = min((score for _, score in pieces), default=math.inf)
    n = len(word)
    best: list[Optional[float]] = [0.0] + [None] * n
    last: list[Optional[tuple[int, int]]] = [None] * (n + 1)  # (start, id) of the best last edge
    for end in range(1, n + 1):
        for start in range(end):
            piece = word[start:end]
            if piece in ids:
                edge_id, score = ids[piece], pieces[ids[piece]][1]
            elif end == start + 1:  # the char is not a piece: an unk edge
                edge_id, score = -1 if unk_id is None else unk_id, min_score - 10.0
            else:
                continue
            base = best[start]
            assert base is not None  # every position is reachable (a piece or an unk edge per char)
            candidate = base + score
            current = best[end]
            if last[end] is None or (current is not None and candidate > current):
                if edge_id == -1:  # HF fails as soon as an unk edge would be the best so far
                    raise LookupError("missing unk id")
                best[end], last[end] = candidate, (start, edge_id)
    path: list[tuple[int, int, int]] = []
    end = n
    while end > 0:
        edge = last[end]
        assert edge is not None
        start, edge_id = edge
        path.append((start, end, edge_id))
        end = start
    path.reverse()
    tokens: list[tuple[int, str, tuple[int, int]]] = []
    index = 0
    while index < len(path):
        start, end, edge_id = path[index]
        if unk_id is None or edge_id != unk_id:
            tokens.append((edge_id, word[start:end], (start, end)))
            index += 1
            continue
        while index + 1 < len(path) and path[index + 1][2] == unk_id:
            index += 1
            end = path[index][1]
        index += 1
        text = word[start:end]
        if text in ids:
            tokens.append((ids[text], text, (start, end)))
            continue
        byte_pieces = [f"<0x{byte:02X}>" for byte in text.encode("utf-8")]
        if byte_fallback and all(piece in ids for piece in byte_pieces):
            tokens.extend((ids[piece], piece, (start, end)) for piece in byte_pieces)
        else:
            tokens.append((unk_id, text, (start, end)))
    return tokens
