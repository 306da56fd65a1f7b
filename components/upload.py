"""Bring your own data: turn an uploaded YAML file or zip into a validated Dataset, in memory.

Nothing is written to disk. Every refusal is a DataIssue naming the file and what is wrong.
A large upload is checked in a Python process of its own (`python -m components.upload`), so
the server keeps only the checked tables, never the parser's peak.
"""

from __future__ import annotations

import dataclasses
import io
import pickle
import subprocess
import sys
import threading
import zipfile
from pathlib import Path, PurePosixPath

from components import schema
from components.data import (BOUNDARIES_FILE, DataError, DataIssue, Dataset, data_dir_from_env,
                             load_dataset_from_files, read_data_dir)

MAX_UPLOAD_MB = 5  # one upload, packed; .streamlit/config.toml's maxUploadSize says the same
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1_000_000
MAX_UNPACKED_BYTES = 10_000_000  # everything inside a zip, unpacked: stops zip bombs
MAX_ZIP_MEMBERS = 50
# Initiatives, phases, partners, figures and events together: what one session may hold.
MAX_RECORDS = 20_000
# Data files of this size or more (with the app's own that the upload does not replace) are
# checked apart: parsing YAML needs many times a file's size while it runs.
CHECK_APART_BYTES = 1_000_000
CHECK_SECONDS = 120
_ONE_CHECK_APART = threading.BoundedSemaphore(1)  # per server, so peaks never add up
DATA_FILES = (*schema.FILES, BOUNDARIES_FILE)


def files_from_upload(name: str, content: bytes) -> dict[str, bytes]:
    """The data files in an upload: one YAML named after its table, or a zip of a data folder."""
    label = PurePosixPath(name or "upload").name
    if len(content) > MAX_UPLOAD_BYTES:
        raise DataError([DataIssue(label, "", "", f"the upload is larger than {MAX_UPLOAD_MB} MB")])
    if label.lower().endswith(".zip"):
        return _files_from_zip(label, content)
    if label.lower().endswith((".yaml", ".yml")):
        table = label.rsplit(".", 1)[0] + ".yaml"
        if table not in schema.FILES:
            raise DataError([DataIssue(label, "", "", "name the file after the table it holds: " + ", ".join(schema.FILES))])
        return {table: content}
    raise DataError([DataIssue(label, "", "", "upload a .yaml file or a .zip of a data folder")])


def _files_from_zip(label: str, content: bytes) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = [m for m in archive.infolist() if not m.is_dir() and "__MACOSX" not in m.filename]
    except (zipfile.BadZipFile, ValueError) as err:
        raise DataError([DataIssue(label, "", "", f"not a readable zip file ({err})")]) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise DataError([DataIssue(label, "", "", f"the zip holds more than {MAX_ZIP_MEMBERS} files")])
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise DataError([DataIssue(label, "", "", f"the zip unpacks to more than {MAX_UNPACKED_BYTES // 1_000_000} MB")])
    files, issues = {}, []
    for member in members:
        name = PurePosixPath(member.filename).name
        if name not in DATA_FILES:
            continue  # other files (a README, a licence) are not data
        if name in files:
            issues.append(DataIssue(f"{label}/{member.filename}", "", "", f"a second {name} in the zip"))
            continue
        try:
            with archive.open(member) as stream:
                data = stream.read(MAX_UNPACKED_BYTES + 1)  # never trust the size the header declares
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as err:
            issues.append(DataIssue(f"{label}/{member.filename}", "", "", f"could not be unpacked ({err})"))
            continue
        if len(data) > MAX_UNPACKED_BYTES:
            issues.append(DataIssue(name, "", "", f"file is larger than {MAX_UNPACKED_BYTES // 1_000_000} MB"))
            continue
        files[name] = data
    if not files and not issues:
        issues.append(DataIssue(label, "", "", "the zip holds none of the data files: " + ", ".join(DATA_FILES)))
    if issues:
        raise DataError(issues)
    return files


def dataset_from_upload(name: str, content: bytes) -> Dataset:
    """Validate an upload with the same checks as the app's data, and hold it to
    `MAX_RECORDS`. Files it lacks come from the data the app is serving (`data_dir_from_env`),
    so one corrected file can be tried on its own. The result is marked `session_only`."""
    label = PurePosixPath(name or "upload").name
    files = {**read_data_dir(data_dir_from_env()), **files_from_upload(name, content)}
    if sum(len(text) for text in files.values()) < CHECK_APART_BYTES:
        return checked(label, files)
    return _checked_apart(label, files)


def checked(label: str, files: dict[str, bytes]) -> Dataset:
    """The data in `files` (from the upload `label`), validated, within `MAX_RECORDS`, and
    marked as an upload."""
    data = load_dataset_from_files(files)
    count = sum(len(table) for table in (data.initiatives, data.phases, data.organisations, data.metrics, data.events))
    if count > MAX_RECORDS:
        raise DataError([DataIssue(label, "", "", f"the data holds {count:,} records; an upload may hold up to {MAX_RECORDS:,}")])
    return dataclasses.replace(data, session_only=True)


def _checked_apart(label: str, files: dict[str, bytes]) -> Dataset:
    """`checked(label, files)` in a child process, one at a time: its memory goes back to the system
    when it ends, and a check that runs too long is stopped."""
    with _ONE_CHECK_APART:
        try:
            child = subprocess.run([sys.executable, "-m", "components.upload"], input=pickle.dumps((label, files)),
                                   capture_output=True, timeout=CHECK_SECONDS, cwd=Path(__file__).parent.parent)
        except subprocess.TimeoutExpired:
            raise DataError([DataIssue(label, "", "", f"checking it took longer than {CHECK_SECONDS} seconds")])
    if child.returncode != 0:
        raise DataError([DataIssue(label, "", "", "it could not be checked (the check stopped with an error)")])
    outcome = pickle.loads(child.stdout)  # written by this module's own child, below
    if isinstance(outcome, list):
        raise DataError(outcome)
    return outcome


def _check_in_child() -> None:
    """The child's side of `_checked_apart`: data files in on stdin, the Dataset or its issues out."""
    label, files = pickle.load(sys.stdin.buffer)
    try:
        outcome = checked(label, files)
    except DataError as error:
        outcome = error.issues
    pickle.dump(outcome, sys.stdout.buffer)


if __name__ == "__main__":
    _check_in_child()
