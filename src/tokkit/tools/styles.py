"""The visualizer's style sheet, embedded in each page it renders.

The class names are HF's (``tokenized-text``, ``token``, ``non-token``,
``odd-token``/``even-token``, ``multi-token``, ``special-token``,
``annotation``) and so are their effects; the rules themselves are tokkit's.

>>> ".multi-token" in CSS and ".annotation::after" in CSS
True
"""

from __future__ import annotations

__all__ = ["CSS"]

CSS = """
/* The whole text: a scrolling box with tall lines, so labels fit under each line. */
.tokenized-text {
    box-sizing: border-box;
    width: 100%;
    max-height: 400px;
    overflow-y: auto;
    padding: 2rem;
    line-height: 4rem;
    letter-spacing: 2px;
    font-family: "Ubuntu Mono", "DejaVu Sans Mono", monospace;
    background-color: rgba(0, 0, 0, 0.01);
    box-shadow: 2px 2px 2px rgba(0, 0, 0, 0.2);
}

/* Text no token covers (spaces a pre-tokenizer dropped...): kept visible, framed top and bottom. */
.non-token {
    white-space: pre;
    letter-spacing: 4px;
    line-height: 1rem;
    border-top: 1px solid #a0a0a0;
    border-bottom: 1px solid #a0a0a0;
}

/* A piece of a token; tokens reset the colour an enclosing annotation sets. */
.token {
    position: relative;
    white-space: pre;
    letter-spacing: 2px;
    color: black;
}

/* Neighbouring tokens alternate shades (classes set when rendering: an annotation may cut a token in two). */
.even-token {
    background: #dcdcdc;
    border: 1px solid #dcdcdc;
}
.odd-token {
    background: #a0a0a0;
    border: 1px solid #a0a0a0;
}

/* Chars that belong to more than one token (byte-level BPE): striped, with a hint on hover. */
.even-token.multi-token, .odd-token.multi-token {
    background: repeating-linear-gradient(45deg, transparent, transparent 1px, #cccccc 1px, #cccccc 1px),
                linear-gradient(to bottom, #ffb6c1, #999999);
}
.multi-token:hover::after {
    content: "This char has more than 1 token";
    position: absolute;
    top: 1.75rem;
    left: 0;
    width: fit-content;
    padding: 0.5rem 0;
    line-height: 0;
    font-size: 0.75rem;
    font-weight: bold;
    white-space: nowrap;
    color: white;
    background-color: black;
}

/* An annotation: its span's style sets its colour; the label is drawn under the text. */
.annotation {
    position: relative;
    width: fit-content;
    white-space: nowrap;
    border-radius: 4px;
}
.annotation::before, .annotation::after {
    content: attr(data-label);
    position: absolute;
    top: 1.75rem;
    left: 0;
    width: 100%;
    padding: 0.5rem 0;
    line-height: 0;
    text-align: center;
    font-weight: bold;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
}
/* The label's text, above its coloured bar. */
.annotation::before {
    z-index: 1000;
    font-size: 1rem;
    color: white;
}
/* The bar: currentColor is the annotation's colour (a pseudo-element cannot read it from data). */
.annotation::after {
    font-size: 0.75rem;
    background-color: currentColor;
}
.annotation:hover::before, .annotation:hover::after {
    min-width: fit-content;
}
.annotation:hover {
    border: 2px solid currentColor;
}

/* A special token found in the text (an unknown token): its name is shown above it. */
.special-token:not(:empty) {
    position: relative;
}
.special-token:not(:empty)::before {
    content: attr(data-stok);
    position: absolute;
    bottom: 1.75rem;
    width: 100%;
    min-width: 100%;
    height: 1rem;
    line-height: 1rem;
    font-size: 1rem;
    font-weight: bold;
    text-align: center;
    color: white;
    background: #202020;
    border-radius: 10%;
}
/* A special token with no text: a badge that the mouse cannot select. */
.special-token:empty::before {
    content: attr(data-stok) attr(data-stoken);
    margin: 0 0.25rem;
    padding: 0.25rem;
    font-size: 0.75rem;
    color: white;
    background: #202020;
    border-radius: 4px;
}
"""
