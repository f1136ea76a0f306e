"""The piece trie of a Unigram model: all pieces starting at a position, shortest first (HF ``models/unigram/trie.rs``).

>>> trie = _build_trie({"a": 0, "ab": 1}, [-1.0, -2.0])
>>> trie["a"][0], trie["a"][2]["b"][0]
(0, 1)
"""

from __future__ import annotations

__all__ = []


def _build_trie(token_to_id: dict[str, int], scores: list[float]) -> dict[str, list]:
    """A char trie of the pieces: ``{char: [piece id or -1, score, children]}`` (HF's byte trie).

    Walking it from a position yields the pieces starting there in
    increasing length, the order HF inserts lattice nodes in.
    """
    root: dict[str, list] = {}
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


def _unused_char(token_to_id: dict[str, int]) -> str:
    """A char that no piece contains: appended to a word, it stops every trie walk."""
    used = set("".join(token_to_id))
    return next(chr(code) for code in range(0xE000, 0x110000) if chr(code) not in used)
