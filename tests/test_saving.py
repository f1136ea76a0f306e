"""Saving is careful: atomic, and otherwise as HF's ``save`` (modes, symlinks, read-only dirs, errors)."""

from __future__ import annotations

import os
import stat
import tempfile

import pytest
import tokenizers

import tokkit
from tokkit._support import files

VOCAB = {"[UNK]": 0, "a": 1, "b": 2}


def both() -> tuple[tokenizers.Tokenizer, tokkit.Tokenizer]:
    return (tokenizers.Tokenizer(tokenizers.models.WordLevel(VOCAB, "[UNK]")),
            tokkit.Tokenizer(tokkit.models.WordLevel(VOCAB, "[UNK]")))


def mode(path: str) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("existing", [0o644, 0o600, 0o664, 0o640])
def test_an_existing_file_keeps_its_mode_as_with_hf(tmp_path, existing: int) -> None:
    for name, tok in zip(("hf.json", "tk.json"), both()):
        path = str(tmp_path / name)
        open(path, "w").close()
        os.chmod(path, existing)
        tok.save(path)
    assert mode(str(tmp_path / "tk.json")) == mode(str(tmp_path / "hf.json")) == existing
    assert (tmp_path / "tk.json").read_text() == (tmp_path / "hf.json").read_text()


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_gets_the_umask_mode_as_with_hf(tmp_path, umask: int) -> None:
    old = os.umask(umask)
    try:
        hf, tk = both()
        hf.save(str(tmp_path / "hf.json"))
        tk.save(str(tmp_path / "tk.json"))
    finally:
        os.umask(old)
    assert mode(str(tmp_path / "tk.json")) == mode(str(tmp_path / "hf.json")) == 0o666 & ~umask


def test_a_symlink_is_written_through_as_with_hf(tmp_path) -> None:
    for name, tok in zip(("hf", "tk"), both()):
        real = tmp_path / f"{name}-real.json"
        real.write_text("old")
        link = tmp_path / f"{name}-link.json"
        link.symlink_to(real)
        tok.save(str(link))
        assert link.is_symlink(), name
        assert real.read_text().startswith("{"), name
    assert (tmp_path / "tk-real.json").read_text() == (tmp_path / "hf-real.json").read_text()


def test_a_writable_file_in_a_read_only_directory_is_saved(tmp_path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "tokenizer.json"
    target.write_text("x" * 10_000)  # longer than the new text: the rest must go
    os.chmod(folder, 0o555)
    try:
        both()[1].save(str(target))
    finally:
        os.chmod(folder, 0o755)
    assert tokkit.Tokenizer.from_file(str(target)).get_vocab() == VOCAB
    assert [p.name for p in folder.iterdir()] == ["tokenizer.json"]  # no temporary file left


def test_without_a_temporary_file_the_file_is_written_in_place(tmp_path, monkeypatch) -> None:
    # What a read-only directory does for a user that is not root (the suite may run as root).
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    target = tmp_path / "tokenizer.json"
    target.write_text("x" * 10_000)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    both()[1].save(str(target))
    assert tokkit.Tokenizer.from_file(str(target)).get_vocab() == VOCAB
    with pytest.raises(tokkit.FileWriteError, match="new.json"):
        both()[1].save(str(tmp_path / "new.json"))  # nothing to write in place: the target is named


def test_saving_to_an_empty_path_fails_like_hf_and_writes_nothing(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    hf, tk = both()
    with pytest.raises(Exception):
        hf.save("")
    with pytest.raises(OSError, match="empty path") as info:
        tk.save("")
    assert isinstance(info.value, tokkit.TokkitError)
    assert list(tmp_path.iterdir()) == [] and list(tmp_path.parent.glob(".tokkit-*")) == []


@pytest.mark.parametrize("make_target", [
    lambda tmp: str(tmp / "missing-dir" / "tokenizer.json"),
    lambda tmp: str(tmp),  # a directory
    lambda tmp: str(tmp / "file.txt" / "tokenizer.json"),  # under a regular file
])
def test_errors_name_the_target_not_a_temporary_file(tmp_path, make_target) -> None:
    (tmp_path / "file.txt").write_text("")
    target = make_target(tmp_path)
    with pytest.raises(Exception):
        both()[0].save(target)
    with pytest.raises(tokkit.FileWriteError) as info:
        both()[1].save(target)
    assert isinstance(info.value, OSError)
    assert repr(target) in str(info.value) and ".tokkit-" not in str(info.value)


def test_model_files_are_written_with_the_same_care(tmp_path) -> None:
    path = tmp_path / "vocab.json"
    path.write_text("")
    os.chmod(path, 0o640)
    tokkit.models.WordLevel(VOCAB, "[UNK]").save(str(tmp_path))
    assert mode(str(path)) == 0o640


def test_umask_is_read_without_changing_it() -> None:
    old = os.umask(0o027)
    try:
        assert files._umask() == 0o027
        assert os.umask(0o027) == 0o027
    finally:
        os.umask(old)
