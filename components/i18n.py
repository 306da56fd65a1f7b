"""Translations: every UI string lives in components/strings.yaml, in English and Spanish.

Pure (no Streamlit): builders receive `lang` and call `t`. The strings file is parsed once
per process, at import.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
STRINGS: dict[str, dict[str, str]] = yaml.safe_load(
    (Path(__file__).with_name("strings.yaml")).read_text(encoding="utf-8")
)


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The string `key` in `lang`, with `{placeholders}` filled from `values`."""
    entry = STRINGS.get(key)
    if entry is None:
        raise KeyError(f"no string '{key}' in components/strings.yaml")
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def counted(key: str, count: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """'{count} figures', or the string `<key>_one` ('one figure') when there is one."""
    return t(f"{key}_one", lang) if count == 1 else t(key, lang, count=count)


def term(kind: str, value: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A vocabulary value's label, e.g. term('status', 'target', 'es') -> 'meta'."""
    return t(f"{kind}.{value}", lang)


def localised(table: pd.DataFrame, column: str, lang: str) -> pd.Series:
    """A data text column in `lang`: the `<column>_es` value where Spanish is asked and given."""
    spanish = f"{column}_es"
    if lang == "es" and spanish in table:
        return table[spanish].where(table[spanish].notna(), table[column])
    return table[column]


def localised_value(record, column: str, lang: str) -> str:
    """One record's data text in `lang`: its `<column>_es` value where Spanish is asked and given."""
    spanish = record.get(f"{column}_es") if lang == "es" else None
    return spanish if isinstance(spanish, str) else record[column]
