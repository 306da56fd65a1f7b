"""The Streamlit boundary of the data layer: load the dataset once per process.

`get_dataset()` returns the cached `Dataset`, or raises `DataError` with every problem found;
`ui.page_dataset()` shows those problems on the page instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from components.data import DataError, Dataset, data_dir_from_env, load_dataset


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
    """The dataset for this page: this session's upload, if any, else the data folder's. Raises
    `DataError` when the data folder has problems."""
    _use_app_navigation()
    if UPLOADED in st.session_state:
        return st.session_state[UPLOADED]
    data_dir = data_dir_from_env()
    result = _load(str(data_dir), _fingerprint(data_dir))
    if isinstance(result, DataError):
        raise DataError(result.issues)  # a fresh error: the cached one is shared by every session
    return result
