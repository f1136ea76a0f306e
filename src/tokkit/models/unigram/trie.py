"""The piece trie of a Unigram model: all pieces starting at a position, shortest first (HF ``models/unigram/trie.rs``).

A node is one dict: its children by char, and under the key ``None`` the id
of the piece that ends there (-1 if none); scores are looked up by id.  One
object per node, and a leaf (no children: a dict of ints only) is never
tracked by the cyclic GC at all, so a full collection walks about a third of
the objects that ``[id, score, children]`` lists and their dicts made (T5's
32k pieces: 57k dicts instead of 162k lists and dicts), for the same walk speed.

>>> trie = build_trie({"a": 0, "ab": 1})
>>> trie["a"][None], trie["a"]["b"][None]
(0, 1)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from .lattice import Lattice

__all__ = ["Trie", "build_trie", "unused_char", "populate_lattice"]

#: ``{char: child node, None: piece id or -1}``: the items differ in type, hence ``Any``.
Trie = dict[Optional[str], Any]


def build_trie(token_to_id: dict[str, int]) -> Trie:
    """A char trie of the pieces: ``{char: child, None: piece id or -1}`` (HF's byte trie).

    Walking it from a position yields the pieces starting there in
    increasing length, the order HF inserts lattice nodes in.
    """
    root: Trie = {None: -1}
    for piece, index in token_to_id.items():
        node = root
        for char in piece:  # the empty piece is never matched, like HF's trie
            child = node.get(char)
            if child is None:
                child = node[char] = {None: -1}
            node = child
        if node is not root:
            node[None] = index
    return root


def unused_char(token_to_id: dict[str, int]) -> str:
    """A char that no piece contains: appended to a word, it stops every trie walk."""
    used = set("".join(token_to_id))
    return next(chr(code) for code in range(0xE000, 0x110000) if chr(code) not in used)


def populate_lattice(lattice: "Lattice", root: Trie, scores: list[float], end_mark: str, unk_score: float,
                     unk_id: Optional[int]) -> None:
    """Insert every piece found at each position, by start then length, and the unk edges.

    A position without a single-char piece gets a one-char unk edge (when there is an unk id),
    as HF's ``populate_nodes`` (HF: models/unigram/model.rs, populate_nodes).
    """
    text = lattice.sentence + end_mark  # the mark ends every trie walk
    for start in range(len(lattice.sentence)):
        node = root.get(text[start])
        single = node is not None and node[None] >= 0
        end = start
        while node is not None:
            end += 1
            piece_id = node[None]
            if piece_id >= 0:
                lattice.insert(start, end - start, scores[piece_id], piece_id)
            node = node.get(text[end])
        if not single and unk_id is not None:
            lattice.insert(start, 1, unk_score, unk_id)
