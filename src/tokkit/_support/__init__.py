"""What tokkit needs from the runtime and the OS: GC pauses, atomic files, progress bars, the hub.

Nothing here knows about tokenizers; every other layer may use it.
"""
