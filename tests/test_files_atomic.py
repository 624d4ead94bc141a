"""Atomic file writes (issue 17, "nothing half-written").

Rule under test: a file the library writes is replaced in one step, after its content is on
disk; when anything fails (the data, the disk), the previous file is left exactly as it was and
no temporary file stays behind.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import TYPE_CHECKING

import pytest

from tthc._files import replacing, write_atomic
from tthc.io import dump_procedures
from tthc.procedures import Procedure, ProcedureCase

if TYPE_CHECKING:
    from pathlib import Path

PROCEDURE = Procedure(code="1.000000", name="Thủ tục (ví dụ)", cases=[ProcedureCase()])


def _full_disk(_fd: int) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class TestWriteAtomic:
    """write_atomic and replacing."""

    def test_writes_text_and_bytes(self, tmp_path: Path) -> None:
        """Text is written as UTF-8 with Unix line ends; bytes as they are."""
        write_atomic(tmp_path / "a.txt", "Hồ sơ\n")
        write_atomic(tmp_path / "b.bin", b"\x00\xff")
        assert (tmp_path / "a.txt").read_bytes() == "Hồ sơ\n".encode()
        assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.bin"]

    def test_keeps_the_permissions_of_the_file_it_replaces(self, tmp_path: Path) -> None:
        """A replaced file keeps its mode."""
        target = tmp_path / "a.txt"
        target.write_text("old", encoding="utf-8")
        target.chmod(0o640)
        write_atomic(target, "new")
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
        assert target.read_text(encoding="utf-8") == "new"

    def test_content_is_flushed_before_the_rename(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The new content is fsynced, then renamed over the target (in that order)."""
        target = tmp_path / "a.txt"
        target.write_text("old", encoding="utf-8")
        seen: list[str] = []
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            seen.append(target.read_text(encoding="utf-8"))
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)
        write_atomic(target, "new")
        # The file's own fsync happens while the target still holds the old text.
        assert seen[0] == "old"
        assert target.read_text(encoding="utf-8") == "new"

    def test_full_disk_leaves_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A disk that fills up (fsync fails with ENOSPC) leaves the previous file as it was."""
        target = tmp_path / "a.txt"
        target.write_text("old", encoding="utf-8")
        monkeypatch.setattr(os, "fsync", _full_disk)
        with pytest.raises(OSError, match="No space left") as info:
            write_atomic(target, "new")
        assert info.value.errno == errno.ENOSPC
        assert target.read_text(encoding="utf-8") == "old"
        assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]

    def test_bad_text_leaves_the_old_file(self, tmp_path: Path) -> None:
        """Text that cannot be encoded fails before the target is touched."""
        target = tmp_path / "a.txt"
        target.write_text("old", encoding="utf-8")
        with pytest.raises(UnicodeEncodeError):
            write_atomic(target, "half \ud800 written")
        assert target.read_text(encoding="utf-8") == "old"
        assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]

    def test_error_in_the_writer_leaves_the_old_file(self, tmp_path: Path) -> None:
        """An error raised by the writer inside ``replacing`` leaves the target and no temp."""
        target = tmp_path / "a.txt"
        target.write_text("old", encoding="utf-8")

        def write_half() -> None:
            with replacing(target) as temp:
                temp.write_text("half", encoding="utf-8")
                raise RuntimeError("writer failed")

        with pytest.raises(RuntimeError, match="writer failed"):
            write_half()
        assert target.read_text(encoding="utf-8") == "old"
        assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]

    def test_missing_folder(self, tmp_path: Path) -> None:
        """A target in a missing folder raises FileNotFoundError and creates nothing."""
        with pytest.raises(FileNotFoundError):
            write_atomic(tmp_path / "missing" / "a.txt", "x")
        assert list(tmp_path.iterdir()) == []

    def test_longest_file_name(self, tmp_path: Path) -> None:
        """A target name of 255 characters (the usual limit) can still be replaced."""
        target = tmp_path / ("a" * 251 + ".txt")
        write_atomic(target, "x")
        assert target.read_text(encoding="utf-8") == "x"


def test_dump_procedures_on_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """dump_procedures on a full disk keeps the previous file whole (it replaced it unflushed)."""
    target = tmp_path / "procedures.json"
    dump_procedures([PROCEDURE], target)
    before = target.read_bytes()
    monkeypatch.setattr(os, "fsync", _full_disk)
    with pytest.raises(OSError, match="No space left"):
        dump_procedures([PROCEDURE, PROCEDURE], target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["procedures.json"]
