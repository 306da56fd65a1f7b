"""The Streamlit boundary of the data layer: load the dataset once per process.

Pages call `get_dataset()`; it returns the cached `Dataset`, or shows every validation
problem on the page (never a traceback) and stops the script.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from components.data import DataError, Dataset, data_dir_from_env, load_dataset
from components.i18n import t
from components.ui import lang, plain


def _fingerprint(data_dir: Path) -> tuple:
    """File names, sizes and modification times: a new fingerprint reloads edited data."""
    if not data_dir.is_dir():
        return ()
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in data_dir.iterdir() if p.is_file()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(data_dir: str, fingerprint: tuple) -> Dataset | DataError:
    # Shared read-only by every session: DataFrames are never modified after loading.
    try:
        return load_dataset(data_dir)
    except DataError as err:
        return err


def _use_app_navigation() -> None:
    """Until app.py has called st.navigation once in this server process, Streamlit treats an
    app with a pages/ folder as a legacy multipage app: a shared deep link opened first would
    run its page without app.py (no navigation, no language switch). Leave that mode and rerun."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


UPLOADED = "uploaded_dataset"  # session-state key of data a user uploaded for this session only


def get_dataset() -> Dataset:
    """The dataset for this page (this session's upload, if any), or a full list of data
    problems and `st.stop()`."""
    _use_app_navigation()
    if UPLOADED in st.session_state:
        return st.session_state[UPLOADED]
    data_dir = data_dir_from_env()
    result = _load(str(data_dir), _fingerprint(data_dir))
    if isinstance(result, DataError):
        show_data_errors(result, data_dir)
        st.stop()
    return result


def show_data_errors(error: DataError, where: Path | str) -> None:
    """List every data problem as text (file, record, field, message); nothing is rendered as
    markup, so a hostile name shows as the text it is."""
    st.error(t("data.errors", lang(), where=plain(str(where)), count=len(error.issues)))
    st.dataframe(
        pd.DataFrame([(i.file, i.record, i.field, i.message) for i in error.issues],
                     columns=[t(f"col.{c}", lang()) for c in ("file", "record", "field", "file_problem")]),
        hide_index=True,
        width="stretch",
    )
