"""``perfmirror backup FILE``: a consistent copy of everything perf-mirror keeps, taken live.

The database is copied with SQLite's online backup API (``Connection.backup``): the copy is
one consistent snapshot even while another process is logging entries (writers wait a moment,
nothing is locked for long), and it is checked with ``PRAGMA integrity_check`` before the
backup is finished. SQLite files inside ``memory/`` are copied the same way; the rest of the
vector store is copied as files. The index is derived from the database, so if it ever looks
stale after a restore, ``perfmirror memory reindex`` rebuilds it.

Format (version 1). ``FILE`` ending in ``.tar.gz`` or ``.tgz`` is a gzipped tar holding one
folder, ``perfmirror-backup/``; any other ``FILE`` is created as that folder itself. Either way
the folder is a data directory::

    perfmirror-backup/
      backup.json        {"format": "perfmirror-backup", "format_version": 1,
                          "schema_version": <PRAGMA user_version>, "files": [...]}
      perfmirror.db      the database (no -journal/-wal needed)
      memory/            the vector store, when there is one
      chat_history, config.toml, consents.json, import_rules.toml   when present

To restore, put those files in an empty data directory (or point ``PERFMIRROR_HOME`` at the
folder). Everything is created readable by you only; nothing is left behind on failure. The
copy is staged beside FILE (``.perfmirror-backup-*``) and recorded in the data directory, so if
the process is killed, the next perf-mirror command or ``data wipe`` removes that private copy.
"""

from __future__ import annotations

import json
import os
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path

from perfmirror_core.errors import InvalidInput, PerfMirrorError
from perfmirror_core.store.paths import DATABASE_NAME, database_path
from perfmirror_core.store.staging import staging_folder_beside
from perfmirror_core.store.whole import copy_database, is_sqlite_file

from .ownership import JOURNAL_NAMES, OWNED_NAMES

BACKUP_FORMAT = "perfmirror-backup"
BACKUP_FORMAT_VERSION = 1
ARCHIVE_FOLDER = "perfmirror-backup"
MANIFEST_NAME = "backup.json"
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz")
_SIDE_FILES = ("-journal", "-wal", "-shm")


@dataclass(frozen=True)
class BackupReport:
    destination: Path
    archive: bool
    schema_version: int
    files: tuple[str, ...]


def _copy_tree(source: Path, target: Path) -> None:
    """Copy a folder, snapshotting SQLite files and skipping their journals."""
    target.mkdir(mode=0o700)
    for child in sorted(source.iterdir()):
        destination = target / child.name
        if child.is_symlink():
            continue
        if child.is_dir():
            _copy_tree(child, destination)
        elif child.name.endswith(_SIDE_FILES) and \
                (source / child.name.rsplit("-", 1)[0]).exists():
            continue
        elif is_sqlite_file(child):
            copy_database(child, destination)
        else:
            shutil.copyfile(child, destination)
            os.chmod(destination, 0o600)


def _stage(home: Path, folder: Path) -> tuple[int, tuple[str, ...]]:
    """Fill ``folder`` with the backup; returns the schema version and the files written."""
    version = copy_database(database_path(home), folder / DATABASE_NAME)
    for name in OWNED_NAMES:
        source = home / name
        # The database comes from the backup API, consistent on its own; its journals belong
        # to the live file (and come and go while another process writes).
        if name == DATABASE_NAME or name in JOURNAL_NAMES or not source.exists() \
                or source.is_symlink():
            continue
        if source.is_dir():
            _copy_tree(source, folder / name)
        else:
            shutil.copyfile(source, folder / name)
            os.chmod(folder / name, 0o600)
    files = tuple(sorted(str(path.relative_to(folder)) for path in folder.rglob("*")
                         if path.is_file()))
    manifest = {"format": BACKUP_FORMAT, "format_version": BACKUP_FORMAT_VERSION,
                "schema_version": version, "files": list(files)}
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    os.chmod(folder / MANIFEST_NAME, 0o600)
    return version, files


def backup(home: Path, destination: Path) -> BackupReport:
    """Write a backup of ``home`` to ``destination`` (a new .tar.gz/.tgz file or folder)."""
    if not database_path(home).exists():
        raise PerfMirrorError(f"nothing to back up: no perf-mirror data in {home}")
    destination = destination.expanduser().absolute()
    if destination.exists() or destination.is_symlink():
        raise InvalidInput("FILE", f"{destination} already exists", "a new file or folder name")
    if not destination.parent.is_dir():
        raise InvalidInput("FILE", f"{destination.parent} is not a folder",
                           "a path in an existing folder")
    archive = destination.name.endswith(ARCHIVE_SUFFIXES)
    # Staged beside the destination (same file system, private), so that the finished backup
    # appears in one rename; the staging folder is recorded in ``home``, so a crash's leftover
    # is removed by the next command or by ``data wipe``.
    with staging_folder_beside(home, destination) as staging:
        folder = staging / ARCHIVE_FOLDER
        folder.mkdir(mode=0o700)
        version, files = _stage(home, folder)
        if archive:
            partial = staging / "archive.tar.gz"
            descriptor = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            with os.fdopen(descriptor, "wb") as handle, \
                    tarfile.open(fileobj=handle, mode="w:gz") as tar:
                tar.add(folder, arcname=ARCHIVE_FOLDER)
            os.replace(partial, destination)
        else:
            folder.rename(destination)
    return BackupReport(destination, archive, version, files)
