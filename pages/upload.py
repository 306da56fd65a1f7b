"""Your data: try a corrected or extended dataset in this browser session only."""

import streamlit as st

from components import urlstate
from components.data import DataError
from components.i18n import t
from components.store import UPLOADED, UPLOADED_NAME, drop_upload, keep_upload
from components.html import markdown_text
from components.queries import format_number
from components.ui import page_dataset, page_header, show_data_errors
from components.urlstate import lang
from components.upload import MAX_RECORDS, MAX_UPLOAD_MB, dataset_from_upload

page_dataset()
urlstate.seed([])
page_header("upload.title", "upload.intent")
st.markdown(t("upload.how", lang()))


if UPLOADED in st.session_state:
    st.success(t("upload.active", lang(), name=markdown_text(st.session_state.get(UPLOADED_NAME, ""))))
    st.button(t("upload.reset", lang()), key="upload_reset", on_click=drop_upload)

upload = st.file_uploader(t("upload.file", lang()), type=["yaml", "yml", "zip"],
                          key=f"upload_file_{st.session_state.get('upload_round', 0)}",
                          help=t("upload.limits", lang(), mb=MAX_UPLOAD_MB, records=format_number(MAX_RECORDS, lang())))
urlstate.sync([])
if upload is not None:
    st.session_state.pop("upload_error", None)
    with st.spinner(t("upload.checking", lang())):
        try:
            keep_upload(dataset_from_upload(upload.name, upload.getvalue()), upload.name)
        except DataError as err:
            st.session_state["upload_error"] = (upload.name, err)
    # A new key empties the uploader: Streamlit lets go of the file, and the session keeps only
    # the checked data (or the problems found).
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
    st.rerun()
if "upload_error" in st.session_state:
    show_data_errors(st.session_state["upload_error"][1], st.session_state["upload_error"][0])
