"""Load, validate and tabulate the curated dataset. Pure: no Streamlit, never writes files.

`load_dataset(data_dir)` reads the YAML files and the region boundaries and returns a
`Dataset` of tidy DataFrames, or raises `DataError` listing every problem found, each naming
the file, the record and the field.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Mapping

import pandas as pd
import yaml
from pydantic import BaseModel, ValidationError

from components import schema
from components import vocabulary as vocab

# The bundled data; CADENAS_DATA_DIR points the app at a maintainer's own copy instead.
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_DIR_ENV = "CADENAS_DATA_DIR"
BOUNDARIES_FILE = "regions.geojson"

# Limits that keep a hostile file from exhausting memory or the stack while it is parsed
# (uploads have tighter limits of their own, in components/upload.py).
MAX_FILE_BYTES = 50_000_000
MAX_DEPTH = 20


@dataclass(frozen=True)
class DataIssue:
    """One problem in the data: where it is and what is wrong."""

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = " · ".join(part for part in (self.file, self.record, self.field) if part)
        return f"{where}: {self.message}"


class DataError(Exception):
    """The data could not be loaded; `issues` lists every problem found."""

    def __init__(self, issues: list[DataIssue]):
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))


@dataclass(frozen=True)
class Dataset:
    """The whole dataset as tidy tables (one row a fact) plus the region boundaries."""

    sources: pd.DataFrame
    regions: pd.DataFrame
    initiatives: pd.DataFrame
    phases: pd.DataFrame
    organisations: pd.DataFrame
    metrics: pd.DataFrame
    events: pd.DataFrame
    boundaries: dict = field(repr=False)
    # The files it was read from (for downloads), zlib-compressed: an upload's stay in memory
    # for its whole session, and YAML packs to about a tenth. Read them with `files`.
    packed: dict = field(repr=False, default_factory=dict)
    fingerprint: str = ""  # a digest of those files: same data, same fingerprint
    session_only: bool = False  # an upload: kept by its session alone, never in the process's caches

    def __hash__(self) -> int:  # lets Streamlit's caches key on the data without hashing tables
        return hash(self.fingerprint)

    @property
    def files(self) -> dict[str, bytes]:
        """The raw files the data was read from, by name."""
        return {name: zlib.decompress(content) for name, content in self.packed.items()}

    @cached_property
    def region_names(self) -> dict[str, str]:
        """Region id -> its name, built once per dataset."""
        return dict(zip(self.regions["id"], self.regions["name"]))

    def initiatives_among(self, ids) -> pd.DataFrame:
        """The initiatives whose ids are in `ids`, in the data's order."""
        return self.initiatives[self.initiatives["id"].isin(list(ids))]


def data_dir_from_env() -> Path:
    """The data directory: $CADENAS_DATA_DIR when set, else the bundled data/."""
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)


# --- Load --------------------------------------------------------------------------------

# libyaml's C parser when installed (PyYAML wheels ship it): several times faster on large files.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKeyError(yaml.YAMLError):
    """A key written twice in one mapping: PyYAML would keep the last value without a word."""

    def __init__(self, key, line: int):
        self.key, self.line = key, line
        super().__init__(f"line {line}: the key '{key}' is written twice in one record")


class _StrictLoader(_FAST_LOADER):
    """The safe loader, refusing a key repeated within one mapping."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                repeated = key in seen
            except TypeError:  # an unhashable key: the base class says what is wrong with it
                break
            if repeated:
                raise DuplicateKeyError(key, key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep)


def _refuse_aliases_and_depth(text: str) -> None:
    """Refuse anchors and aliases (the dataset needs none; they enable 'billion laughs'
    blow-ups) and nesting deeper than MAX_DEPTH, reading only the parser's event stream."""
    depth = 0
    for event in yaml.parse(text, Loader=_FAST_LOADER):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.YAMLError(f"line {line}: anchors and aliases ({event.anchor}) are not allowed")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.YAMLError(f"line {line}: nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def parse_yaml(name: str, text: str | bytes) -> tuple[list | None, list[DataIssue]]:
    """Parse one data file's text into a list of records, or report why it cannot be read."""
    if len(text) > MAX_FILE_BYTES:
        return None, [DataIssue(name, "", "", f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB")]
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")  # a byte-order mark, as some Windows editors write, is no error
        except UnicodeDecodeError as err:
            return None, [DataIssue(name, "", "", f"not UTF-8 text (byte {err.start})")]
    text = text.removeprefix("\ufeff")
    try:
        _refuse_aliases_and_depth(text)
        content = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a safe loader
    except DuplicateKeyError as err:
        return None, [DataIssue(name, _record_at(text, err.line), str(err.key),
                                f"line {err.line}: written twice in one record; keep one value")]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        return None, [DataIssue(name, "", "", f"malformed YAML at {line}{err.problem or err}")]
    except (yaml.YAMLError, ValueError, RecursionError) as err:
        # ValueError: an integer with more digits than Python converts.
        return None, [DataIssue(name, "", "", f"malformed YAML: {err}")]
    if content is None:
        return [], []
    if not isinstance(content, list):
        return None, [DataIssue(name, "", "", "the file must be a YAML list of records")]
    return content, []


def _record_lines(text: str) -> list[int]:
    """1-based line of each top-level record; computed only when errors are reported."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    return [item.start_mark.line + 1 for item in getattr(node, "value", [])]


def _record_at(text: str, line: int) -> str:
    """How the top-level record holding `line` is named in messages (see `_label`)."""
    items = getattr(yaml.compose(text, Loader=yaml.SafeLoader), "value", None) or []
    for index, item in enumerate(items):
        if item.start_mark.line < line <= item.end_mark.line + 1:
            fields = {k.value: v.value for k, v in getattr(item, "value", []) if isinstance(v, yaml.ScalarNode)}
            return _label(index, fields, [each.start_mark.line + 1 for each in items])
    return ""


def read_data_dir(data_dir: Path) -> dict[str, bytes]:
    """Read the raw bytes of every data file present in `data_dir` (never writes)."""
    return {
        name: (data_dir / name).read_bytes()
        for name in (*schema.FILES, BOUNDARIES_FILE)
        if (data_dir / name).is_file()
    }


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Load and validate the dataset in `data_dir` (default: see `data_dir_from_env`)."""
    data_dir = Path(data_dir) if data_dir is not None else data_dir_from_env()
    if not data_dir.is_dir():
        raise DataError([DataIssue(str(data_dir), "", "", "data directory not found")])
    return load_dataset_from_files(read_data_dir(data_dir))


def load_dataset_from_files(files: Mapping[str, str | bytes]) -> Dataset:
    """Validate the data given as {file name: text}; boundaries default to the bundled file."""
    issues: list[DataIssue] = []
    records: dict[str, list[BaseModel]] = {}
    for name, model in schema.FILES.items():
        if name not in files:
            issues.append(DataIssue(name, "", "", "required file is missing"))
            records[name] = []
            continue
        raw, parse_issues = parse_yaml(name, files[name])
        issues += parse_issues
        records[name] = _validate_records(name, model, raw or [], files[name], issues)
    boundaries = _load_boundaries(files.get(BOUNDARIES_FILE), issues)
    issues += _check_references(records, boundaries)
    if issues:
        raise DataError(issues)
    raw = {name: text.encode("utf-8") if isinstance(text, str) else text for name, text in files.items()}
    return _tabulate(records, boundaries, raw)


# --- Validate ----------------------------------------------------------------------------

def _label(index: int, raw, lines: list[int] | None) -> str:
    """How a record is named in messages: its id or key fields, its position and line."""
    key = ""
    if isinstance(raw, dict):
        if isinstance(raw.get("id"), str):
            key = raw["id"]
        else:
            key = " / ".join(str(raw[k]) for k in ("initiative", "metric", "date") if k in raw)
    where = f"record {index + 1}"
    if lines and index < len(lines):
        where += f" (line {lines[index]})"
    return f"{where}: {key}" if key else where


def _message(error: dict) -> str:
    """A plain-language message for one pydantic error."""
    kind, value = error["type"], error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (not in the data dictionary, data/README.md)"
    if kind == "literal_error":
        return f"{value!r} is not allowed; expected one of: {ctx.get('expected', '')}"
    if kind in {"float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"}:
        return f"must be a number, got {value!r}"
    if kind == "greater_than_equal" and value != value:  # NaN fails `ge` before the finite check
        return "must be a finite number"
    if kind == "greater_than_equal" and ctx.get("ge") == 0:
        return f"must not be negative, got {value!r}"
    if kind == "string_pattern_mismatch":
        return f"{value!r} is not a valid id or code (expected pattern {ctx.get('pattern')})"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{error['msg']} (got {value!r})"


def _validate_records(name, model, raw_records, text, issues) -> list[BaseModel]:
    valid, bad = [], []
    for index, raw in enumerate(raw_records):
        if not isinstance(raw, dict):
            bad.append((index, raw, [DataIssue(name, "", "", "each record must be a mapping of fields")]))
            continue
        try:
            valid.append(model.model_validate(raw))
        except ValidationError as err:
            bad.append((index, raw, [
                DataIssue(name, "", ".".join(str(p) for p in e["loc"]), _message(e))
                for e in err.errors()
            ]))
    lines = None
    if bad:
        try:
            lines = _record_lines(text.decode("utf-8") if isinstance(text, bytes) else text)
        except (yaml.YAMLError, UnicodeDecodeError):
            lines = None
    for index, raw, record_issues in bad:
        label = _label(index, raw, lines)
        issues += [DataIssue(i.file, label, i.field, i.message) for i in record_issues]
    _check_duplicate_ids(name, valid, issues)
    _check_ranges(name, valid, issues)
    return valid


def _check_duplicate_ids(name, records, issues):
    counts = Counter(getattr(r, "id", None) for r in records)
    for record_id, count in counts.items():
        if record_id is not None and count > 1:
            issues.append(DataIssue(name, record_id, "id", f"duplicate id: used by {count} records"))


def _check_ranges(name, records, issues):
    """Spans must run forwards: end after start, year_start before year."""
    for record in records:
        label = getattr(record, "id", None) or f"{getattr(record, 'initiative', '')} / {getattr(record, 'metric', '')}"
        spans = [("start", "end", getattr(record, "start", None), getattr(record, "end", None)),
                 ("year_start", "year", getattr(record, "year_start", None), getattr(record, "year", None))]
        for phase in getattr(record, "phases", []):
            spans.append(("phases.start", "phases.end", phase.start, phase.end))
        for first_name, last_name, first, last in spans:
            if first is not None and last is not None and last < first:
                issues.append(DataIssue(name, label, last_name, f"{last} is before {first_name} {first}"))


def _load_boundaries(text, issues) -> dict:
    """The region polygons: the data directory's own file, else the bundled one."""
    if text is None:
        text = (DEFAULT_DATA_DIR / BOUNDARIES_FILE).read_bytes()
    try:
        geojson = json.loads(text)
        features = geojson["features"]
        ids = [feature["properties"]["id"] for feature in features]
    except (ValueError, KeyError, TypeError) as err:
        issues.append(DataIssue(BOUNDARIES_FILE, "", "", f"not a FeatureCollection with an id per feature ({err})"))
        return {"type": "FeatureCollection", "features": []}
    for region_id, count in Counter(ids).items():
        if count > 1:
            issues.append(DataIssue(BOUNDARIES_FILE, region_id, "id", f"duplicate id: {count} features"))
    return geojson


def _check_references(records, boundaries) -> list[DataIssue]:
    """Every id a record cites must exist: sources, regions, initiatives, boundaries."""
    issues = []
    known = {
        "source": {r.id for r in records["sources.yaml"]},
        "region": {r.id for r in records["regions.yaml"]},
        "initiative": {r.id for r in records["initiatives.yaml"]},
    }
    boundary_ids = {f["properties"]["id"] for f in boundaries["features"]}

    def check(file, label, fld, kind, values):
        for value in values:
            if value not in known[kind]:
                issues.append(DataIssue(file, label, fld, f"unknown {kind} id '{value}'"))

    for region in records["regions.yaml"]:
        if region.id not in boundary_ids:
            issues.append(DataIssue("regions.yaml", region.id, "id",
                                    f"region '{region.id}' has no boundary in {BOUNDARIES_FILE}"))
    for item in records["initiatives.yaml"]:
        check("initiatives.yaml", item.id, "regions", "region", item.regions)
        check("initiatives.yaml", item.id, "sources", "source", item.sources)
        check("initiatives.yaml", item.id, "phases.source", "source", [p.source for p in item.phases])
        check("initiatives.yaml", item.id, "organisations.source", "source",
              [o.source for o in item.organisations])
    crops = {i.id: i.crops for i in records["initiatives.yaml"]}
    for item in records["metrics.yaml"]:
        label = f"{item.initiative} / {item.metric} ({item.year})"
        check("metrics.yaml", label, "initiative", "initiative", [item.initiative])
        check("metrics.yaml", label, "source", "source", [item.source])
        grown = crops.get(item.initiative, [])
        if item.crop is None and len(set(grown)) > 1:
            issues.append(DataIssue("metrics.yaml", label, "crop",
                                    f"required: '{item.initiative}' works in several crops ({', '.join(grown)})"))
        elif item.crop is not None and grown and item.crop not in grown:
            issues.append(DataIssue("metrics.yaml", label, "crop",
                                    f"'{item.crop}' is not one of the crops of '{item.initiative}' ({', '.join(grown)})"))
    for item in records["events.yaml"]:
        label = f"{item.initiative} / {item.date}"
        check("events.yaml", label, "initiative", "initiative", [item.initiative])
        check("events.yaml", label, "regions", "region", item.regions)
        check("events.yaml", label, "source", "source", [item.source])
    return issues


# --- Tabulate ----------------------------------------------------------------------------

def _frame(models, columns) -> pd.DataFrame:
    rows = [m.model_dump() if isinstance(m, BaseModel) else m for m in models]
    return pd.DataFrame(rows, columns=columns)


def _fields(model) -> list[str]:
    return list(model.model_fields)


def _tabulate(records, boundaries, files) -> Dataset:
    initiatives = records["initiatives.yaml"]
    phases = [{"initiative": i.id, **p.model_dump()} for i in initiatives for p in i.phases]
    organisations = [{"initiative": i.id, **o.model_dump()} for i in initiatives for o in i.organisations]

    metrics = _frame(records["metrics.yaml"], _fields(schema.Metric))
    metrics["family"] = [vocab.METRICS[metric].family for metric in metrics["metric"]]

    events = _frame(records["events.yaml"], _fields(schema.Event))
    parts = pd.DataFrame([schema.date_parts(date) for date in events["date"]], columns=["year", "month", "day"],
                         index=events.index, dtype="Int64")
    events[["year", "month", "day"]] = parts
    events["precision"] = parts.notna().sum(axis=1).map({1: "year", 2: "month", 3: "day"})
    events = events.sort_values(["date", "initiative"], kind="stable").reset_index(drop=True)

    return Dataset(
        sources=_frame(records["sources.yaml"], _fields(schema.Source)),
        regions=_frame(records["regions.yaml"], _fields(schema.Region)),
        initiatives=_frame([i.model_dump(exclude={"phases", "organisations"}) for i in initiatives],
                           [f for f in _fields(schema.Initiative) if f not in {"phases", "organisations"}]),
        phases=_frame(phases, ["initiative", *_fields(schema.Phase)]),
        organisations=_frame(organisations, ["initiative", *_fields(schema.Organisation)]),
        metrics=metrics,
        events=events,
        boundaries=boundaries,
        packed={name: zlib.compress(content) for name, content in files.items()},
        fingerprint=hashlib.sha256(b"".join(name.encode() + content for name, content in sorted(files.items()))).hexdigest(),
    )
