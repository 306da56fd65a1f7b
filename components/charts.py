"""Plotly chart builders. Pure: tables in, a `Chart` out (the figure and its alt text), no
Streamlit calls.

The alt text is plain text, which may name an initiative: whoever shows it escapes it, as
`html.caption` does. The data text that plotly draws is escaped here, so a name with markup in
it is shown as text.
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape, unescape
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components import design, queries
from components import vocabulary as vocab
from components.i18n import localised, t, term

FONT = dict(family=design.FONT_FAMILY, size=design.CHART_TEXT, color=design.INK)
MAX_LANES = 40  # a timeline taller than this stops being readable; filters choose the rest
MAX_BARS = 30  # bars per Compare panel
LANE_HEIGHT = 92  # pixels per initiative lane on the timeline: its name, phase bars and markers
LANE_LEAST = 50  # pixels a lane still reads at, drawn shorter to fit an iframe
LANE_LABEL = 0.6  # a lane's name sits this far (in lanes) above its events
LANE_TOP = 0.76  # and the lane itself starts this far above them, its events' markers just inside its foot
INSET = 12  # pixels between the chart's edge and the plot, each side
BAR_HEIGHT = 68  # pixels per bar on the compare chart: two lines of label above a bar
BAR_WIDTH = 0.3  # a bar's thickness, as a share of its row
LABEL_GAP = 0.08  # between a bar and the label above it, as a share of its row (about 5 pixels)
SLIDE_ROWS_HEIGHT = 440  # pixels a timeline slide's rows may take: a 1280×720 screen less title, key and controls
SLIDE_LEADING = 1.36  # a label line's height, as a multiple of its text size
SLIDE_LABELS = 0.6  # the share of a timeline slide's width its labels take; the years take the rest
SLIDE_BAR_ROW = 56  # pixels per bar on a compare slide: a line of label above a bar
SLIDE_BAR = 0.42  # a compare slide's bar thickness, as a share of its row
EVENT_SYMBOLS = {
    "founding": "star", "funding": "diamond", "partnership": "hexagon", "certification": "square",
    "export": "triangle-up", "launch": "circle", "milestone": "pentagon", "policy": "square-x",
}
# Each marker symbol as a character for a key written as text, with the size that makes it
# look as large as the marker beside the others (fonts draw some shapes smaller).
SYMBOL_GLYPHS = {
    "star": ("★", 21), "diamond": ("◆", 21), "hexagon": ("⬢", 21), "square": ("■", 26),
    "triangle-up": ("▲", 20), "circle": ("●", 25), "pentagon": ("⬟", 21), "square-x": ("⊠", 21),
}
LEGEND_GREY = design.MUTED  # event kinds in the key, whatever their initiative's colour
PHONE_LINE_CHARS = 44  # characters of a bar's label that fit a phone's plot (about 330 px)
LEGEND_WIDTH = 330  # pixels a line of the key may take, estimated as for _label_margin: a chart on a phone
LEGEND_FONT = design.KEY_TEXT  # the key's own size, which sets its line height (labels are drawn at FONT's)
LEGEND_LINE = 27  # pixels to allow per line of the key, glyphs included


class Chart(NamedTuple):
    """A plotly figure, what it shows in words, and the least height in pixels it still reads
    at when drawn shorter (0: only its own)."""
    fig: go.Figure
    alt: str
    shortest: int = 0


def _base_layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        font=FONT, height=height, margin=dict(l=10, r=20, t=40, b=10),
        plot_bgcolor=design.PAPER, paper_bgcolor=design.PAPER,
        hoverlabel=dict(bgcolor=design.PAPER, font_size=14, align="left"),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title_text=""),
    )
    return fig


def _label_margin(labels) -> int:
    """A left margin wide enough for these axis labels. Fixed rather than plotly's automargin,
    which lays the chart out again for every axis (docs/performance.md, "Chart margins")."""
    longest = max((len(unescape(str(label))) for label in labels), default=0)
    return min(40 + round(longest * FONT["size"] * 0.55), 460)


def _add_legend(fig: go.Figure, left: int, *rows) -> int:
    """A legend above the plot, from the figure's left edge (the plot starts `left` pixels in):
    rows of (symbol, colour, label) (see SYMBOL_GLYPHS), a row longer than LEGEND_WIDTH split into
    lines of equal length. It is one annotation, so an exported image keeps it: a plotly legend
    needs a trace per entry, and ten traces that draw nothing took plotly longer to set up than
    the chart. Returns the number of lines."""
    lines = []
    for row in filter(None, rows):
        entries = []
        for symbol, colour, label in row:
            glyph, size = SYMBOL_GLYPHS[symbol]
            entries.append((f"<span style='color:{colour};font-size:{size}px'>{glyph}</span>"
                            f"&nbsp;<span style='font-size:{FONT['size']}px'>{escape(label)}</span>",
                            size + 18 + len(label) * FONT["size"] * 0.48))
        per_line = math.ceil(len(entries) / math.ceil(sum(width for _, width in entries) / LEGEND_WIDTH))
        lines += [[text for text, _ in entries[i:i + per_line]] for i in range(0, len(entries), per_line)]
    fig.add_annotation(text="<br>".join(" &nbsp; ".join(line) for line in lines), font=dict(size=LEGEND_FONT),
                       xref="paper", yref="paper", x=0, y=1.0, xanchor="left", yanchor="bottom",
                       xshift=12 - left, yshift=10, align="left", showarrow=False)
    return len(lines)


# --- Timeline -----------------------------------------------------------------------------

def timeline_lanes(initiatives: pd.DataFrame) -> list[str]:
    """The initiatives that get a lane on the timeline: the first MAX_LANES."""
    return list(initiatives["id"][:MAX_LANES])


def timeline(initiatives: pd.DataFrame, phases: pd.DataFrame, events: pd.DataFrame,
                    sources: pd.DataFrame, lang: str, years=(vocab.FIRST_YEAR, vocab.LAST_YEAR)) -> Chart:
    """One lane per initiative: phases as bars, dated events as markers, coloured by crop."""
    names = queries.initiative_names(initiatives, lang)
    crops = queries.crops_of(initiatives)
    lanes = {initiative: index for index, initiative in enumerate(timeline_lanes(initiatives))}
    source_titles = dict(zip(sources["id"], sources["title"]))
    fig = go.Figure()

    # Two traces draw every phase and every event: plotly's work grows with traces, not points.
    bars = {"base": [], "x": [], "y": [], "color": [], "hovertext": []}
    drawn_crops = set()  # every crop colour drawn, for the key
    for initiative, own in phases[phases["initiative"].isin(lanes)].groupby("initiative", sort=False):
        for offset, ((_, phase), name) in enumerate(zip(own.iterrows(), localised(own, "name", lang))):
            crop = phase["crop"] if isinstance(phase["crop"], str) else crops[initiative]
            start = dt.date(int(phase["start"]), 1, 1)
            open_ended = pd.isna(phase["end"])
            end = dt.date(queries.last_year(phase["end"]), 12, 31)
            span = f"{phase['start']}–{'' if open_ended else int(phase['end'])}"
            bars["base"].append(start)
            bars["x"].append((end - start).days * 86_400_000)
            bars["y"].append(lanes[initiative] - 0.2 - 0.19 * offset)
            bars["color"].append(queries.crop_colour(crop))
            drawn_crops.add(crop)
            bars["hovertext"].append(f"<b>{escape(name)}</b><br>{escape(names[initiative])} · {span}<br>"
                                     f"{t('chart.source', lang)}: {escape(source_titles.get(phase['source'], ''))}")
    if bars["x"]:
        fig.add_trace(go.Bar(
            orientation="h", base=bars["base"], x=bars["x"], y=bars["y"], width=0.16,
            marker=dict(color=bars["color"], line=dict(width=1, color=[design.mark_outline(c) for c in bars["color"]])),
            showlegend=False,
            name=t("chart.phases", lang), hovertext=bars["hovertext"], hoverinfo="text",
        ))

    shown = events[events["initiative"].isin(lanes)]
    if not shown.empty:
        hover = [
            f"<b>{escape(title)}</b><br>{queries.format_event_date(date, lang)} · {term('kind', kind, lang)}"
            + (f" · {t('event.planned', lang)}" if status == "planned" else "")
            + f"<br>{escape(names[initiative])}<br>{t('chart.source', lang)}: {escape(source_titles.get(source, ''))}"
            for title, date, kind, status, initiative, source in zip(
                localised(shown, "title", lang), shown["date"], shown["kind"], shown["status"],
                shown["initiative"], shown["source"])
        ]
        colours = [queries.crop_colour(crops[i]) for i in shown["initiative"]]
        drawn_crops.update(crops[i] for i in shown["initiative"])
        fig.add_trace(go.Scatter(
            x=[queries.plot_date(d) for d in shown["date"]],
            y=[lanes[i] + 0.12 for i in shown["initiative"]],
            mode="markers", name=t("chart.events", lang), showlegend=False, cliponaxis=False,  # December's whole
            marker=dict(symbol=[EVENT_SYMBOLS.get(kind, "circle") + ("-open" if status == "planned" else "")
                                for kind, status in zip(shown["kind"], shown["status"])],
                        size=17, color=colours, line=dict(width=1.5, color=[design.mark_outline(c) for c in colours])),
            hovertext=hover, hoverinfo="text",
        ))
    left = INSET
    legend_lines = _add_legend(
        fig, left,
        [(EVENT_SYMBOLS.get(kind, "circle"), LEGEND_GREY, term("kind", kind, lang)) for kind in shown["kind"].unique()],
        [("square", queries.crop_colour(key), term("crop", key, lang)) for key in (*vocab.CROPS, queries.MIXED)
         if key in drawn_crops])
    top = 22 + LEGEND_LINE * legend_lines

    drawn = [names[i] for i in lanes]
    alt = t("timeline.alt", lang, start=years[0], end=years[1],
            lanes=drawn[0] if len(drawn) == 1 else t("timeline.lanes", lang, count=len(drawn)),
            events=t("timeline.one_event", lang) if len(shown) == 1 else t("timeline.events", lang, count=len(shown)))
    if len(initiatives) > len(lanes):
        alt += " " + t("timeline.capped", lang, shown=len(lanes), total=len(initiatives))
    # Each lane's name above it, not in a left margin: on a phone the margin left the plot a
    # few pixels wide; above, the name takes no width from the years.
    for initiative, lane in lanes.items():
        fig.add_annotation(name="lane", text=escape(names[initiative]), xref="paper", x=0, yref="y",
                           y=lane - LANE_LABEL, xanchor="left", yanchor="middle", showarrow=False,
                           font=dict(size=FONT["size"], color=design.INK))
        if lane % 2 == 0 and len(lanes) > 1:  # every other lane shaded, so each name heads its own events
            fig.add_shape(type="rect", xref="paper", x0=0, x1=1, yref="y", y0=lane - LANE_TOP, y1=lane + 1 - LANE_TOP,
                          fillcolor=design.SURFACE, line_width=0, layer="between")
    _base_layout(fig, height=100 + top + LANE_HEIGHT * max(len(lanes), 1))
    fig.update_layout(barmode="overlay", margin=dict(l=left, r=left, t=top, b=40), showlegend=False)
    # Ticks as plotly spaces them for the width at hand: every year or two on a laptop, fewer on a phone.
    fig.update_xaxes(type="date", range=[dt.date(years[0], 1, 1), dt.date(years[1], 12, 31)], tickformat="%Y",
                     showgrid=True, gridcolor=design.GRID, ticklabelmode="period")
    fig.update_yaxes(showticklabels=False, range=[len(lanes) - 0.5, -0.95], showgrid=False, zeroline=False)
    return Chart(fig, alt, shortest=100 + top + LANE_LEAST * max(len(lanes), 1))


class _Row(NamedTuple):
    """A row of a timeline slide: a phase (`end` set) or an event."""
    start: dt.date
    head: str  # its date and what it is
    title: str
    end: dt.date | None
    colour: str
    symbol: str
    source: str


def timeline_slide(initiative: pd.DataFrame, phases: pd.DataFrame, events: pd.DataFrame,
                   sources: pd.DataFrame, years: tuple[int, int], lang: str) -> Chart:
    """One initiative's phases and events for a slide, read from the back of a room: a row
    each, in date order, what happened written out on the left (date, kind, title) and its mark
    on the right, on an axis of `years` (the initiative's own)."""
    crop = queries.crop_key(initiative["crops"].iloc[0])
    source_titles = dict(zip(sources["id"], sources["title"]))
    rows = [
        _Row(dt.date(int(phase["start"]), 1, 1), queries.phase_head(phase, lang), name,
             dt.date(queries.last_year(phase["end"]), 12, 31),
             queries.crop_colour(phase["crop"] if isinstance(phase["crop"], str) else crop), "",
             source_titles.get(phase["source"], ""))
        for (_, phase), name in zip(phases.iterrows(), localised(phases, "name", lang))
    ] + [
        _Row(queries.plot_date(event["date"]), queries.event_head(event, lang), title, None, queries.crop_colour(crop),
             EVENT_SYMBOLS.get(event["kind"], "circle") + ("-open" if event["status"] == "planned" else ""),
             source_titles.get(event["source"], ""))
        for (_, event), title in zip(events.iterrows(), localised(events, "title", lang))
    ]
    rows.sort(key=lambda row: row.start)

    size, lines = _slide_labels(rows)
    fig, top, centres = go.Figure(), 0.0, []
    for row, wrapped in zip(rows, lines):  # each row under the one before, on as many lines as it needs
        head = escape(row.head) + ":"
        text = "<br>".join(escape(line) for line in wrapped)
        centres.append(top + (len(wrapped) - 1) / 2)
        fig.add_annotation(name="row", text=f"<b>{head}</b>{text[len(head):]}" if text.startswith(head) else text,
                           xref="paper", x=0, yref="y", y=centres[-1], xanchor="left", yanchor="middle",
                           align="left", showarrow=False, font=dict(size=size, color=design.INK))
        top += len(wrapped) + design.SLIDE_ROW_GAP
    hover = [f"<b>{escape(row.title)}</b><br>{escape(row.head)}<br>{t('chart.source', lang)}: {escape(row.source)}"
             for row in rows]
    phase = [i for i, row in enumerate(rows) if row.end]
    if phase:
        fig.add_trace(go.Bar(
            orientation="h", base=[rows[i].start for i in phase], y=[centres[i] for i in phase],
            x=[(rows[i].end - rows[i].start).days * 86_400_000 for i in phase], width=0.7,
            marker=dict(color=[rows[i].colour for i in phase],
                        line=dict(width=1.5, color=[design.mark_outline(rows[i].colour) for i in phase])), showlegend=False,
            name=t("chart.phases", lang), hovertext=[hover[i] for i in phase], hoverinfo="text"))
    event = [i for i, row in enumerate(rows) if not row.end]
    if event:
        colours = [rows[i].colour for i in event]
        fig.add_trace(go.Scatter(
            x=[rows[i].start for i in event], y=[centres[i] for i in event], mode="markers", showlegend=False,
            cliponaxis=False,  # a mark late in the last year shows whole
            marker=dict(symbol=[rows[i].symbol for i in event], size=size + 4, color=colours,
                        line=dict(width=2.5, color=[design.mark_outline(c) for c in colours])),
            name=t("chart.events", lang), hovertext=[hover[i] for i in event], hoverinfo="text"))
    _base_layout(fig, height=size * SLIDE_LEADING * max(top, 1) + 50)
    fig.update_layout(barmode="overlay", margin=dict(l=INSET, r=INSET + 10, t=6, b=36), showlegend=False,
                      font=dict(size=size), hoverlabel=dict(font_size=design.SLIDE_TEXT - 4))
    span = years[1] - years[0] + 1
    fig.update_xaxes(type="date", domain=[SLIDE_LABELS, 1], range=[dt.date(years[0], 1, 1), dt.date(years[1], 12, 31)],
                     tickformat="%Y", dtick="M12" if span <= 6 else "M24" if span <= 12 else "M60",
                     ticklabelmode="period", showgrid=True, gridcolor=design.GRID)
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False,
                     range=[top - design.SLIDE_ROW_GAP + 0.5, -0.7])
    return Chart(fig, "")


def _slide_labels(rows: list[_Row]) -> tuple[int, list[list[str]]]:
    """The largest text size, from design.SLIDE_TEXT down, at which a timeline slide's rows fit
    its height (at design.SLIDE_TEXT whenever `slides.timeline_parts` split them), and each
    row's label wrapped at that size."""
    for size in range(design.SLIDE_TEXT, 15, -1):
        lines = [queries.slide_lines(f"{row.head}: {row.title}", design.SLIDE_LINE_CHARS * design.SLIDE_TEXT // size)
                 for row in rows]
        if size * SLIDE_LEADING * (sum(map(len, lines)) + design.SLIDE_ROW_GAP * (len(rows) - 1)) <= SLIDE_ROWS_HEIGHT:
            break
    return size, lines


# --- Compare ------------------------------------------------------------------------------

def comparison(metrics: pd.DataFrame, initiatives: pd.DataFrame, sources: pd.DataFrame,
                   family: str, lang: str, log: bool = False) -> Chart:
    """Bars of one metric family, one panel per metric, one bar per figure: colour is the
    figure's crop (`queries.figure_crops`), pattern is the status (each bar's label says it too). Figures are never summed, so a
    target is never added to an achievement."""
    names = queries.initiative_names(initiatives, lang)
    source_titles = dict(zip(sources["id"], sources["title"]))
    rows = metrics[metrics["initiative"].isin(names)]
    crops = queries.figure_crops(rows, initiatives)
    panels = [m for m in vocab.METRICS if m in set(rows["metric"].unique())]
    # Past MAX_BARS a panel shows its largest figures; the table under the chart has them all.
    drawn = {m: rows[rows["metric"] == m].nlargest(MAX_BARS, "value", keep="first") for m in panels}
    counts = [max(len(drawn[m]), 1) for m in panels] or [1]
    fig = make_subplots(
        rows=len(counts), cols=1, row_heights=counts, vertical_spacing=0.32 / max(len(counts), 1) if len(counts) > 1 else 0,
        subplot_titles=[term("metric", m, lang) for m in panels],
    )
    for row_number, metric in enumerate(panels, start=1):
        panel = drawn[metric].sort_values(["initiative", "year"])
        rows_of = {index: position for position, index in enumerate(panel.index)}
        value_range = _value_range(panel["value"], log)
        labels = []  # (the figure's row in its panel, its name and year, its value and status)
        for status in vocab.STATUSES:
            part = panel[panel["status"] == status]
            if part.empty:
                continue
            records = part.to_dict("records")
            values = [queries.format_value(r, lang) for r in records]
            colours = [queries.crop_colour(crops[i]) for i in part.index]
            hover = [
                f"<b>{escape(queries.figure_whose(r, names, lang))}</b><br>{escape(v)} · {queries.format_year(r, lang)}"
                f" · {term('status', status, lang)}<br>{escape(note)}<br>"
                f"{t('chart.source', lang)}: {escape(source_titles.get(r['source'], ''))}"
                for v, note, r in zip(values, localised(part, "note", lang), records)
            ]
            fig.add_trace(go.Bar(
                orientation="h", x=part["value"], y=[rows_of[index] for index in part.index],  # a row per figure
                name=term("status", status, lang), showlegend=False, width=BAR_WIDTH,
                marker=dict(color=colours if status == "achieved" else design.PAPER,
                            line=dict(color=[design.mark_outline(c) for c in colours], width=2),
                            pattern=dict(shape=design.STATUS_PATTERNS[status], fgcolor=colours, size=8, solidity=0.35)),
                hovertext=hover, hoverinfo="text",
            ), row=row_number, col=1)
            # Which figure it is (its label) starts the second line, which a narrow screen has room for.
            labels += [(rows_of[index], *_bar_lines(
                f"{names[r['initiative']]} · {queries.format_year(r, lang)}",
                (f"{queries.figure_label(r, lang)}: " if queries.figure_label(r, lang) else "") + v,
                term("status", status, lang))) for index, r, v in zip(part.index, records, values)]
        # Each bar's initiative, year, value and status on two lines above it, not in a left margin
        # and past its end: on a phone those left the bars a few pixels wide or ran off the screen.
        # On a log scale, a thousandth of a decade inside the axis: plotly hides text outside it,
        # and the axis's end read back in the browser may round to just past the label.
        fig.add_trace(_bar_labels([f"{who}<br>{what}" for _, who, what in labels], [row for row, _, _ in labels],
                                  left=10 ** (value_range[0] + 0.001) if log else value_range[0],
                                  above=BAR_WIDTH / 2 + LABEL_GAP, size=FONT["size"] - 1), row=row_number, col=1)
        fig.update_yaxes(row=row_number, col=1, showticklabels=False, showgrid=False, zeroline=False,
                         autorange=False, range=[len(panel) - 0.5, -1.0])  # reversed, with room above the first bar's label
        fig.update_xaxes(row=row_number, col=1, type="log" if log else "linear", range=value_range,
                         showgrid=False, showticklabels=False)  # each bar says its value: a grid without numbers is noise
    alt = t("compare.alt", lang, family=term("family", family, lang), figures=len(rows), metrics=len(panels))
    if sum(counts) < len(rows):
        alt += " " + t("compare.capped", lang, bars=MAX_BARS, hidden=len(rows) - sum(counts))
    _base_layout(fig, height=120 + BAR_HEIGHT * sum(counts) + 60 * len(counts))
    # No plotly legend: each bar names its status, the page draws the key under the chart
    # (`exhibits.comparison`), and the browser draws the chart again on every change of filter.
    fig.update_layout(barmode="overlay", margin=dict(t=50, l=INSET, r=INSET), showlegend=False)
    fig.update_annotations(font=dict(size=16, color=design.INK), xanchor="left", x=0)  # the panels' titles
    return Chart(fig, alt)


def _bar_labels(texts: list[str], rows: list[int], left: float, above: float, size: int) -> go.Scatter:
    """Each bar's label, starting at `left` on the value axis and ending `above` its row (in
    rows) on an axis of one row per bar. One text trace rather than an annotation per bar,
    which plotly measures one at a time as it draws."""
    return go.Scatter(name="labels", mode="text", x=[left] * len(texts), y=[row - above for row in rows], text=texts,
                      textposition="top right", textfont=dict(size=size, color=design.INK), cliponaxis=False,
                      hoverinfo="skip", showlegend=False)


def _value_range(values: pd.Series, log: bool) -> list[float]:
    """A panel's value axis: from 0 (on a log scale, a tenth of the smallest figure) to just past
    the largest, so that every bar has a length and the labels a left edge to start from."""
    if not log:
        return [0, values.max() * 1.02]
    positive = values[values > 0]
    if positive.empty:
        return [0, 1]
    return [math.log10(positive.min()) - 1, math.log10(positive.max() * 1.02)]


def _bar_lines(whose: str, what: str, status: str) -> tuple[str, str]:
    """A bar's label, escaped: whose figure and when, then which it is, its value and its status.
    Where that second line would not fit a phone's plot, the status joins the first."""
    first, second = whose, f"{what} · {status}"
    if len(second) > PHONE_LINE_CHARS and len(first) + len(status) + 3 <= PHONE_LINE_CHARS:
        first, second = f"{whose} · {status}", what
    return escape(first), escape(second)


def comparison_slide(figures: pd.DataFrame, initiatives: pd.DataFrame, sources: pd.DataFrame, lang: str,
                     top: float) -> Chart:
    """One measure's figures for a slide: a bar each on an axis from 0 to `top` (the same on
    every slide of the measure), its initiative, year, value and status on one line above it,
    at the size of a slide's text. Drawn as Compare draws them: colour is the crop, pattern
    the status, and nothing is summed."""
    names = queries.initiative_names(initiatives, lang)
    source_titles = dict(zip(sources["id"], sources["title"]))
    crops = queries.figure_crops(figures, initiatives)
    rows_of = {index: row for row, index in enumerate(figures.index)}
    fig = go.Figure()
    for status in vocab.STATUSES:
        part = figures[figures["status"] == status]
        if part.empty:
            continue
        colours = [queries.crop_colour(crops[i]) for i in part.index]
        fig.add_trace(go.Bar(
            orientation="h", x=part["value"], y=[rows_of[index] for index in part.index], width=SLIDE_BAR,
            name=term("status", status, lang), showlegend=False,
            marker=dict(color=colours if status == "achieved" else design.PAPER,
                        line=dict(color=[design.mark_outline(c) for c in colours], width=2.5),
                        pattern=dict(shape=design.STATUS_PATTERNS[status], fgcolor=colours, size=10, solidity=0.35)),
            hovertext=[f"<b>{escape(names[r['initiative']])}</b><br>{escape(note)}<br>"
                       f"{t('chart.source', lang)}: {escape(source_titles.get(r['source'], ''))}"
                       for note, r in zip(localised(part, "note", lang), part.to_dict("records"))],
            hoverinfo="text"))
    fig.add_trace(_bar_labels(
        [f"<b>{escape(queries.figure_whose(figure, names, lang))} · {queries.format_year(figure, lang)}:</b> "
         f"{escape(queries.format_value(figure, lang))} · {term('status', figure['status'], lang)}"
         for figure in figures.to_dict("records")],
        list(range(len(figures))), left=0, above=SLIDE_BAR / 2, size=design.SLIDE_TEXT))
    _base_layout(fig, height=SLIDE_BAR_ROW * max(len(figures), 1) + 30)
    fig.update_layout(barmode="overlay", margin=dict(t=SLIDE_BAR_ROW // 2, l=INSET, r=INSET + 10, b=4),
                      showlegend=False, hoverlabel=dict(font_size=design.SLIDE_TEXT - 4))
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False, autorange=False,
                     range=[len(figures) - 0.5, -0.5])  # a row per figure, the first at the top
    fig.update_xaxes(range=[0, top * 1.02], showgrid=True, gridcolor=design.GRID, showticklabels=False)
    return Chart(fig, "")


def partners(organisations: pd.DataFrame, initiatives: pd.DataFrame, lang: str, size: int = design.CHART_TEXT) -> Chart:
    """Each initiative's partner organisations counted by type, to compare governance; its text
    at `size` (larger on a slide)."""
    names = queries.initiative_names(initiatives, lang)
    own = organisations[organisations["initiative"].isin(names)]
    counts = own.groupby(["initiative", "type"]).size().rename("count").reset_index()
    fig = go.Figure()
    for org_type in vocab.ORGANISATION_TYPES:
        part = counts[counts["type"] == org_type]
        if part.empty:
            continue
        members = [
            "<br>".join(escape(n) for n in own[(own["initiative"] == i) & (own["type"] == org_type)]["name"])
            for i in part["initiative"]
        ]
        fig.add_trace(go.Bar(
            orientation="h", x=part["count"], y=[escape(names[i]) for i in part["initiative"]],
            name=term("org_type", org_type, lang), marker_color=design.ORGANISATION_TYPE_COLOURS[org_type],
            marker_line=dict(width=1, color=design.mark_outline(design.ORGANISATION_TYPE_COLOURS[org_type])),
            text=part["count"], textposition="inside", insidetextanchor="middle",
            insidetextfont=dict(color=design.text_on(design.ORGANISATION_TYPE_COLOURS[org_type])),  # 4.5:1 at least
            hovertext=[f"<b>{term('org_type', org_type, lang)}</b> · {escape(names[i])}<br>{m}"
                       for i, m in zip(part["initiative"], members)],
            hoverinfo="text",
        ))
    alt = t("partners.alt", lang, organisations=len(own), initiatives=own["initiative"].nunique())
    scale = size / design.CHART_TEXT
    rows = max(own["initiative"].nunique(), 1)
    if scale == 1:  # the key above the bars
        _base_layout(fig, height=170 + 60 * rows)
        fig.update_layout(barmode="stack", margin=dict(t=110, b=60), legend=dict(yref="container", y=1.0, yanchor="top"))
    else:  # on a slide, the key beside them, where a wide screen has room and a short one has none
        plot = max(round(scale * 50 * rows), round(size * 1.45 * len(fig.data)) + 10)  # the key's height at least
        _base_layout(fig, height=10 + plot + round(50 * scale))
        fig.update_layout(barmode="stack", margin=dict(t=10, b=round(50 * scale)), font=dict(size=size),
                          legend=dict(orientation="v", x=1.02, xanchor="left", y=1, yanchor="top", font=dict(size=size)))
    fig.update_yaxes(autorange="reversed",
                     categoryorder="array", categoryarray=[escape(names[i]) for i in names])
    fig.update_layout(margin=dict(l=round(_label_margin(names.values()) * scale), r=20))
    fig.update_xaxes(title_text=t("partners.axis", lang), title_standoff=12, showgrid=True,
                     gridcolor=design.GRID, dtick=2)
    return Chart(fig, alt)
