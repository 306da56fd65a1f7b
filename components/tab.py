"""What only the browser tab knows, kept in step with the server by one component with no
iframe (components v2) on every run: the document's language for screen readers (Streamlit
writes `<html lang="en">` whatever the page says); whether this tab holds uploaded data, so
that a tab whose session ended (a reload, or a replica that died) says once that its upload is
gone instead of quietly showing other data; and when the tab's connection to the server is new
(its replica died and the balancer sent it to another), a run of its view there: Streamlit's
own reconnection leaves the new session unrun until the next click. It also moves the focus
into a popover (the filters, Share) opened from the keyboard: Streamlit leaves it on the button,
and the popover's controls come after the rest of the page in the Tab order."""

import streamlit as st

_JS = """
export default function ({ data, setTriggerValue }) {
  document.documentElement.lang = data.lang;
  window.cadenasRunAgain = () => setTriggerValue("reconnected", true);
  if (!window.cadenasWatchesConnections) {
    window.cadenasWatchesConnections = true;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(...args) {
        super(...args);
        if (String(args[0]).endsWith("/_stcore/stream")) {
          this.addEventListener("open", () => setTimeout(() => window.cadenasRunAgain(), 250));
        }
      }
    };
  }
  if (!window.cadenasFocusesPopovers) {
    window.cadenasFocusesPopovers = true;
    document.addEventListener("keydown", event => {
      const button = event.target.closest?.("[data-testid=stPopoverButton]");
      if (!button || !["Enter", " "].includes(event.key) || button.getAttribute("aria-expanded") === "true") return;
      const asked = performance.now();
      const focusInside = () => {  // the popover itself, as a dialog: Tab then goes through it in order
        const body = document.querySelector("[data-testid=stPopoverBody]");
        if (body) {
          body.tabIndex = -1;
          body.focus();
        } else if (performance.now() - asked < 1500) requestAnimationFrame(focusInside);
      };
      requestAnimationFrame(focusInside);
    });
  }
  const MARK = "cadenas-upload";  // per tab: sessionStorage outlives the session, not the tab
  if (data.upload === "kept") {
    sessionStorage.setItem(MARK, "1");
  } else if (data.upload === "let go") {
    sessionStorage.removeItem(MARK);
  } else if (sessionStorage.getItem(MARK) !== null) {
    sessionStorage.removeItem(MARK);
    setTriggerValue("lost", true);
  }
}
"""

_declare = st.components.v2.component("cadenas_tab", js=_JS)


def declare(lang: str, upload: str) -> bool:
    """Make `lang` ('en', 'es') the language of the whole document, and tell the tab whether
    this session holds an upload (`upload`: "kept", "let go" or "none"). True on the run after
    the tab found that an upload it held is no longer here."""
    return bool(_declare(key="tab", data={"lang": lang, "upload": upload}, on_lost_change=lambda: None,
                         on_reconnected_change=lambda: None).lost)
