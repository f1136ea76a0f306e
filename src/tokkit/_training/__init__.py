"""What ``Tokenizer.train`` does before a trainer runs: count the training words, in worker processes when it pays."""
