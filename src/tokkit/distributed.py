"""Counting training words on a Dask cluster: the part of training that scales out.

``count_words(tokenizer, bag)`` counts the words of a ``dask.bag.Bag`` of
texts on whatever Dask client is active (a ``LocalCluster`` on one machine, a
real cluster in production) and returns the same ``Counter`` as
``tokkit.counting.count_words`` in one process; train with
``Tokenizer.train_from_counts``.  The tokenizer travels to the workers as its
tokenizer.json (so a custom component, which cannot be saved, cannot go);
each partition is counted in its worker, and the partial counts are summed
here.  Dask is optional: ``pip install -e ".[dask]"`` from the checkout.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ._errors import ConfigurationError
from .counting import count_words as _count_in_process
from .tokenizer import Tokenizer

__all__ = ["count_words"]


def count_words(tokenizer: Tokenizer, bag: Any) -> Counter[str]:
    """The training word counts of a ``dask.bag.Bag`` of str, counted on the active Dask scheduler.

    Identical to ``tokkit.counting.count_words(tokenizer, bag.compute())``.

    >>> import dask, dask.bag
    >>> from tokkit import Tokenizer, models, pre_tokenizers
    >>> tok = Tokenizer(models.WordLevel(unk_token="[UNK]")); tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> with dask.config.set(scheduler="synchronous"):  # any scheduler: a LocalCluster's client, ...
    ...     counts = count_words(tok, dask.bag.from_sequence(["b a b", "b c"], npartitions=2))
    >>> sorted(counts.items())
    [('a', 1), ('b', 3), ('c', 1)]
    """
    if not hasattr(bag, "map_partitions"):
        raise ConfigurationError(f"count_words needs a dask.bag.Bag of str (e.g. dask.bag.read_text(paths)), "
                                 f"got {type(bag).__name__}")
    document = tokenizer.to_str()  # a SerializationError here names a component that cannot travel
    partials = bag.map_partitions(_count_partition, document).compute()
    counts: Counter[str] = Counter()
    for partial in partials:
        counts.update(partial)
    return counts


def _count_partition(texts: Any, document: str) -> list[dict[str, int]]:
    """One partition's counts, in a worker (one dict, so the partials concatenate into a list)."""
    tokenizer = Tokenizer.from_str(document)
    return [dict(_count_in_process(tokenizer, list(texts), num_proc=1))]
