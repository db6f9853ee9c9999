"""What every page needs: the data, the filters in the URL, passages, labels.

The shared dataset is cached once per process (many viewers share it); a
viewer's own uploads live in their session only.
"""
from __future__ import annotations

import functools
import gc
import os
import time
from datetime import date

import pandas as pd
import streamlit as st

from geo import config
from geo.present import dataset as ds
from geo.present.escape import esc, md_plain
from geo.present.export import MEDIA_TYPES, export_bytes, file_stem
from geo.present.filters import Filters, canonical_places, date_bounds, undated_hidden
from geo.present.passages import passage_html
from geo.present.tables import counted

CSS = """
<style>
mark.hl{background:#ffe08a;padding:0 .1em;border-radius:2px}
mark.inc{background:#ffd27a;border-bottom:2px solid #d55e00}
mark.ctx{background:#e6eef7;border-bottom:1px dotted #0072b2}
mark.fig{background:#d9f2e6;border-bottom:2px solid #009e73}
.passage{font-size:.95rem;line-height:1.5;margin:.2rem 0 .6rem 0}
.meta{color:#666;font-size:.82rem}
.legend span.dot{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin:0 .3em 0 .9em;vertical-align:middle}
.article{font-size:.98rem;line-height:1.6;max-width:60rem}
[data-testid="stMainBlockContainer"]{padding-top:2.2rem !important;padding-left:2rem !important;padding-right:2rem !important}
</style>
"""

FILTER_LABELS = {
    "place": "Place", "claimed_by": "Claimant (source)", "side": "Side", "kind": "Kind of figure",
    "event_type": "Event type", "precision": "Location precision", "scope": "Scope",
}


def secret(name: str) -> str | None:
    """A value from st.secrets, or None where there is no secrets file or no such key."""
    try:
        value = st.secrets.get(name)
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return None
    return str(value) if value is not None else None


@st.cache_resource(max_entries=1)
def extractor():
    """The extraction for uploads: offline, or with the online geocoder that st.secrets'
    [geocoder] section or the environment switches on (one per process: its rate limit and
    cache are shared by every viewer). Raises GeocoderConfigError when misconfigured."""
    from geo.extract.pipeline import configured_extractor

    try:
        secrets = dict(st.secrets)
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        secrets = None
    return configured_extractor(os.environ, secrets)


REREAD_S = 60  # how often a store written beside the app (an ingest run) is checked and read again: each
# reading of a state no grouping was kept for groups its events again (half a minute at 10,000 events)
_last_check = [0.0]  # shared by every session of this process, as the dataset is


@st.cache_resource(show_spinner="Reading the articles and their events…", max_entries=1)
def shared_dataset() -> ds.Dataset:
    gc.unfreeze()  # the dataset this one replaces may be collected now
    data = ds.load_dataset(secret("db_url"))
    data.events  # read or grouped here, once, under this cache's lock: not by every session that asks first
    # Streamlit collects garbage after every rerun: a pass over the corpus' frames costs 0.15 s a click
    # at 36,000 incidents. They live until the store changes: kept out of those passes.
    gc.collect()
    gc.freeze()
    return data


def dataset() -> ds.Dataset:
    """The shared data plus this viewer's own uploads.

    The shared frames are read once per process and read again when the store changes: at once after an
    editor's upload or correction here, within REREAD_S after an ingest run beside the app; a viewer's
    uploads are merged in once per change of either, and kept in their session.
    """
    base = shared_dataset()
    if time.monotonic() - _last_check[0] >= REREAD_S:
        _last_check[0] = time.monotonic()
        if base.stale():
            shared_dataset.clear()
            base = shared_dataset()
    uploads = st.session_state.get("uploads") or []
    if not uploads:
        return base
    merged = st.session_state.get("_merged_dataset")  # (base, uploads, merged): an upload makes a new list
    if merged is None or merged[0] is not base or merged[1] is not uploads:
        merged = (base, uploads, base.with_extractions(uploads))
        st.session_state["_merged_dataset"] = merged
    return merged[2]


@functools.cache  # the data files' names, the same for the process' life; label() reads them a thousand
def labels() -> dict[str, dict[str, str]]:  # times a rerun (through st.cache_resource: 50 µs each)
    return {"claimed_by": ds.source_names(), "source_short": ds.source_short_names(), "side": ds.side_names(),
            "event_type": ds.event_type_labels()}


@st.cache_data
def languages() -> list[str]:
    """Languages the extraction knows (data/lang/<code>/)."""
    return sorted(ds.default_knowledge().languages)


def label(field: str, value: str | None) -> str:
    """Display name of a value: field "claimed_by" (a source's name), "source_short" (its short name),
    "side", "event_type"; other values with underscores as spaces."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    return labels().get(field, {}).get(value, str(value).replace("_", " "))


def labelled(values: pd.Series, field: str) -> pd.Series:
    """label() of every value of a column, computed once per distinct value."""
    return values.map({v: label(field, v) for v in values.dropna().unique()}).fillna("—")


def data_bbox() -> tuple[float, float, float, float] | None:
    """The conflict's theatre (lon_min, lat_min, lon_max, lat_max), to frame an empty map."""
    return ds.conflict().theatre_bbox


@st.cache_data
def theatre_towns() -> list[tuple[str, float, float]]:
    """The theatre's main towns (name, lat, lon), the offline map's faint background."""
    from geo.places.gazetteer import Gazetteer
    from geo.present.mapview import background_towns

    c = ds.conflict()
    return background_towns(Gazetteer.default().entries(c.focus_countries, ["town"]), c.theatre_bbox)


def setup_page() -> None:
    st.markdown(CSS, unsafe_allow_html=True)


def _data_dates(frames: list[pd.DataFrame]) -> tuple[date, date] | None:
    bounds = [date_bounds(d) for d in set().union(*(f["date"].dropna().unique() for f in frames))]
    bounds = [b for b in bounds if b]
    return (min(b[0] for b in bounds), max(b[1] for b in bounds)) if bounds else None


def filter_sidebar(options: dict[str, list[str]], date_frames: list[pd.DataFrame] | None = None,
                   aliases: dict[str, str] | None = None, date_key: str | None = None) -> Filters:
    """Sidebar widgets for the given filters, initialised from the URL; the URL follows the widgets.

    ``options``: filter field → the values to offer (values named in the URL are always offered).
    ``date_frames``: the frames whose ``date`` column sets the date picker's range (none: no date filter);
    the undated records a range hides are counted (distinct ``date_key`` values, default rows) and can be
    included. ``aliases``: place_aliases, so that a URL's place given in any case or by another of its
    names selects the place offered.
    """
    url = Filters.from_query(st.query_params.to_dict())
    if aliases and url.place:
        url = url.with_(place=canonical_places(url.place, aliases))
    values: dict[str, object] = {}
    with st.sidebar:
        st.subheader("Filters")
        span = _data_dates(date_frames) if date_frames else None
        if span:
            lo = date_bounds(url.date_from)[0] if url.date_from else span[0]
            hi = date_bounds(url.date_to)[1] if url.date_to else span[1]
            first, last = min(lo, span[0]), max(hi, span[1])
            if "filter_dates" not in st.session_state or st.session_state.get("_url_dates") != (url.date_from, url.date_to):
                # The URL's dates changed (a link, the timeline's brush): the picker shows them. Otherwise it
                # keeps what the viewer picked (and the URL follows it, below).
                st.session_state["_url_dates"] = (url.date_from, url.date_to)
                st.session_state["filter_dates"] = (lo, hi)
            picked = st.date_input("Dates", min_value=first, max_value=last, key="filter_dates")
            if len(picked) == 2 and (picked[0] != span[0] or url.date_from):
                values["date_from"] = picked[0].isoformat()
            if len(picked) == 2 and (picked[1] != span[1] or url.date_to):
                values["date_to"] = picked[1].isoformat()
            ranged = Filters(date_from=values.get("date_from"), date_to=values.get("date_to"))
            hidden = sum(undated_hidden(frame, ranged, date_key) for frame in date_frames)
            if hidden or url.undated:
                values["undated"] = st.checkbox(
                    f"Include undated items ({hidden:,} hidden by the dates)" if hidden else "Include undated items",
                    value=url.undated, key="filter_undated")
        for field, offered in options.items():
            current = list(getattr(url, field))
            choices = sorted(set(offered) | set(current), key=lambda v: label(field, v).lower())
            values[field] = tuple(st.multiselect(
                FILTER_LABELS[field], choices, default=current, key=f"filter_{field}",
                format_func=lambda v, f=field: label(f, v)))
    chosen = Filters(**values)
    shown = set(options) | ({"from", "to", "undated"} if date_frames else set())
    wanted = {k: v for k, v in chosen.to_query().items() if k in shown}
    for key in shown:
        if key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]
    return chosen


def url_choice(key: str, title: str, choices: dict[str, str]) -> str:
    """A sidebar radio (value → words) kept in the URL as ``key`` (the first choice is the default, left out)."""
    values = list(choices)
    current = st.query_params.get(key)
    picked = st.radio(title, values, index=values.index(current) if current in values else 0, horizontal=True,
                      format_func=choices.get, key=f"choice_{key}")
    if picked == values[0]:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != picked:
        st.query_params[key] = picked
    return picked


def clear_filters() -> None:
    """Drop every filter from the URL and the sidebar (a button's callback)."""
    for key in list(st.query_params):
        if key not in ("event", "marker", "article"):
            del st.query_params[key]
    for key in [k for k in st.session_state if str(k).startswith("filter_")]:
        del st.session_state[key]


def nothing_matches(f: Filters, what: str) -> None:
    """Say that the filters match nothing, name them, and offer to clear them."""
    named = "; ".join(f"{FILTER_LABELS.get(k, {'from': 'from', 'to': 'to', 'undated': 'undated'}.get(k, k))}: {v}"
                      for k, v in f.to_query().items())
    st.warning(f"No {what} matches these filters ({md_plain(named)}).", icon=":material/filter_alt_off:")
    st.button("Clear the filters", on_click=clear_filters, key="clear_filters")


def download_buttons(df: pd.DataFrame, what: str, formats: tuple[str, ...], f: Filters | None = None,
                     *more: str) -> None:
    """One button per format; the file is built only when its button is clicked (not on every rerun).
    Files are named after the view (its filters ``f`` and ``more`` words: geo.present.export.file_stem)."""
    stem = file_stem(what, f or Filters(), *more)
    for col, fmt in zip(st.columns(len(formats)), formats):
        col.download_button(fmt.upper(), lambda fmt=fmt: export_bytes(df, fmt, what), file_name=f"{stem}.{fmt}",
                            mime=MEDIA_TYPES[fmt], disabled=df.empty, key=f"dl_{what}_{fmt}", on_click="ignore")


def contradictions_box(clashes) -> None:
    """The contradictions of an event (geo.events.compare.Contradiction), one line each, escaped."""
    if clashes:
        st.warning(f"**{counted(len(clashes), 'contradiction')}**\n" + "".join(
            f"\n- *{md_plain(c.subject)}*: {md_plain(label('claimed_by', c.source_a))} says {md_plain(c.says_a)}; "
            f"{md_plain(label('claimed_by', c.source_b))} says {md_plain(c.says_b)}" for c in clashes), icon="⚠️")


def show_passage(body: str, start: int, end: int, marks=(), meta: str = "") -> None:
    """A passage with its marks, and an escaped line of metadata under it."""
    html = passage_html(body, start, end, list(marks))
    st.markdown(f'<div class="passage">{html}</div>' + (f'<div class="meta">{esc(meta)}</div>' if meta else ""),
                unsafe_allow_html=True)


def int_setting(name: str, default: float) -> float:
    """A number from st.secrets (a host's limit), else ``default``."""
    value = secret(name)
    try:
        return type(default)(value) if value is not None else default
    except ValueError:
        return default


def setting_on(name: str, env_name: str) -> bool:
    """A yes/no setting from st.secrets or the environment (secrets win)."""
    return config.setting_on(env_name, secret(name))
