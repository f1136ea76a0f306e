"""``to_transformers``: a tokkit tokenizer behind transformers' PreTrainedTokenizerFast.

What transformers returns (ids, masks, type ids, offsets, decoded text) must
be what tokkit returns for the same lines, and the folder ``save_pretrained``
writes must load with ``AutoTokenizer.from_pretrained`` (HF's backend) and
give the same again.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import Any

import pytest
import transformers

from tokkit import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
from tokkit.bridges import TransformersUnavailableError, special_tokens_map, to_transformers

DATA = Path(__file__).parent / "data"
LINES = (DATA / "wikitext-slice.txt").read_text(encoding="utf-8").splitlines()
SPECIALS = ["[UNK]", "[PAD]", "[CLS]", "[SEP]", "[MASK]"]


def trained_wordpiece() -> Tokenizer:
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator(LINES, trainers.WordPieceTrainer(vocab_size=2000, special_tokens=SPECIALS,
                                                             show_progress=False))
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[(name, tok.token_to_id(name)) for name in ("[CLS]", "[SEP]")])
    tok.decoder = decoders.WordPiece()
    return tok


TOKENIZERS = {"wordpiece": trained_wordpiece, "gpt2": lambda: Tokenizer.from_file(str(DATA / "gpt2.json"))}


@pytest.fixture(scope="module", params=sorted(TOKENIZERS))
def tokenizer(request: pytest.FixtureRequest) -> Tokenizer:
    return TOKENIZERS[request.param]()


def transformers_outputs(fast: Any, lines: list[str]) -> dict[str, Any]:
    out = fast(lines, return_offsets_mapping=True, return_token_type_ids=True, return_attention_mask=True)
    return {
        "ids": out["input_ids"], "attention_mask": out["attention_mask"], "type_ids": out["token_type_ids"],
        "offsets": [[tuple(pair) for pair in row] for row in out["offset_mapping"]],
        "decoded": [fast.decode(ids, skip_special_tokens=True, clean_up_tokenization_spaces=False)
                    for ids in out["input_ids"]],
    }


def tokkit_outputs(tok: Tokenizer, lines: list[str]) -> dict[str, Any]:
    encodings = tok.encode_batch(lines)
    return {
        "ids": [e.ids for e in encodings], "attention_mask": [e.attention_mask for e in encodings],
        "type_ids": [e.type_ids for e in encodings], "offsets": [e.offsets for e in encodings],
        "decoded": tok.decode_batch([e.ids for e in encodings]),
    }


def test_outputs_equal_tokkit_on_wikitext(tokenizer: Tokenizer) -> None:
    fast = tokenizer.to_transformers(model_max_length=100_000)
    assert isinstance(fast, transformers.PreTrainedTokenizerFast)
    assert type(fast.backend_tokenizer.tokenizer) is Tokenizer  # tokkit does the work
    assert transformers_outputs(fast, LINES) == tokkit_outputs(tokenizer, LINES)


def test_pairs_and_padding_equal_tokkit(tokenizer: Tokenizer) -> None:
    pad = special_tokens_map(tokenizer).get("pad_token", "<|endoftext|>")  # GPT-2 pads with its eos
    fast = to_transformers(tokenizer, pad_token=pad)
    firsts, seconds = LINES[:40:2], LINES[1:40:2]
    out = fast(firsts, seconds, padding="longest", return_token_type_ids=True)
    tokenizer.enable_padding(pad_id=fast.pad_token_id, pad_token=pad)
    try:
        encodings = tokenizer.encode_batch(list(zip(firsts, seconds)))
    finally:
        tokenizer.no_padding()
    assert out["input_ids"] == [e.ids for e in encodings]
    assert out["attention_mask"] == [e.attention_mask for e in encodings]
    assert out["token_type_ids"] == [e.type_ids for e in encodings]


def test_save_pretrained_reloads_with_auto_tokenizer(tokenizer: Tokenizer, tmp_path: Path) -> None:
    fast = to_transformers(tokenizer, model_max_length=100_000)
    fast.save_pretrained(str(tmp_path))
    reloaded = transformers.AutoTokenizer.from_pretrained(str(tmp_path))
    assert type(reloaded.backend_tokenizer).__module__.startswith("tokenizers")  # HF's backend this time
    assert reloaded.special_tokens_map == fast.special_tokens_map
    assert transformers_outputs(reloaded, LINES) == tokkit_outputs(tokenizer, LINES)


def test_special_tokens_and_init_kwargs() -> None:
    bert = Tokenizer.from_file(str(DATA / "bert-base-uncased.json"))
    assert special_tokens_map(bert) == {"unk_token": "[UNK]", "cls_token": "[CLS]", "sep_token": "[SEP]",
                                        "pad_token": "[PAD]", "mask_token": "[MASK]"}
    fast = to_transformers(bert, model_max_length=512, pad_token="[MASK]")
    assert fast.model_max_length == 512 and fast.pad_token == "[MASK]" and fast.cls_token == "[CLS]"
    gpt2 = to_transformers(Tokenizer.from_file(str(DATA / "gpt2.json")))
    assert gpt2.eos_token == "<|endoftext|>" and gpt2.unk_token is None


def test_tokenizer_without_post_processor_or_added_specials() -> None:
    tok = Tokenizer(models.WordLevel({"[UNK]": 0, "[PAD]": 1, "a": 2, "b": 3}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    before = tok.to_str()
    fast = to_transformers(tok, pad_token="[PAD]")
    assert tok.to_str() == before  # the caller's tokenizer is left alone
    out = fast(["a b c", "b"], ["a", "c a"], padding=True, return_token_type_ids=True)
    hf = transformers.PreTrainedTokenizerFast(tokenizer_file=None, tokenizer_object=_hf_copy(tok), pad_token="[PAD]",
                                              unk_token="[UNK]")
    assert out == hf(["a b c", "b"], ["a", "c a"], padding=True, return_token_type_ids=True)


def _hf_copy(tok: Tokenizer) -> Any:
    import tokenizers

    return tokenizers.Tokenizer.from_str(tok.to_str())


def test_add_bos_and_eos_tokens_as_hf_backend() -> None:
    tok = Tokenizer(models.WordLevel({"[UNK]": 0, "<s>": 1, "</s>": 2, "a": 3}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    options = {"add_bos_token": True, "add_eos_token": True, "bos_token": "<s>", "eos_token": "</s>",
               "unk_token": "[UNK]"}
    fast = to_transformers(tok, **options)
    hf = transformers.PreTrainedTokenizerFast(tokenizer_object=_hf_copy(tok), **options)
    assert fast("a b", "b a")["input_ids"] == hf("a b", "b a")["input_ids"] == [1, 3, 0, 2, 1, 0, 3, 2]
    assert type(fast.backend_tokenizer.post_processor).__module__.startswith("tokkit")


def test_added_tokens_through_transformers() -> None:
    tok = Tokenizer(models.WordLevel({"[UNK]": 0, "a": 1}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    fast = to_transformers(tok)
    assert fast.add_tokens(["zz"]) == 1 and fast.add_special_tokens({"pad_token": "[PAD]"}) == 1
    reference = _hf_copy(tok)
    reference.add_tokens(["zz"])
    reference.add_special_tokens(["[PAD]"])
    assert fast("a zz [PAD] b")["input_ids"] == reference.encode("a zz [PAD] b").ids
    assert "zz" not in tok.get_vocab()


def test_pickles_as_datasets_map_needs() -> None:
    fast = to_transformers(Tokenizer.from_file(str(DATA / "bert-base-uncased.json")))
    again = pickle.loads(pickle.dumps(fast))
    assert again(LINES[:20])["input_ids"] == fast(LINES[:20])["input_ids"]
    assert type(again.backend_tokenizer.tokenizer) is Tokenizer


def test_missing_transformers_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "transformers", None)  # what a machine without it sees
    with pytest.raises(TransformersUnavailableError, match="pip install transformers"):
        to_transformers(Tokenizer(models.WordLevel({"a": 0}, unk_token="a")))
