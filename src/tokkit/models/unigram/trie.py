"""The piece trie of a Unigram model: all pieces starting at a position, shortest first (HF ``models/unigram/trie.rs``).

>>> trie = build_trie({"a": 0, "ab": 1}, [-1.0, -2.0])
>>> trie["a"][0], trie["a"][2]["b"][0]
(0, 1)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from .lattice import Lattice

__all__ = ["Trie", "build_trie", "unused_char", "populate_lattice"]

#: ``{char: [piece id or -1, score, child Trie]}``: a node is a list (not a tuple or object) so that it is filled
#: in place and read by index in the hot loops; its items differ in type, hence ``list[Any]``.
Trie = dict[str, list[Any]]


def build_trie(token_to_id: dict[str, int], scores: list[float]) -> Trie:
    """A char trie of the pieces: ``{char: [piece id or -1, score, children]}`` (HF's byte trie).

    Walking it from a position yields the pieces starting there in
    increasing length, the order HF inserts lattice nodes in.
    """
    root: Trie = {}
    for piece, index in token_to_id.items():
        children, node = root, None
        for char in piece:  # the empty piece is never matched, like HF's trie
            node = children.get(char)
            if node is None:
                node = children[char] = [-1, 0.0, {}]
            children = node[2]
        if node is not None:
            node[0], node[1] = index, scores[index]
    return root


def unused_char(token_to_id: dict[str, int]) -> str:
    """A char that no piece contains: appended to a word, it stops every trie walk."""
    used = set("".join(token_to_id))
    return next(chr(code) for code in range(0xE000, 0x110000) if chr(code) not in used)


def populate_lattice(lattice: "Lattice", root: Trie, end_mark: str, unk_score: float,
                     unk_id: Optional[int]) -> None:
    """Insert every piece found at each position, by start then length, and the unk edges.

    A position without a single-char piece gets a one-char unk edge (when there is an unk id),
    as HF's ``populate_nodes`` (HF: models/unigram/model.rs, populate_nodes).
    """
    text = lattice.sentence + end_mark  # the mark ends every trie walk
    for start in range(len(lattice.sentence)):
        node = root.get(text[start])
        single = node is not None and node[0] >= 0
        end = start
        while node is not None:
            end += 1
            if node[0] >= 0:
                lattice.insert(start, end - start, node[1], node[0])
            node = node[2].get(text[end])
        if not single and unk_id is not None:
            lattice.insert(start, 1, unk_score, unk_id)
