"""AddedToken: a token added on top of the model's vocabulary.

>>> AddedToken("[MASK]", special=True)
AddedToken("[MASK]", rstrip=False, lstrip=False, single_word=False, normalized=False, special=True)
>>> str(AddedToken("hello"))
'hello'
"""

from __future__ import annotations

from typing import Any, Callable

from ._errors import ConfigurationError, SerializationError
from ._json.parse import refuse_duplicates
from ._validation import json_bool, json_field, json_object, json_str, json_u32

__all__ = ["AddedToken", "read_added_tokens"]

_FLAGS = ("single_word", "lstrip", "rstrip", "normalized", "special")


class AddedToken:
    """A token the tokenizer must match as a whole, with HF's matching flags.

    Args:
        content: the token's text.
        single_word: only match when not inside a word (no ``\\w`` on either side).
        lstrip: also swallow the whitespace on its left.
        rstrip: also swallow the whitespace on its right.
        normalized: match on the normalized text (default: ``not special``).
        special: a special token (skipped by ``decode(skip_special_tokens=True)``).

    >>> token = AddedToken("[MASK]", lstrip=True, special=True)
    >>> token.content, token.lstrip, token.normalized
    ('[MASK]', True, False)
    """

    __slots__ = ("content", "single_word", "lstrip", "rstrip", "_normalized", "special")

    def __init__(
        self,
        content: str = "",
        single_word: bool = False,
        lstrip: bool = False,
        rstrip: bool = False,
        normalized: bool | None = None,
        special: bool = False,
    ) -> None:
        if not isinstance(content, str):
            raise ConfigurationError(f"AddedToken content must be a str, got {type(content).__name__}")
        self.content = content
        self.single_word = bool(single_word)
        self.lstrip = bool(lstrip)
        self.rstrip = bool(rstrip)
        # HF keeps "not given" apart: the default follows `special` even if set later.
        self._normalized = None if normalized is None else bool(normalized)
        self.special = bool(special)

    @property
    def normalized(self) -> bool:
        """Whether the token is matched on the normalized text (default: True unless special).

        >>> AddedToken("hi").normalized, AddedToken("[CLS]", special=True).normalized
        (True, False)
        """
        return (not self.special) if self._normalized is None else self._normalized

    @normalized.setter
    def normalized(self, value: bool) -> None:
        self._normalized = bool(value)

    def __getstate__(self) -> dict[str, Any]:
        return {
            "content": self.content,
            "single_word": self.single_word,
            "lstrip": self.lstrip,
            "rstrip": self.rstrip,
            "normalized": self.normalized,
            "special": self.special,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    def to_dict(self, token_id: int) -> dict[str, Any]:
        """The ``added_tokens`` entry HF writes in tokenizer.json.

        >>> AddedToken("[X]", special=True).to_dict(7)
        {'id': 7, 'content': '[X]', 'single_word': False, 'lstrip': False, 'rstrip': False, 'normalized': False, 'special': True}
        """
        state = self.__getstate__()
        return {"id": token_id, **state}

    @classmethod
    def from_json(cls, data: Any) -> "AddedToken":
        """An ``added_tokens`` entry read as strictly as HF's ``AddedTokenWithId``.

        Every field is required, the flags are JSON booleans and ``"id"`` a u32
        (the id itself is then ignored: HF re-adds the tokens in file order, see
        hf-behaviour.md section 1); a field given twice is an error.

        >>> AddedToken.from_json({"id": 0, "content": "<s>", "single_word": False, "lstrip": "no",
        ...                       "rstrip": False, "normalized": False, "special": True})
        Traceback (most recent call last):
        ...
        tokkit._errors.SerializationError: lstrip: expected a boolean (true or false), got string "no"
        """
        data = json_object(data)
        refuse_duplicates(data, "an added token", ("id", "content", *_FLAGS))
        json_field(data, "id", json_u32)
        content = json_field(data, "content", json_str)
        flags = [json_field(data, name, json_bool) for name in _FLAGS]
        single_word, lstrip, rstrip, normalized, special = flags
        return cls(content, single_word, lstrip, rstrip, normalized, special)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "AddedToken":
        """An AddedToken from its tokenizer.json object (the ``id`` is the vocabulary's business).

        >>> AddedToken.from_dict({"content": "[X]", "special": True, "normalized": False})
        AddedToken("[X]", rstrip=False, lstrip=False, single_word=False, normalized=False, special=True)
        """
        return cls(
            data["content"],
            single_word=data.get("single_word", False),
            lstrip=data.get("lstrip", False),
            rstrip=data.get("rstrip", False),
            normalized=data.get("normalized", True),
            special=data.get("special", False),
        )

    def copy(self) -> "AddedToken":
        """An independent copy with the same fields.

        >>> token = AddedToken("[X]", special=True)
        >>> token.copy() == token, token.copy() is token
        (True, False)
        """
        token = AddedToken.__new__(AddedToken)
        for name in self.__slots__:
            setattr(token, name, getattr(self, name))
        return token

    def __str__(self) -> str:
        return self.content

    def __repr__(self) -> str:
        b: Callable[[bool], str] = lambda v: "True" if v else "False"  # noqa: E731
        # HF writes the content raw between quotes: no escaping of quotes or controls.
        return (
            f'AddedToken("{self.content}", rstrip={b(self.rstrip)}, '
            f"lstrip={b(self.lstrip)}, single_word={b(self.single_word)}, "
            f"normalized={b(self.normalized)}, special={b(self.special)})"
        )

    def _key(self) -> tuple[str, bool, bool, bool, bool, bool]:
        return (self.content, self.single_word, self.lstrip, self.rstrip, self.normalized, self.special)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, AddedToken):
            return self._key() == other._key()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.content)


def read_added_tokens(entries: Any) -> list[AddedToken]:
    """The tokenizer.json ``added_tokens`` array, each entry through :meth:`AddedToken.from_json`.

    >>> read_added_tokens([{"id": 5, "content": "[X]", "single_word": False, "lstrip": False, "rstrip": False,
    ...                    "normalized": False, "special": True}])
    [AddedToken("[X]", rstrip=False, lstrip=False, single_word=False, normalized=False, special=True)]
    """
    if not isinstance(entries, list):
        raise SerializationError(f"expected an array of added tokens, got {type(entries).__name__}")
    tokens = []
    for index, entry in enumerate(entries):
        try:
            tokens.append(AddedToken.from_json(entry))
        except SerializationError as exc:
            raise exc.at(index) from None
    return tokens
