"""The ``Tokenizer``'s methods that show it elsewhere: every stage of an encoding, and a transformers tokenizer."""

from __future__ import annotations

from typing import Any, Optional

from ..bridges import to_transformers
from ..views import Explanation, explain

__all__ = ["SeeingMethods"]


class SeeingMethods:
    """``explain`` and ``to_transformers`` (tokkit only), mixed into ``Tokenizer``."""

    def explain(self, text: str, pair: Optional[str] = None, add_special_tokens: bool = True) -> Explanation:
        """Every stage of encoding ``text`` (and ``pair``): ``print()`` it, or show it in a notebook (tokkit only).

        >>> from tokkit import Tokenizer, models
        >>> tok = Tokenizer(models.WordLevel({"hi": 0, "[UNK]": 1}, unk_token="[UNK]"))
        >>> tok.explain("hi").encoding.tokens
        ['hi']
        """
        return explain(self, text, pair, add_special_tokens=add_special_tokens)  # type: ignore[arg-type]

    def to_transformers(self, **init_kwargs: Any) -> Any:
        """A ``transformers.PreTrainedTokenizerFast`` running a copy of this tokenizer (``tokkit.bridges``).

        ``init_kwargs`` go to it; its special tokens map comes from this tokenizer's.  Needs ``transformers``.

        >>> from tokkit import Tokenizer, models
        >>> Tokenizer(models.WordLevel({"a": 0}, unk_token="a")).to_transformers(model_max_length=8)("a").input_ids
        [0]
        """
        return to_transformers(self, **init_kwargs)  # type: ignore[arg-type]
