"""tokkit.tools against HF's tokenizers.tools: the same HTML for the same tokenizer, text and annotations.

Each test renders with HF's EncodingVisualizer over HF's tokenizer and with
tokkit's over tokkit's (both loaded from the same tokenizer.json), and
compares the pages with the style sheet's text taken out (tokkit writes its
own CSS, with HF's class names).
"""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest
import tokenizers as hf
from hypothesis import given
from hypothesis import strategies as st
from tokenizers.tools import visualizer as hf_visualizer

import tokkit
from tokkit.tools import visualizer as tk_visualizer

DATA = Path(__file__).parent / "data"
NAMES = ["bert-base-uncased", "gpt2", "t5-small"]

#: Stacked combining marks and astral symbols: one token over many chars, many tokens over one char.
ZALGO = "Z\u0351\u036b\u0334\u0319A\u0362\u0335\u031cL\u0368\u0320G\u0311\u0334\u033bO\u0328! a pile of 💩 (💩💩💩) and 𝒳𝒴"

TEXTS = [
    "Hello world!",
    "a",
    " ",
    "  leading and trailing spaces  ",
    "tabs\tand\nnew\r\nlines\u3000wide space",
    "naïve café, Straße, ÅNGSTRÖM",
    "日本語のテキストと中文",
    "emoji 🤗🧑‍🤝‍🧑 and flags 🇫🇷",
    "html <b>bold</b> & 'quotes' \"double\" &amp;",
    "[CLS] literal special tokens [SEP] [UNK] [MASK] </s> <unk> <|endoftext|>",
    "trunk monkey OOV unknown Unknown sunk",
    "snowman ☃ and ⅷ and \u0301 combining",
    "x" * 300,
    ZALGO,
]


@pytest.fixture(scope="module", params=NAMES)
def pair(request: pytest.FixtureRequest) -> tuple[Any, Any]:
    return load_pair(request.param)


def without_style(page: str) -> str:
    return re.sub(r"<style>.*?</style>", "<style></style>", page, flags=re.S)


def render_both(pair: tuple[Any, Any], text: str, annotations: Any = None, converter: Any = None) -> tuple[str, str]:
    ours = tk_visualizer.EncodingVisualizer(pair[0], default_to_notebook=False, annotation_converter=converter)
    theirs = hf_visualizer.EncodingVisualizer(pair[1], default_to_notebook=False, annotation_converter=converter)
    tk_annos = hf_annos = annotations
    if converter is None and annotations is not None:
        tk_annos = [tk_visualizer.Annotation(a.start, a.end, a.label) for a in annotations]
        hf_annos = [hf_visualizer.Annotation(a.start, a.end, a.label) for a in annotations]
    return ours(text, tk_annos), theirs(text, hf_annos)


def assert_same_page(pair: tuple[Any, Any], text: str, annotations: Any = None, converter: Any = None) -> None:
    ours, theirs = render_both(pair, text, annotations, converter)
    assert without_style(ours) == without_style(theirs)


@pytest.mark.parametrize("text", TEXTS)
def test_same_html_without_annotations(pair: tuple[Any, Any], text: str) -> None:
    assert_same_page(pair, text)


A = tk_visualizer.Annotation
ANNOTATION_CASES = {
    "one": ("Hello world and more", [A(0, 5, "greeting")]),
    "at both ends": ("Hello world and more", [A(0, 3, "a"), A(16, 20, "b")]),
    "inside a token": ("unbelievable tokenization", [A(2, 7, "mid"), A(15, 18, "mid")]),
    "overlapping": ("Hello world and more", [A(0, 8, "x"), A(4, 14, "y"), A(6, 7, "z")]),
    "adjacent, same label": ("Hello world", [A(0, 5, "x"), A(5, 11, "x")]),
    "nested": ("the quick brown fox", [A(0, 19, "outer"), A(4, 9, "inner")]),
    "spaces only": ("a    b", [A(1, 5, "gap")]),
    "negative indices": ("Hello world", [A(-5, -1, "tail"), A(-2, 3, "wrap")]),
    "empty and reversed": ("Hello world", [A(3, 3, "empty"), A(6, 2, "reversed"), A(0, 1, "h")]),
    "many labels": ("abcdefghijklmnopqrstuvwxyz " * 2, [A(i, i + 2, f"L{i:02d}") for i in range(0, 50, 2)]),
    "labels with markup": ("Hello <world>", [A(6, 13, "<tag> & \"q\"")]),
    "unicode": ("emoji 🤗 café 日本", [A(6, 7, "emoji"), A(8, 12, "word"), A(13, 15, "cjk")]),
    "combining marks and astral symbols": (ZALGO, [A(0, 3, "z"), A(2, 9, "al"), A(22, 26, "pile"), A(30, 40, "poo")]),
    "special tokens": ("[CLS] hi </s> <|endoftext|>", [A(0, 5, "s"), A(9, 13, "s")]),
}


@pytest.mark.parametrize("case", sorted(ANNOTATION_CASES))
def test_same_html_with_annotations(pair: tuple[Any, Any], case: str) -> None:
    text, annotations = ANNOTATION_CASES[case]
    assert_same_page(pair, text, annotations)


def test_same_html_with_a_converter(pair: tuple[Any, Any]) -> None:
    ours = tk_visualizer.EncodingVisualizer(
        pair[0], default_to_notebook=False, annotation_converter=lambda d: tk_visualizer.Annotation(**d)
    )
    theirs = hf_visualizer.EncodingVisualizer(
        pair[1], default_to_notebook=False, annotation_converter=lambda d: hf_visualizer.Annotation(**d)
    )
    annotations = [{"start": 0, "end": 4, "label": "PER"}, {"start": 10, "end": 15, "label": "LOC"}]
    text = "John lives in Paris."
    assert without_style(ours(text, annotations)) == without_style(theirs(text, annotations))


@pytest.mark.parametrize(
    "text, annotations",
    [("", []), ("", [A(0, 0, "x")]), ("", [A(0, 1, "x")]), ("abc", [A(1, 4, "x")]), ("abc", [A(-4, 1, "x")])],
)
def test_same_errors(pair: tuple[Any, Any], text: str, annotations: Any) -> None:
    with pytest.raises(IndexError) as theirs:
        render_both((pair[1], pair[1]), text, annotations)
    with pytest.raises(IndexError) as ours:
        tk_visualizer.EncodingVisualizer(pair[0], default_to_notebook=False)(
            text, [tk_visualizer.Annotation(a.start, a.end, a.label) for a in annotations]
        )
    assert isinstance(ours.value, tokkit.TokkitError), theirs.value


def test_ipython_missing_raises_import_error(pair: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes an import fail, whether or not IPython is installed.
    for name in ("IPython", "IPython.display", "IPython.core", "IPython.core.display"):
        monkeypatch.setitem(sys.modules, name, None)
    for visualizer, tokenizer in ((hf_visualizer, pair[1]), (tk_visualizer, pair[0])):
        with pytest.raises(ImportError):
            visualizer.EncodingVisualizer(tokenizer)
        quiet = visualizer.EncodingVisualizer(tokenizer, default_to_notebook=False)
        with pytest.raises(ImportError):
            quiet("Hello", default_to_notebook=True)
    with pytest.raises(tokkit.TokkitError, match="default_to_notebook=False"):
        tk_visualizer.EncodingVisualizer(pair[0])


def fake_ipython(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """An IPython whose display records the HTML pages it is given."""
    shown: list[str] = []

    class HTML:
        def __init__(self, data: str) -> None:
            self.data = data

    display_module = types.ModuleType("IPython.display")
    display_module.HTML = HTML  # type: ignore[attr-defined]
    display_module.display = lambda obj: shown.append(obj.data)  # type: ignore[attr-defined]
    package = types.ModuleType("IPython")
    package.display = display_module  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", package)
    monkeypatch.setitem(sys.modules, "IPython.display", display_module)
    return shown


def test_notebook_display(pair: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    shown = fake_ipython(monkeypatch)
    text, annotations = ANNOTATION_CASES["overlapping"]
    assert tk_visualizer.EncodingVisualizer(pair[0])(text, annotations) is None
    assert hf_visualizer.EncodingVisualizer(pair[1])(text, annotations) is None
    quiet = tk_visualizer.EncodingVisualizer(pair[0], default_to_notebook=False)
    assert quiet(text, default_to_notebook=True) is None
    assert isinstance(tk_visualizer.EncodingVisualizer(pair[0])(text, default_to_notebook=False), str)
    assert len(shown) == 3
    assert without_style(shown[0]) == without_style(shown[1])


def test_helpers_match_hf() -> None:
    labels = [f"label {i}" for i in range(20)]
    for count in (0, 1, 2, 5, 12, 13, 20):
        ours = tk_visualizer.EncodingVisualizer.calculate_label_colors([A(0, 1, label) for label in labels[:count]])
        theirs = hf_visualizer.EncodingVisualizer.calculate_label_colors(
            [hf_visualizer.Annotation(0, 1, label) for label in labels[:count]]
        )
        assert ours == theirs
    children = ["<span>a</span>", "<b>c</b>"]
    assert tk_visualizer.HTMLBody(children, css_styles="x {}") == hf_visualizer.HTMLBody(children, css_styles="x {}")


def test_consecutive_chars_to_html_matches_hf() -> None:
    encoding = hf.Tokenizer.from_file(str(DATA / "bert-base-uncased.json")).encode("hi ☃")
    for char_ix, tokens in ((None, [0]), (0, [1]), (1, [1, 2]), (2, []), (3, [2])):
        states = []
        for module in (tk_visualizer, hf_visualizer):
            state = module.CharState(char_ix)
            state.tokens.extend(tokens)
            states.append(module.EncodingVisualizer.consecutive_chars_to_html([state], "hi ☃", encoding))
        assert states[0] == states[1]


@st.composite
def text_and_annotations(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    alphabet = st.one_of(
        st.sampled_from(list(" \t\nab.,'<>&\"éü日本🤗\u0301-")),
        st.characters(codec="utf-8"),
    )
    text = draw(st.text(alphabet, min_size=1, max_size=40))
    bounds = st.integers(0, len(text))
    spans = draw(st.lists(st.tuples(bounds, bounds, st.sampled_from(["PER", "LOC", "x"])), max_size=4))
    return text, spans


PAIRS: dict[str, tuple[Any, Any]] = {}


def load_pair(name: str) -> tuple[Any, Any]:
    if name not in PAIRS:
        text = (DATA / f"{name}.json").read_text(encoding="utf-8")
        PAIRS[name] = (tokkit.Tokenizer.from_str(text), hf.Tokenizer.from_str(text))
    return PAIRS[name]


@pytest.mark.parametrize("name", NAMES)
@given(case=text_and_annotations())
def test_same_html_on_random_texts(name: str, case: tuple[str, list[tuple[int, int, str]]]) -> None:
    text, spans = case
    ours, theirs = load_pair(name)
    page = tk_visualizer.EncodingVisualizer(ours, default_to_notebook=False)(
        text, [tk_visualizer.Annotation(*span) for span in spans]
    )
    expected = hf_visualizer.EncodingVisualizer(theirs, default_to_notebook=False)(
        text, [hf_visualizer.Annotation(*span) for span in spans]
    )
    assert page is not None and expected is not None
    assert without_style(page) == without_style(expected)


def test_the_cases_draw_every_kind_of_span() -> None:
    # The parity tests above only mean something if HF's pages show each feature somewhere.
    pages = [
        without_style(render_both(load_pair(name), text, annotations)[1])
        for name in NAMES
        for text, annotations in [(text, None) for text in TEXTS] + list(ANNOTATION_CASES.values())
    ]
    body = "".join(pages)
    for feature in ("non-token", "odd-token", "even-token", "multi-token", 'special-token"  data-stok=', "annotation"):
        assert feature in body, feature
