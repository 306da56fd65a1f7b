"""Shareable view state: every filter of a page lives in the URL query string.

A page declares its `Param`s, calls `seed(params)` before drawing its widgets (a widget's
value comes from the URL the first time the page runs, then from the widget) and `sync(params)`
after them (the URL then shows every value that differs from its default). URLs carry ids,
never display labels, so a link works in either language. Unknown or malformed values fall back
to the default with a short notice: they are never evaluated, only compared with known values.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit
from typing import Any, Callable

import streamlit as st

from components import site
from components.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

MAX_SHOWN = 40  # characters of a rejected value quoted back to the user


@dataclass(frozen=True)
class Param:
    """One piece of view state: its widget key, its URL name, its default and its codec."""

    key: str
    url: str
    default: Any
    parse: Callable[[str], Any]  # URL text -> value; raises ValueError when invalid
    dump: Callable[[Any], str]   # value -> URL text


def choice(key: str, url: str, options, default) -> Param:
    """One value out of `options` (ids), or None if the default is None."""
    options = list(options)

    def parse(text: str):
        if text not in options:
            raise ValueError(text)
        return text

    return Param(key, url, default, parse, str)


def choices(key: str, url: str, options, default=None) -> Param:
    """Any subset of `options`, comma-separated in the URL; the default is all of them."""
    options = list(options)

    def parse(text: str):
        values = [v for v in text.split(",") if v]
        unknown = [v for v in values if v not in options]
        if unknown:
            raise ValueError(",".join(unknown))
        return [o for o in options if o in values]

    def dump(values) -> str:  # in the options' order, so one view has one URL
        return ",".join(o for o in options if o in values)

    return Param(key, url, list(default if default is not None else options), parse, dump)


def year_range(key: str, url: str, first: int, last: int) -> Param:
    """A (from, to) pair of years within [first, last], written '2005-2012'."""

    def parse(text: str):
        parts = text.split("-")
        if len(parts) != 2 or not all(p.isdigit() and len(p) == 4 for p in parts):
            raise ValueError(text)
        start, end = int(parts[0]), int(parts[1])
        if not first <= start <= end <= last:
            raise ValueError(text)
        return (start, end)

    return Param(key, url, (first, last), parse, lambda v: f"{v[0]}-{v[1]}")


def flag(key: str, url: str, default: bool = False) -> Param:
    """On or off, written '1' or '0'."""

    def parse(text: str):
        if text not in {"1", "0", "true", "false"}:
            raise ValueError(text)
        return text in {"1", "true"}

    return Param(key, url, default, parse, lambda v: "1" if v else "0")


def number(key: str, url: str, first: int, last: int, default: int) -> Param:
    """A whole number within [first, last] (a slide number)."""

    def parse(text: str):
        if not text.isdigit() or not first <= int(text) <= last:
            raise ValueError(text)
        return int(text)

    return Param(key, url, default, parse, str)


def text(key: str, url: str, max_length: int = 100) -> Param:
    """Free text (a search), cut to `max_length` characters."""
    return Param(key, url, "", lambda value: value[:max_length], str)


def seed(params: list[Param], page: bool = True) -> None:
    """Give each widget its value from the URL the first time it is drawn on this page and
    note any URL values that were not understood (for a page, also parameters it lacks).
    The shared parameters are seeded too, so a page run on its own still honours them."""
    rejected = []
    params = [*SHARED, *params]
    if page:
        known = {p.url for p in params} | set(STREAMLIT_KEYS)
        rejected += [f"{key}={st.query_params.get(key, '')}" for key in st.query_params if key not in known]
    for param in params:
        if param.key in st.session_state:
            if param not in SHARED:  # (their widgets are drawn before any page runs)
                # Written back so that Streamlit keeps it on a run that does not draw its
                # widget (a control in a view that is not drawn) instead of dropping it.
                st.session_state[param.key] = st.session_state[param.key]
            continue
        value = param.default
        if param.url in st.query_params:
            raw = st.query_params.get(param.url, "")
            try:
                value = param.parse(raw)
            except ValueError:
                rejected.append(f"{param.url}={raw}")
        st.session_state[param.key] = value
    if rejected:
        quoted = ", ".join(f"`{r[:MAX_SHOWN].replace('`', '')}`" for r in rejected)
        st.session_state["_url_notice"] = t("url.ignored", lang(), values=quoted)


# Parameters every page shares, kept in links between pages.
LANGUAGE = choice("lang", "lang", LANGUAGES, DEFAULT_LANGUAGE)


def lang() -> str:
    """The language chosen for this session."""
    return st.session_state.get(LANGUAGE.key, DEFAULT_LANGUAGE)


SHARED = [LANGUAGE]
# Streamlit's own parameters (?embed=true gives a clean view for an iframe): known, not ours.
STREAMLIT_KEYS = ("embed", "embed_options")
SHARED_KEYS = (*(p.url for p in SHARED), *STREAMLIT_KEYS)


def show_notice() -> None:
    """Show (once) the notice about URL values that fell back to defaults."""
    notice = st.session_state.pop("_url_notice", None)
    if notice:
        st.info(notice)


def sync(params: list[Param], page: bool = True) -> None:
    """Write every value that differs from its default into the URL; drop the rest (and, for a
    page, any parameter it does not know)."""
    if page:
        known = {p.url for p in params} | set(SHARED_KEYS)
        for key in [key for key in st.query_params if key not in known]:
            st.query_params.pop(key, None)
    for param in params:
        value = st.session_state.get(param.key, param.default)
        if value is None or param.dump(value) == param.dump(param.default):
            st.query_params.pop(param.url, None)
        else:
            st.query_params[param.url] = param.dump(value)


def link_params(**values) -> dict[str, str]:
    """Query parameters for a link to another page: the shared ones plus `values`."""
    shared = {key: st.query_params[key] for key in SHARED_KEYS if key in st.query_params}
    return {**shared, **{k: v for k, v in values.items() if v is not None}}


def address(page: str = "", **values) -> str:
    """This app's address for `page` (its root when empty) with the shared parameters and
    `values`, as the browser reached it; "" where it is unknown (a test run, say)."""
    root = app_root(st.context.url or "")
    query = urlencode(link_params(**values))
    return root and f"{root}/{page}" + (f"?{query}" if query else "")


def view_address(url_path: str, embed: bool = False) -> str:
    """The address of the view on screen: page `url_path` with every parameter of the URL (so
    it reopens the same filters, tables and language); with `embed`, for an iframe. "" where the
    app's address is unknown."""
    return view_url(app_root(st.context.url or ""), url_path, st.query_params.to_dict(), embed)


def view_url(root: str, url_path: str, params: dict[str, str], embed: bool = False) -> str:
    """`root`/`url_path` with `params` and, with `embed`, embed=true (Streamlit's own embed
    parameters otherwise dropped, so a shared link opens the whole app); "" without a root."""
    if not root:
        return ""
    query = {key: value for key, value in params.items() if key not in STREAMLIT_KEYS}
    if embed:
        query["embed"] = "true"
    return f"{root}/{url_path}" + (f"?{urlencode(query)}" if query else "")


def app_root(url: str) -> str:
    """The app's root address, without a trailing slash, from the address of any of its pages
    (served at any path); "" for anything but an http(s) address."""
    here = urlsplit(url)
    if here.scheme not in ("http", "https") or not here.netloc:
        return ""
    root, _, last = here.path.rstrip("/").rpartition("/")
    if last not in {page.url_path for page in site.PAGES if page.url_path}:  # the default page, at the root
        root = f"{root}/{last}" if last else root
    return f"{here.scheme}://{here.netloc}{root}"
