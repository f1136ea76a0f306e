"""Register your own pre-tokenizer so it saves to and loads from tokenizer.json."""

from tokkit import Tokenizer, models, pre_tokenizers


@pre_tokenizers.register("KmerSplit")
class KmerSplit(pre_tokenizers.PreTokenizer):
    """Cut every piece into chunks of ``k`` characters (e.g. DNA k-mers)."""

    _fields = ("k",)

    def __init__(self, k: int = 3) -> None:
        self.k = k

    def pre_tokenize(self, pretok):
        pretok.split(lambda i, s: [s.slice(j, min(j + self.k, len(s))) for j in range(0, len(s), self.k)])


tokenizer = Tokenizer(models.WordLevel({"ACG": 0, "TTA": 1, "[UNK]": 2}, unk_token="[UNK]"))
tokenizer.pre_tokenizer = KmerSplit(k=3)
print(tokenizer.encode("ACGTTAGG").tokens)
reloaded = Tokenizer.from_str(tokenizer.to_str())
print(reloaded.pre_tokenizer, reloaded.encode("ACGTTAGG").tokens)
