"""The presentation's remote: the keys a presentation clicker or a keyboard sends, and the
browser's Back and Forward, each turned into a move between slides.

A component with no iframe (Streamlit's components v2) listens on the page itself, so a key
works wherever the focus is, except in a text field or a slider, and for Enter and Space on a
control they already press (a button, a link, the data switch).
"""

from __future__ import annotations

from typing import Callable

import streamlit as st

# What each key asks for. Clickers send PageDown/PageUp (some send the arrows).
MOVES = {
    "ArrowRight": "next", "PageDown": "next", " ": "next", "Enter": "next",
    "ArrowLeft": "previous", "PageUp": "previous",
    "Home": "first", "End": "last",
}

_JS = """
export default function ({ data, setTriggerValue }) {
  const pressable = "button, a, summary, [role=button], [role=switch], [role=checkbox], " +
    "input[type=checkbox], input[type=radio], input[type=button], input[type=submit]";
  const typing = (el) => el && (el.isContentEditable || /^(TEXTAREA|SELECT)$/.test(el.tagName)
    || (el.tagName === "INPUT" && !el.matches(pressable)) || el.closest("[role=slider], [role=listbox]"));
  const onKey = (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    const pressing = event.target.closest && event.target.closest(pressable);
    if (pressing && (event.key === "Enter" || event.key === " ")) return;
    const move = data.moves[event.key];
    if (!move) return;
    event.preventDefault();
    setTriggerValue("move", move);
  };
  const onHistory = () => {  // Back or Forward within the talk: go to the slide in the address
    if (!window.location.pathname.endsWith("/" + data.path)) return;
    setTriggerValue("move", new URLSearchParams(window.location.search).get(data.param) || "1");
  };
  document.addEventListener("keydown", onKey);
  window.addEventListener("popstate", onHistory);
  document.documentElement.dataset.clicker = "listening";  // for tests: keys now move slides
  return () => {
    document.removeEventListener("keydown", onKey);
    window.removeEventListener("popstate", onHistory);
    delete document.documentElement.dataset.clicker;
  };
}
"""

_remote = st.components.v2.component("cadenas_clicker", js=_JS)


def target(move: str | None, current: int, last: int) -> int:
    """The slide a move leads to: 'next', 'previous', 'first', 'last' or a slide number (from
    the address after Back), kept within 1..last; anything else stays put."""
    steps = {"next": current + 1, "previous": current - 1, "first": 1, "last": last}
    if move in steps:
        return min(max(steps[move], 1), last)
    if isinstance(move, str) and move.isdigit() and 1 <= int(move) <= last:
        return int(move)
    return current


def remote(key: str, path: str, param: str, on_move: Callable[[str], None]) -> None:
    """Listen for the clicker on the page at `path`, whose slide number is the URL's `param`;
    each move is passed to `on_move`."""
    _remote(key=key, data={"moves": MOVES, "path": path, "param": param},
            on_move_change=lambda: on_move(st.session_state[key]["move"]))
