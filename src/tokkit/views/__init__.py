"""Seeing what a tokenizer does: ``explain(tokenizer, text)`` keeps every stage of encoding a text.

The result prints as plain-text tables (``str``) and shows as HTML in a
notebook (``_repr_html_``); its fields hold the stages as data.  An
``Encoding`` draws itself too (``Encoding._repr_html_``).

>>> from tokkit import Tokenizer, models, pre_tokenizers
>>> tok = Tokenizer(models.WordLevel({"hi": 0, "you": 1}, unk_token="hi"))
>>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
>>> [t.token for t in explain(tok, "hi you").final]
['hi', 'you']
"""

from .explain import Explainable, Explanation, alignment_runs, component_name, explain
from .stages import AddedMatch, AlignmentRun, Components, FinalToken, ModelToken, Piece, SequenceStages

__all__ = [
    "AddedMatch", "AlignmentRun", "Components", "Explainable", "Explanation", "FinalToken", "ModelToken", "Piece",
    "SequenceStages", "alignment_runs", "component_name", "explain",
]  # fmt: skip
