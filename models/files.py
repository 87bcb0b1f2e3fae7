"""Writing a file the user named (a hand-out) without ever destroying something else.

Refused: an existing file unless the user says --force; the store, its backups and its journals under any
name (a resolved path or the same inode); a symbolic link (never followed, even with --force); anything
that is not a regular file. The text goes to a temporary file in the same folder first and then takes the
name in one step, so a crash or a full disk leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from te_navigator.models.errors import UserFacingError
from te_navigator.models.i18n import _


class FileRefused(UserFacingError):
    """The file was not written; the message is for the user, already translated."""


MAX_INPUT_BYTES = 5_000_000  # an answers or figures file; anything bigger is not one


def read_input_file(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a small regular file the user named. A folder, a FIFO (which would block for ever) or a
    device is refused, and so is a file larger than `limit`."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise FileRefused(
            _("{path}: cannot be read: {reason}").format(path=path, reason=error.strerror or error)
        ) from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):  # checked before os.fdopen, which refuses a folder with its own error
        os.close(descriptor)
        raise FileRefused(_("{path}: cannot be read: {reason}").format(path=path, reason=_("not a regular file")))
    with os.fdopen(descriptor, "rb") as handle:
        if info.st_size > limit:
            raise FileRefused(
                _("{path}: cannot be read: {reason}").format(
                    path=path, reason=_("larger than {limit} bytes").format(limit=limit)
                )
            )
        try:
            return handle.read(limit + 1)
        except OSError as error:
            raise FileRefused(
                _("{path}: cannot be read: {reason}").format(path=path, reason=error.strerror or error)
            ) from None


def store_files(store_path: Path | None) -> list[Path]:
    """The store file and every file that holds a copy of its data: backups, journal, WAL."""
    if store_path is None:
        return []
    siblings = [store_path.with_name(store_path.name + suffix) for suffix in ("-journal", "-wal", "-shm")]
    try:
        backups = list(store_path.parent.glob(f"{store_path.name}.*.bak"))
    except OSError:
        backups = []
    return [store_path, *siblings, *backups]


def _same_file(path: Path, protected: list[Path]) -> bool:
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return True  # a path that cannot even be resolved (a symlink loop) is not written
    try:
        target = os.stat(path)
    except OSError:
        target = None
    for other in protected:
        try:
            if other.resolve() == resolved:
                return True
            if target is not None:
                other_stat = os.stat(other)
                if (other_stat.st_dev, other_stat.st_ino) == (target.st_dev, target.st_ino):
                    return True
        except (OSError, RuntimeError):
            continue
    return False


def check_target(path: Path, *, force: bool, protected: list[Path]) -> None:
    """Raises FileRefused when `path` must not be written."""
    if _same_file(path, protected):
        raise FileRefused(_("{path} is the store or one of its backups; it is never overwritten.").format(path=path))
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise FileRefused(_("{path}: cannot be written: {reason}").format(path=path, reason=error.strerror)) from None
    if stat.S_ISLNK(info.st_mode):
        raise FileRefused(_("{path} is a symbolic link; te-navigator does not write through links.").format(path=path))
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(_("{path} exists and is not a regular file.").format(path=path))
    if not force:
        raise FileRefused(_("{path} exists already; use --force to replace it.").format(path=path))


def write_text_safely(path: Path, text: str, *, force: bool = False, protected: Iterable[Path] = ()) -> None:
    """Writes `text` (UTF-8) to `path` through a temporary file and a rename; see the module's rules."""
    path = Path(path)
    protected = list(protected)
    check_target(path, force=force, protected=protected)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise FileRefused(
            _("{path}: cannot be written: {reason}").format(path=path, reason=error.strerror or error)
        ) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        _put_in_place(Path(temporary), path, force=force, protected=protected)
    except OSError as error:
        raise FileRefused(
            _("{path}: cannot be written: {reason}").format(path=path, reason=error.strerror or error)
        ) from None
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def _put_in_place(temporary: Path, path: Path, *, force: bool, protected: list[Path]) -> None:
    """Without --force a hard link claims the name (it fails if the name was taken meanwhile); a rename
    replaces a name itself, never what a link points at."""
    if not force:
        try:
            os.link(temporary, path)
            return
        except FileExistsError:
            raise FileRefused(_("{path} exists already; use --force to replace it.").format(path=path)) from None
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
    check_target(path, force=force, protected=protected)  # once more, as close to the rename as can be
    os.replace(temporary, path)
