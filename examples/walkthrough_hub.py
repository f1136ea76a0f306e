"""The walk-through on the real WikiText-2 train split from the HF hub.

Needs network access and ``pip install -e ".[datasets]"``.  Without a hub,
``python -m tokkit walkthrough`` runs the same steps on the embedded test split.
"""

from datasets import load_dataset

from tokkit import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
tokenizer.normalizer = normalizers.Sequence([normalizers.NFD(), normalizers.Lowercase(), normalizers.StripAccents()])
tokenizer.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()])
trainer = trainers.WordPieceTrainer(vocab_size=25000, special_tokens=["[UNK]", "[PAD]", "[CLS]", "[SEP]", "[MASK]"])
dataset = load_dataset("wikitext", name="wikitext-2-raw-v1", split="train")


def get_training_corpus():
    for i in range(0, len(dataset), 1000):
        yield dataset[i : i + 1000]["text"]


tokenizer.train_from_iterator(get_training_corpus(), trainer=trainer, length=len(dataset))
encoding = tokenizer.encode("This's me  .")
print(encoding)
print(encoding.ids, encoding.type_ids, encoding.tokens, encoding.offsets, encoding.attention_mask,
      encoding.special_tokens_mask, encoding.overflowing)
tokenizer.post_processor = processors.TemplateProcessing(
    single="[CLS]:0 $A:0 [SEP]:0",
    pair="[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1",
    special_tokens=[("[CLS]", tokenizer.token_to_id("[CLS]")), ("[SEP]", tokenizer.token_to_id("[SEP]"))],
)
encoding = tokenizer.encode("This's me  .", "That's is fine-tuning.")
tokenizer.decoder = decoders.WordPiece(prefix="##")
print(tokenizer.decode(encoding.ids))
tokenizer.save("tokenizer.json")
print(Tokenizer.from_file("tokenizer.json").decode(encoding.ids))
