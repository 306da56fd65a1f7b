"""Build each figure once per dataset and view, and share it between sessions.

The key is the builder's name, the dataset's fingerprint (an upload has its own) and the view's
settings; the tables themselves are never hashed. Figures are treated as read-only once built.
"""

from __future__ import annotations

import streamlit as st

from components.data import Dataset


@st.cache_resource(max_entries=512, show_spinner=False)
def _built(name: str, fingerprint: str, settings: tuple, _build):
    return _build()


def memo(builder, data: Dataset, *args, **kwargs):
    """`builder(data, *args, **kwargs)`, computed once for the same data and settings."""
    settings = (*args, *sorted(kwargs.items()))
    return _built(f"{builder.__module__}.{builder.__qualname__}", data.fingerprint, settings,
                  lambda: builder(data, *args, **kwargs))
