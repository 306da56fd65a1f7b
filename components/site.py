"""The app's pages, once: the router (app.py) builds its navigation from them and the overview
links to those marked as views to explore."""

from __future__ import annotations

from typing import NamedTuple


class Page(NamedTuple):
    path: str  # the page's script
    title: str  # its strings.yaml key
    url_path: str  # its address ("" for the default page)
    explore: bool = False  # linked from the overview's "Explore" row


PAGES = (
    Page("pages/overview.py", "nav.overview", "overview"),
    Page("pages/regions.py", "nav.map", "regions", explore=True),
    Page("pages/timeline.py", "nav.timeline", "timeline", explore=True),
    Page("pages/compare.py", "nav.compare", "compare", explore=True),
    Page("pages/initiative.py", "nav.profile", "initiative", explore=True),
    Page("pages/sources.py", "nav.sources", "sources", explore=True),
    Page("pages/upload.py", "nav.upload", "upload"),
    Page("pages/present.py", "nav.present", "present"),
)
DEFAULT = PAGES[0]  # served at "/"
