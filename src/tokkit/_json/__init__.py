"""tokenizer.json machinery: serde-exact JSON, HF's repr, the component base and the registries.

Every component family builds on ``component.Component`` and keeps one
``registry.Registry`` keyed by the JSON ``"type"``.  Nothing here knows a
concrete component.
"""
