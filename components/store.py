"""The Streamlit boundary of the data layer: load the dataset once per process, and hold a
session's upload.

`get_dataset()` returns the cached `Dataset` (or this session's upload), or raises `DataError`
with every problem found; `ui.page_dataset()` shows those problems on the page instead of a
traceback.
"""

from __future__ import annotations

import ctypes
import gc
import threading
import time
import weakref
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from components.data import DataError, Dataset, data_dir_from_env, load_dataset
from components.exhibits import SESSION_EXHIBITS


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
UPLOADED_NAME = "uploaded_name"
UPLOAD_USED = "upload_used"  # when this session last showed its upload (time.monotonic)
UPLOAD_IDLE_MINUTES = 60  # an upload not shown for this long is let go at the session's next run
UPLOAD_NOTICE = "upload_notice"  # the string key of a notice about an upload let go
UPLOAD_LET_GO = "upload_let_go"  # set once this session has dropped an upload


def keep_upload(data: Dataset, name: str) -> None:
    """Show `data` (checked from the upload `name`) on every page of this session only. Once
    it is gone (dropped, or its session ended), the memory it held goes back to the system."""
    drop_upload()
    st.session_state[UPLOADED], st.session_state[UPLOADED_NAME] = data, name
    st.session_state[UPLOAD_USED] = time.monotonic()
    _Uploads.held += 1
    weakref.finalize(data, _Uploads.freed)


SWEEP_SECONDS = 30  # at most this often, ended upload sessions are collected


class _Uploads:
    """Uploads held by sessions in this process, and the sweep that frees those of sessions that
    ended: Streamlit's sessions hold reference cycles, so without a full collection (which this
    app turns off after each run, .streamlit/config.toml) an ended session's upload would stay.
    The sweep runs on a script's own thread (as Streamlit's collection after a run would), at
    most every `SWEEP_SECONDS`: collecting from another thread would finalize the event loop's
    objects outside it."""
    held = 0
    swept = time.monotonic()

    @classmethod
    def freed(cls) -> None:
        cls.held -= 1
        threading.Timer(1.0, _give_memory_back).start()  # once its tables are freed too

    @classmethod
    def sweep_when_due(cls) -> None:
        if cls.held and time.monotonic() - cls.swept > SWEEP_SECONDS:
            cls.swept = time.monotonic()
            gc.collect()


def _give_memory_back() -> None:
    """Ask the C allocator to hand freed memory back to the system (glibc only): without it,
    the server's footprint stays at its highest after uploads are gone."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def drop_upload(notice: str | None = None) -> None:
    """Back to the app's own data: the upload and the exhibits built from it are let go."""
    if UPLOADED in st.session_state:
        st.session_state[UPLOAD_LET_GO] = True
    for key in (UPLOADED, UPLOADED_NAME, UPLOAD_USED, SESSION_EXHIBITS):
        st.session_state.pop(key, None)
    if notice:
        st.session_state[UPLOAD_NOTICE] = notice


def upload_state() -> str:
    """For the tab (`tab.declare`): "kept" while this session holds an upload, "let go" once it
    has dropped one, else "none"."""
    if UPLOADED in st.session_state:
        return "kept"
    return "let go" if UPLOAD_LET_GO in st.session_state else "none"


def get_dataset() -> Dataset:
    """The dataset for this page: this session's upload, if any, else the data folder's. Raises
    `DataError` when the data folder has problems."""
    _use_app_navigation()
    _Uploads.sweep_when_due()
    if UPLOADED in st.session_state:
        if time.monotonic() - st.session_state.setdefault(UPLOAD_USED, time.monotonic()) > UPLOAD_IDLE_MINUTES * 60:
            drop_upload("upload.idle")
        else:
            st.session_state[UPLOAD_USED] = time.monotonic()
            return st.session_state[UPLOADED]
    data_dir = data_dir_from_env()
    result = _load(str(data_dir), _fingerprint(data_dir))
    if isinstance(result, DataError):
        raise DataError(result.issues)  # a fresh error: the cached one is shared by every session
    return result
