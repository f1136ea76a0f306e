"""Custom normalizers and pre-tokenizers (``Family.custom(obj)``) report user errors and guard the
NormalizedString they are given as HF does."""

from __future__ import annotations

import pytest
import tokenizers as hf

import tokkit


class BadNormalizer:
    def normalize(self, normalized, wrong):  # one argument too many
        pass


class RaisingNormalizer:
    def normalize(self, normalized):
        raise KeyError("boom")


class KeepingNormalizer:
    def normalize(self, normalized):
        self.kept = normalized
        normalized.replace("there", "you")


class BadPreTokenizer:
    def pre_tokenize(self, pretok, wrong):
        pass


@pytest.mark.parametrize("lib", [hf, tokkit])
@pytest.mark.parametrize("inner,message", [(BadNormalizer(), r"^TypeError: .*normalize\(\) missing 1 required"),
                                           (RaisingNormalizer(), r"^KeyError: 'boom'$")])
def test_user_errors_are_reported_like_hf(lib, inner, message):
    with pytest.raises(Exception, match=message):
        lib.normalizers.Normalizer.custom(inner).normalize_str("Hey there")


@pytest.mark.parametrize("lib", [hf, tokkit])
def test_pre_tokenizer_user_errors_are_reported_like_hf(lib):
    with pytest.raises(Exception, match=r"^TypeError: .*pre_tokenize\(\) missing 1 required"):
        lib.pre_tokenizers.PreTokenizer.custom(BadPreTokenizer()).pre_tokenize_str("Hey there")


def test_kept_normalized_string_is_dead_after_the_call_like_hf():
    results = []
    for lib in (hf, tokkit):
        keeping = KeepingNormalizer()
        tok = lib.Tokenizer(lib.models.WordLevel({"[UNK]": 0}, unk_token="[UNK]"))
        tok.normalizer = lib.normalizers.Normalizer.custom(keeping)
        tok.pre_tokenizer = lib.pre_tokenizers.Whitespace()
        encoding = tok.encode("Hey there")
        results.append((encoding.tokens, encoding.offsets,
                        lib.normalizers.Normalizer.custom(keeping).normalize_str("Hey there")))
        for use in (lambda: keeping.kept.replace("a", "b"), lambda: keeping.kept.normalized):
            with pytest.raises(Exception, match="Cannot use a NormalizedStringRefMut outside `normalize`"):
                use()
    assert results[0] == results[1]
