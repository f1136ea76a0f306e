"""``gc_paused``: the collector is off inside, back on after, and what was made inside is not rescanned as young."""

from __future__ import annotations

import gc
import weakref

from tokkit._support.gc import gc_paused


class _Node:
    def __init__(self) -> None:
        self.other: object = self


def test_objects_made_while_paused_land_in_the_oldest_generation() -> None:
    gc.collect()
    with gc_paused():
        assert not gc.isenabled()
        kept = [[i] for i in range(100_000)]
    assert gc.isenabled()
    young = {id(o) for o in gc.get_objects(generation=0)}
    assert not any(id(item) in young for item in kept[::1000])
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in kept[::1000])


def test_a_cycle_dropped_while_paused_is_still_collected() -> None:
    with gc_paused():
        node = _Node()
        alive = weakref.ref(node)
        del node
    assert alive() is not None  # a cycle: reference counting alone cannot free it
    gc.collect()
    assert alive() is None


def test_objects_frozen_by_the_program_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_a_paused_collector_stays_paused() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
