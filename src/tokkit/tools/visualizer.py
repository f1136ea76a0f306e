"""EncodingVisualizer: see how a tokenizer cuts a text, in a notebook or as an HTML string.

HF's ``tokenizers.tools.visualizer`` with the same API and the same HTML:
each token is a shaded span (neighbours alternate shades), text no token
covers is framed, chars covered by several tokens are striped, unknown tokens
show their name above their text, and annotations are labelled bars under the
text.

>>> from tokkit import Tokenizer, models, pre_tokenizers
>>> tok = Tokenizer(models.WordLevel({"hello": 0, "[UNK]": 1}, unk_token="[UNK]"))
>>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
>>> page = EncodingVisualizer(tok, default_to_notebook=False)("hello you")
>>> '<span class="token odd-token special-token"  data-stok="[UNK]" >you</span>' in page
True
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Optional, Protocol, Sequence

from .._errors import TokkitError
from .rendering import (
    UNK_TOKEN_REGEX,
    Annotation,
    AnnotationLike,
    CharState,
    CharStateKey,
    EncodingLike,
    HTMLBody,
    calculate_label_colors,
    consecutive_chars_html,
    page_html,
)
from .styles import CSS

__all__ = [
    "Annotation",
    "AnnotationList",
    "CharState",
    "CharStateKey",
    "EncodingVisualizer",
    "HTMLBody",
    "NotebookUnavailableError",
    "PartialIntList",
    "css",
]

#: HF's module-level names, for code that imports them from ``tokenizers.tools.visualizer``.
css = CSS
AnnotationList = list[Annotation]
PartialIntList = list[Optional[int]]


class NotebookUnavailableError(TokkitError, ImportError):
    """IPython is missing, so the visualization cannot be shown inline (HF raises ImportError too).

    >>> issubclass(NotebookUnavailableError, ImportError)  # HF's ``except ImportError`` keeps working
    True
    """


class TokenizerLike(Protocol):
    """What the visualizer needs of a tokenizer: ``encode(text)`` (tokkit's or HF's)."""

    def encode(self, sequence: str) -> EncodingLike: ...


def notebook_display() -> Callable[[str], None]:
    """A function that shows an HTML page inline in Jupyter, or an error if IPython is missing.

    IPython is imported only here, so tokkit never needs it to return HTML strings.

    >>> try:
    ...     show = notebook_display()
    ... except NotebookUnavailableError as error:
    ...     print("default_to_notebook=False" in str(error))
    ... else:
    ...     print(callable(show))
    True
    """
    # HF tries IPython.display first and IPython.core.display (older IPython) second.
    for module_name in ("IPython.display", "IPython.core.display"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        html_class, display = getattr(module, "HTML", None), getattr(module, "display", None)
        if html_class is not None and display is not None:
            return lambda page: display(html_class(page))
    raise NotebookUnavailableError(
        "EncodingVisualizer cannot show HTML in a notebook because IPython is not installed: "
        "install it (pip install ipython) and run in Jupyter, or pass default_to_notebook=False "
        "to get the HTML back as a string"
    )


class EncodingVisualizer:
    """Renders a tokenizer's encoding of a text as HTML, with optional annotations.

    Args:
        tokenizer: the tokenizer whose ``encode`` cuts the texts.
        default_to_notebook: show the HTML inline in Jupyter (True) or return it as a string.
        annotation_converter: turns each annotation given to a call into an :class:`Annotation`
            (or anything with ``start``, ``end`` and ``label``).

    >>> from tokkit import Tokenizer, models, pre_tokenizers
    >>> tok = Tokenizer(models.WordLevel({"a": 0}, unk_token="a"))
    >>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> viz = EncodingVisualizer(tok, default_to_notebook=False, annotation_converter=lambda t: Annotation(*t))
    >>> 'data-label="A"><span class="token even-token"  >a</span></span>' in viz("a", [(0, 1, "A")])
    True
    """

    #: Tokens whose name matches are drawn as special tokens over their text (HF's attribute name).
    unk_token_regex = UNK_TOKEN_REGEX

    def __init__(
        self,
        tokenizer: TokenizerLike,
        default_to_notebook: bool = True,
        annotation_converter: Optional[Callable[[Any], AnnotationLike]] = None,
    ) -> None:
        if default_to_notebook:
            notebook_display()  # as HF: fail now, not at the first call, when IPython is missing
        self.tokenizer = tokenizer
        self.default_to_notebook = default_to_notebook
        self.annotation_converter = annotation_converter

    @property
    def annotation_coverter(self) -> Optional[Callable[[Any], AnnotationLike]]:
        """HF's (misspelt) name of :attr:`annotation_converter`.

        >>> from tokkit import Tokenizer, models
        >>> to_annotation = lambda t: Annotation(*t)
        >>> viz = EncodingVisualizer(Tokenizer(models.WordLevel({"a": 0}, unk_token="a")), False, to_annotation)
        >>> viz.annotation_coverter is viz.annotation_converter is to_annotation
        True
        """
        return self.annotation_converter

    def __call__(
        self,
        text: str,
        annotations: Optional[Sequence[Any]] = None,
        default_to_notebook: Optional[bool] = None,
    ) -> Optional[str]:
        """Encode ``text`` and show its HTML in the notebook (returns None) or return the HTML.

        ``default_to_notebook`` overrides the visualizer's setting for this call.
        An empty text raises :class:`~tokkit.tools.rendering.EmptyTextError`, and
        an annotation outside the text :class:`~tokkit.tools.rendering.AnnotationRangeError`
        (both are IndexError, as HF raises).

        >>> from tokkit import Tokenizer, models
        >>> viz = EncodingVisualizer(Tokenizer(models.WordLevel({"x": 0})), default_to_notebook=False)
        >>> print(viz("x").split("<body>")[1].split("</div>")[0].strip())
        <div class="tokenized-text" dir=auto>
                    <span class="token even-token"  >x</span>
        """
        to_notebook = self.default_to_notebook if default_to_notebook is None else default_to_notebook
        show = notebook_display() if to_notebook else None
        converted: Sequence[AnnotationLike] = list(annotations or [])
        if self.annotation_converter is not None:
            converted = [self.annotation_converter(annotation) for annotation in converted]
        page = page_html(text, self.tokenizer.encode(text), converted)
        if show is None:
            return page
        show(page)
        return None

    @staticmethod
    def calculate_label_colors(annotations: Sequence[AnnotationLike]) -> dict[str, str]:
        """An HSL colour per label of ``annotations``.

        >>> EncodingVisualizer.calculate_label_colors([Annotation(0, 1, "PER")])
        {'PER': 'hsl(10,32%,64%)'}
        """
        return calculate_label_colors(annotations)

    @staticmethod
    def consecutive_chars_to_html(
        consecutive_chars_list: Sequence[CharState], text: str, encoding: EncodingLike
    ) -> str:
        """The ``<span>`` of a run of chars sharing a first token and an annotation (HF's helper).

        >>> state = CharState(1)
        >>> class Enc:
        ...     tokens = ["x", "y"]
        >>> EncodingVisualizer.consecutive_chars_to_html([state], "ab", Enc())
        '<span class="non-token"  >b</span>'
        """
        return consecutive_chars_html(consecutive_chars_list, text, encoding.tokens)
