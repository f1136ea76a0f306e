"""The encode pipeline: HF's aligned path, and the plain-string fast paths proven equal to it.

``pipeline.encode_text`` encodes one text; ``fast.FastEncoder`` decides, per
tokenizer and per text, whether a fast path gives exactly the aligned result.
"""
