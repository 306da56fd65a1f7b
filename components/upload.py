"""Bring your own data: turn an uploaded YAML file or zip into a validated Dataset, in memory.

Nothing is written to disk. Every refusal is a DataIssue naming the file and what is wrong.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from components import schema
from components.data import (BOUNDARIES_FILE, DataError, DataIssue, Dataset, data_dir_from_env,
                             load_dataset_from_files, read_data_dir)

MAX_UPLOAD_MB = 5  # one upload, packed; .streamlit/config.toml's maxUploadSize says the same
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1_000_000
MAX_UNPACKED_BYTES = 20_000_000  # everything inside a zip, unpacked: stops zip bombs
MAX_ZIP_MEMBERS = 50
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
    """Validate an upload with the same checks as the app's data. Files it lacks come from the
    data the app is serving (`data_dir_from_env`), so one corrected file can be tried on its own."""
    files = files_from_upload(name, content)
    return load_dataset_from_files({**read_data_dir(data_dir_from_env()), **files})
