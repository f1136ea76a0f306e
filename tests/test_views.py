"""Notebook views: ``tokkit.views.explain`` and ``Encoding._repr_html_``.

The final stage of an explanation is checked against ``Tokenizer.encode``
and HF's ``encode``; the intermediate stages against HF's ``normalize_str``
and ``pre_tokenize_str``; the HTML is parsed to check it holds only markup
(no script, every text escaped); the example notebook is executed headlessly.
"""

from __future__ import annotations

import copy
import os
import pickle
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Optional

import pytest
import tokenizers as hf
from hypothesis import given
from hypothesis import strategies as st

from tokkit import AddedToken, Encoding, Tokenizer
from tokkit.encoding.state import encoding_arguments, encoding_state
from tokkit.views import Explanation, explain
from tokkit.views.text import MARKERS



ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
FILES = ["bert-base-uncased.json", "gpt2.json", "t5-small.json"]
SPECIALS = ["[MASK]", "[CLS]", "<|endoftext|>", "</s>", "<unk>"]
TOKKIT = {name: Tokenizer.from_file(str(DATA / name)) for name in FILES}
HF = {name: hf.Tokenizer.from_file(str(DATA / name)) for name in FILES}

texts = st.lists(
    st.one_of(st.text(alphabet="abcXYZ éÉﬁ\u00a0\n\t.,!<&>'\u0301中文😀", max_size=12), st.sampled_from(SPECIALS)),
    max_size=6,
).map("".join)


class Markup(HTMLParser):
    """The tags, attributes and text of an HTML page; text inside ``tk-text`` blocks kept apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.titles: list[str] = []
        self.text_blocks: list[str] = []
        self._depth: Optional[int] = None
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self.titles += [value or "" for name, value in attrs if name == "title"]
        self._stack.append(tag)
        if tag == "div" and ("class", "tk-text") in attrs:
            self._depth = len(self._stack)
            self.text_blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        assert self._stack and self._stack[-1] == tag, f"</{tag}> closes <{self._stack[-1:]}>"
        if self._depth == len(self._stack):
            self._depth = None
        self._stack.pop()

    def handle_data(self, data: str) -> None:
        if self._depth is not None:
            self.text_blocks[-1] += data


def parse(page: str) -> Markup:
    markup = Markup()
    markup.feed(page)
    markup.close()
    assert not markup._stack, "unclosed tags"
    assert markup.tags <= {"style", "div", "span", "table", "tr", "th", "td", "h4"}
    assert markup.attributes <= {"class", "title"}  # no event handlers, no links
    return markup


def assert_same_encoding(ours: Encoding, theirs: Any) -> None:
    for name in ("ids", "tokens", "offsets", "type_ids", "special_tokens_mask", "attention_mask", "word_ids",
                 "sequence_ids"):
        assert getattr(ours, name) == getattr(theirs, name), name


# -- the final stage is the encoding -------------------------------------------------------
@pytest.mark.parametrize("name", FILES)
@given(text=texts, pair=st.one_of(st.none(), texts))
def test_final_stage_equals_encode(name: str, text: str, pair: Optional[str]) -> None:
    ex = explain(TOKKIT[name], text, pair)
    assert_same_encoding(ex.encoding, TOKKIT[name].encode(text, pair))
    theirs = HF[name].encode(text, pair)
    assert (ex.encoding.ids, ex.encoding.tokens, ex.encoding.offsets) == (theirs.ids, theirs.tokens, theirs.offsets)
    assert [t.id for t in ex.final] == theirs.ids
    assert ex.decoded == HF[name].decode(theirs.ids)
    assert ex.decoded_with_special == HF[name].decode(theirs.ids, skip_special_tokens=False)
    added = sum(t.origin == "post-processor" for t in ex.final)
    assert added == HF[name].num_special_tokens_to_add(pair is not None)


@pytest.mark.parametrize("name", FILES)
def test_truncation_and_padding_are_explained(name: str) -> None:
    tok = Tokenizer.from_file(str(DATA / name))
    theirs = hf.Tokenizer.from_file(str(DATA / name))
    for t in (tok, theirs):
        t.enable_truncation(6)
        t.enable_padding(length=6, pad_id=0, pad_token="[PAD]")
    text = "Some rather long text for truncation, then a pair"
    ex = explain(tok, text, "ok")
    assert_same_encoding(ex.encoding, tok.encode(text, "ok"))
    assert ex.encoding.ids == theirs.encode(text, "ok").ids
    assert len(ex.encoding.overflowing) == len(theirs.encode(text, "ok").overflowing) > 0
    short = explain(tok, "a")
    assert [t.origin for t in short.final].count("padding") == theirs.encode("a").attention_mask.count(0) > 0
    assert "overflowing" in str(ex)


# -- the intermediate stages -----------------------------------------------------------------
@pytest.mark.parametrize("name", FILES)
@given(text=texts)
def test_stages_match_hf_components(name: str, text: str) -> None:
    stages = explain(TOKKIT[name], text).sequences[0]
    theirs = HF[name]
    if not stages.added:  # added tokens are split off before the components run
        normalized = text if theirs.normalizer is None else theirs.normalizer.normalize_str(text)
        assert stages.normalized == normalized
        assert [p.text for p in stages.pieces] == [p for p, _ in theirs.pre_tokenizer.pre_tokenize_str(normalized)]
    assert [t.token for t in stages.tokens] == theirs.encode(text, add_special_tokens=False).tokens
    assert len(stages.alignments) == len(stages.normalized)
    for piece in stages.pieces:
        assert 0 <= piece.span[0] <= piece.span[1] <= len(text)


@pytest.mark.parametrize("name", FILES)
@given(text=texts)
def test_alignment_runs_cover_the_text(name: str, text: str) -> None:
    stages = explain(TOKKIT[name], text).sequences[0]
    assert "".join(run.normalized for run in stages.runs) == stages.normalized
    position = 0
    for run in stages.runs:  # these normalizers keep the order: the runs tile the original text
        assert run.span[0] == position and run.original == text[run.span[0]:run.span[1]]
        position = run.span[1]
        assert (run.kind == "same") == (run.normalized == run.original and run.kind != "added token")
        assert (run.kind == "removed") == (run.normalized == "" and run.original != "")
    assert position == len(text)


def test_added_tokens_show_where_they_were_matched() -> None:
    tok = Tokenizer.from_file(str(DATA / "bert-base-uncased.json"))
    theirs = hf.Tokenizer.from_file(str(DATA / "bert-base-uncased.json"))
    tok.add_tokens([AddedToken("héllo", normalized=True), AddedToken("Raw", normalized=False)])
    theirs.add_tokens([hf.AddedToken("héllo", normalized=True), hf.AddedToken("Raw", normalized=False)])
    text = "HÉLLO [MASK] Raw raw"
    stages = explain(tok, text).sequences[0]
    decoder = theirs.get_added_tokens_decoder()
    assert [(m.content, m.span) for m in stages.added] == [("hello", (0, 5)), ("[MASK]", (6, 12)), ("Raw", (13, 16))]
    assert [m.normalized for m in stages.added] == [decoder[m.id].normalized for m in stages.added]
    assert [m.special for m in stages.added] == [decoder[m.id].special for m in stages.added]
    assert [t.token for t in stages.tokens] == theirs.encode(text, add_special_tokens=False).tokens
    assert "normalized text" in str(explain(tok, text)) and "original text" in str(explain(tok, text))


# -- plain text ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", FILES)
def test_text_table_has_every_stage(name: str) -> None:
    out = str(explain(TOKKIT[name], "Héllo  wörld,\tok\u00a0x\n", "and a pair"))
    for header in ("== sequence 0: original", "== sequence 1: original", "== added tokens", "== normalized",
                   "== pre-tokenized", "== model", "== final encoding", "== decoded", "== legend"):
        assert header in out, header
    assert "\\t" in out and "\\n" in out and "\\u00a0" in out  # invisible chars are spelled out
    assert "\t" not in out and "\u00a0" not in out


def test_legend_names_the_stand_in_chars() -> None:
    assert MARKERS["\u0120"] in str(explain(TOKKIT["gpt2.json"], "a b\nc"))
    assert MARKERS["\u2581"] in str(explain(TOKKIT["t5-small.json"], "a b"))
    assert MARKERS["##"] in str(explain(TOKKIT["bert-base-uncased.json"], "tokenization"))
    assert MARKERS["\u2581"] not in str(explain(TOKKIT["bert-base-uncased.json"], "a b"))


def test_explain_rejects_words() -> None:
    from tokkit import TokkitError

    with pytest.raises(TokkitError, match="as a str"):
        explain(TOKKIT["gpt2.json"], ["pre", "tokenized"])  # type: ignore[arg-type]


# -- HTML ------------------------------------------------------------------------------------
HOSTILE = '<script>alert("x")</script> & <b onclick="y">[MASK]</b>'


@pytest.mark.parametrize("name", FILES)
def test_explanation_html_escapes_and_has_every_stage(name: str) -> None:
    ex = explain(TOKKIT[name], HOSTILE, "pair & <i>")
    page = ex._repr_html_()
    assert "<script" not in page and "<b " not in page and "<i>" not in page
    assert "&lt;script&gt;" in page and "&amp;" in page
    markup = parse(page)
    text = markup.text_blocks[0]
    assert text == HOSTILE  # the original, with the added tokens framed
    for title in ("Sequence 0: original", "Added tokens", "Normalized", "Pre-tokenized", "Model", "Final encoding",
                  "Decoded"):
        assert f"<h4>{title}" in page, title
    assert isinstance(ex, Explanation) and repr(ex).startswith("Explanation(")


@pytest.mark.parametrize("name", FILES)
def test_encoding_html(name: str) -> None:
    enc = TOKKIT[name].encode(HOSTILE, "pair & <i>")
    page = enc._repr_html_()
    assert "<script" not in page and "<b " not in page and "<i>" not in page
    markup = parse(page)
    assert HOSTILE in markup.text_blocks[0] and "pair & <i>" in markup.text_blocks[0]  # specials are chips
    for i, (token_id, span) in enumerate(zip(enc.ids, enc.offsets)):
        assert any(title.startswith(f"#{i} id={token_id} ") and title.endswith(f" ({span[0]}, {span[1]})")
                   for line in markup.titles for title in line.split("\n")), i
    assert page.count("tk-special") - 1 == sum(enc.special_tokens_mask)  # one in the style sheet


@given(text=texts)
def test_encoding_html_draws_the_text(text: str) -> None:
    enc = TOKKIT["gpt2.json"].encode(text)  # no special tokens added: the drawing is the text itself
    assert "".join(parse(enc._repr_html_()).text_blocks) == text


def test_the_text_is_not_state() -> None:
    tok = TOKKIT["bert-base-uncased.json"]
    enc = tok.encode("Hello there", "pair")
    same = Encoding(**encoding_arguments(encoding_state(enc), Encoding))
    assert enc.__getstate__() == same.__getstate__()
    assert repr(enc) == repr(same)
    unpickled = pickle.loads(pickle.dumps(enc))
    assert getattr(unpickled, "_texts", None) is None
    assert "Hello there" not in unpickled._repr_html_() and "[CLS]" in unpickled._repr_html_()
    assert getattr(copy.copy(enc), "_texts", None) is None
    assert "Hello there" in "".join(parse(enc._repr_html_()).text_blocks)
    assert Encoding(ids=[1], tokens=["x"])._repr_html_().count('title="#0 id=1 "x" (0, 0)"') == 0  # escaped quotes
    batch = tok.encode_batch(["one", ("two", "three")])
    assert [b._texts for b in batch] == ["one", ("two", "three")]
    assert getattr(tok.encode(["pre", "tokenized"], is_pretokenized=True), "_texts", None) is None


def test_overflowing_encodings_keep_the_text() -> None:
    tok = Tokenizer.from_file(str(DATA / "gpt2.json"))
    tok.enable_truncation(2)
    enc = tok.encode("one two three four")
    assert all(o._texts == "one two three four" for o in enc.overflowing)
    assert "".join(parse(enc.overflowing[0]._repr_html_()).text_blocks).strip()


# -- the example notebook ----------------------------------------------------------------------
def test_example_notebook_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    path = ROOT / "examples" / "notebook.ipynb"
    notebook = nbformat.read(path, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells)  # stored without outputs
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    pages = [output["data"]["text/html"] for cell in notebook.cells for output in cell.get("outputs", [])
             if "text/html" in output.get("data", {})]
    assert len(pages) == 4  # two Encodings, two explanations
    for page in pages:
        assert 'class="tk-view"' in page
        parse(page)
    assert any("<h4>Normalized" in page for page in pages)
    printed = "".join(output.get("text", "") for cell in notebook.cells for output in cell.get("outputs", []))
    assert "== final encoding" in printed


def test_readme_example_prints_what_the_readme_shows() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Seeing each stage", 1)[1]
    code = 'print(explain(bert, "Héllo,  [MASK]!"))\n```\n```\n'
    shown = section.split(code, 1)[1].split("```", 1)[0]
    assert shown == str(explain(TOKKIT["bert-base-uncased.json"], "Héllo,  [MASK]!"))
