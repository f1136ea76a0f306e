"""Fetch a tokenizer.json from the Hugging Face hub (``Tokenizer.from_pretrained``).

Uses only the standard library.  With no network this fails with a clear
``TokkitError``; download the file yourself and use ``Tokenizer.from_file``.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from typing import Optional

from .._errors import HubError

__all__ = ["download_tokenizer_json", "HubError"]


def download_tokenizer_json(identifier: str, revision: str = "main", token: Optional[str] = None) -> str:
    repo = urllib.parse.quote(identifier, safe="/")
    url = f"https://huggingface.co/{repo}/resolve/{urllib.parse.quote(revision, safe='')}/tokenizer.json"
    request = urllib.request.Request(url, headers={"User-Agent": "tokkit"})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body: bytes = response.read()  # typeshed types urlopen's result as Any
            return body.decode("utf-8")
    except (urllib.error.URLError, OSError) as exc:
        raise HubError(
            f"could not download tokenizer.json for {identifier!r} (revision {revision!r}): {exc}. "
            f"Download it yourself and use Tokenizer.from_file(path)"
        ) from None
