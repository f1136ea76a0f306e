"""``to_transformers``: a tokkit tokenizer as a ``transformers.PreTrainedTokenizerFast``.

transformers drives its "fast" tokenizers through the ``tokenizers.Tokenizer``
API, which tokkit's ``Tokenizer`` has, so a tokkit tokenizer can be that
backend: the wrapped tokenizer encodes, pads, truncates and decodes with
tokkit (pure Python), gives what HF's backend gives, and ``save_pretrained``
writes a folder ``AutoTokenizer.from_pretrained`` loads (with HF's backend).
What this module adds is the special tokens map, and the wrapper that turns
the ``tokenizers`` objects transformers hands its backend into tokkit's
(:mod:`tokkit.bridges.backend`).

>>> from tokkit import Tokenizer, models, pre_tokenizers
>>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "[PAD]": 1, "hi": 2}, unk_token="[UNK]"))
>>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
>>> tok.add_special_tokens(["[PAD]"])
1
>>> special_tokens_map(tok)
{'unk_token': '[UNK]', 'pad_token': '[PAD]'}
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Optional

from .._errors import TokkitError
from .backend import TransformersBackend

if TYPE_CHECKING:
    from ..tokenizer import Tokenizer

__all__ = ["TransformersUnavailableError", "special_tokens_map", "to_transformers"]

#: transformers' special token roles and the token names that usually fill them, most usual first.
USUAL_NAMES: dict[str, tuple[str, ...]] = {
    "bos_token": ("<s>", "<bos>", "[BOS]", "<|startoftext|>", "<|begin_of_text|>"),
    "eos_token": ("</s>", "<eos>", "[EOS]", "<|endoftext|>", "<|end_of_text|>"),
    "cls_token": ("[CLS]", "<cls>"),
    "sep_token": ("[SEP]", "<sep>"),
    "pad_token": ("[PAD]", "<pad>", "<|pad|>", "<|padding|>"),
    "mask_token": ("[MASK]", "<mask>"),
}


class TransformersUnavailableError(TokkitError, ImportError):
    """``transformers`` is not installed, so no transformers tokenizer can be made.

    >>> issubclass(TransformersUnavailableError, ImportError)  # ``except ImportError`` catches it
    True
    """


def special_tokens_map(tokenizer: "Tokenizer") -> dict[str, str]:
    """transformers' special tokens (``unk_token``, ``pad_token``...) found in ``tokenizer``.

    ``unk_token`` is the model's unknown token (``unk_token``, or Unigram's
    ``unk_id`` piece); the other roles take the first of their usual names
    (``USUAL_NAMES``) that is a special added token of ``tokenizer``.

    >>> from tokkit import Tokenizer, models
    >>> tok = Tokenizer(models.WordLevel({"<s>": 0, "</s>": 1}, unk_token="<unk>"))
    >>> tok.add_special_tokens(["<s>", "</s>"])
    2
    >>> special_tokens_map(tok)
    {'unk_token': '<unk>', 'bos_token': '<s>', 'eos_token': '</s>'}
    """
    found: dict[str, str] = {}
    unk = _unk_token(tokenizer)
    if unk is not None:
        found["unk_token"] = unk
    specials = {token.content for token in tokenizer.get_added_tokens_decoder().values() if token.special}
    for role, names in USUAL_NAMES.items():
        name = next((name for name in names if name in specials), None)
        if name is not None:
            found[role] = name
    return found


def _unk_token(tokenizer: "Tokenizer") -> Optional[str]:
    model = tokenizer.model
    unk = getattr(model, "unk_token", None)
    if isinstance(unk, str):
        return unk
    unk_id = getattr(model, "unk_id", None)  # Unigram names its unk piece by id
    return tokenizer.id_to_token(unk_id) if isinstance(unk_id, int) else None


def to_transformers(tokenizer: "Tokenizer", **init_kwargs: Any) -> Any:
    """A ``transformers.PreTrainedTokenizerFast`` whose backend is a copy of ``tokenizer``.

    ``init_kwargs`` go to ``PreTrainedTokenizerFast`` (``model_max_length=512``,
    ``padding_side="left"``, ``add_bos_token=True``...) and override the special
    tokens found by :func:`special_tokens_map`.  ``tokenizer`` itself is not
    changed: transformers works on a copy, wrapped in a
    :class:`~tokkit.bridges.backend.TransformersBackend` so the ``tokenizers``
    objects transformers hands it become tokkit's.

    >>> from tokkit import Tokenizer, models, pre_tokenizers
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hello": 1, "you": 2}, unk_token="[UNK]"))
    >>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> fast = to_transformers(tok, model_max_length=16)
    >>> fast("hello you there")["input_ids"], fast.unk_token, fast.model_max_length
    ([1, 2, 0], '[UNK]', 16)
    """
    try:
        module = importlib.import_module("transformers")
    except ImportError as error:
        raise TransformersUnavailableError(
            f"to_transformers needs the transformers package ({error}): pip install transformers"
        ) from error
    kwargs: dict[str, Any] = {**special_tokens_map(tokenizer), **init_kwargs}
    # transformers deep-copies tokenizer_object, so the caller's tokenizer stays as it is
    return module.PreTrainedTokenizerFast(tokenizer_object=TransformersBackend(tokenizer), **kwargs)
