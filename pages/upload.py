"""Your data: try a corrected or extended dataset in this browser session only."""

import hashlib

import streamlit as st

from components import urlstate
from components.data import DataError
from components.i18n import t
from components.store import UPLOADED
from components.html import markdown_text
from components.ui import page_dataset, page_header, show_data_errors
from components.urlstate import lang
from components.upload import MAX_UPLOAD_MB, dataset_from_upload

page_dataset()
urlstate.seed([])
page_header("upload.title", "upload.intent")
st.markdown(t("upload.how", lang()))


def reset() -> None:
    """Back to the app's own data. A new key empties the uploader too: with the file still in
    it, the next run would load it again."""
    st.session_state.pop(UPLOADED, None)
    st.session_state.pop("upload_checked", None)
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1


if UPLOADED in st.session_state:
    st.success(t("upload.active", lang(), name=markdown_text(st.session_state.get("uploaded_name", ""))))
    st.button(t("upload.reset", lang()), key="upload_reset", on_click=reset)

upload = st.file_uploader(t("upload.file", lang()), type=["yaml", "yml", "zip"],
                          key=f"upload_file_{st.session_state.get('upload_round', 0)}",
                          help=t("upload.limits", lang(), mb=MAX_UPLOAD_MB))
urlstate.sync([])
if upload is not None:
    content = upload.getvalue()
    digest = hashlib.sha256(content).hexdigest()
    if st.session_state.get("upload_checked") != digest:  # check each upload once, not on every rerun
        st.session_state["upload_checked"] = digest
        try:
            st.session_state[UPLOADED] = dataset_from_upload(upload.name, content)
            st.session_state["uploaded_name"] = upload.name
            st.session_state.pop("upload_error", None)
        except DataError as err:
            st.session_state["upload_error"] = err
        st.rerun()
    if "upload_error" in st.session_state:
        show_data_errors(st.session_state["upload_error"], upload.name)
