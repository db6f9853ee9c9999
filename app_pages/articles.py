"""Articles: read the corpus with what was recognised marked; add articles by pasting or uploading."""
import json
import re
import time

import streamlit as st

import pandas as pd

from geo.ingest.batch import IngestResult, ingest_bytes
from geo.knowledge.files import default_knowledge
from geo.places.online import GeocoderConfigError
from geo.present.access import (LOCAL_EDITOR, VIEWER_MAX_BYTES, VIEWER_SECONDS, VIEWER_WINDOW, ExtractionBudget,
                                viewer_refusal)
from geo.present.dataset import extract_upload
from geo.present.escape import md_plain, option_text
from geo.present.filters import Filters, filter_articles
from geo.present.passages import article_html, figure_span
from geo.present.tables import counted
from views.auth import editor_identity, editor_login, is_editor
from views.common import dataset, extractor, int_setting, label, languages, setup_page, shared_dataset
from views.corrections import corrections_form

setup_page()
editor_login()
data = dataset()
editing = is_editor() and data.store is not None

st.title("Articles")
arts = data.articles
if not arts.empty:  # the language filter lives in the URL (?language=ru,fr), as the other pages' filters
    present = sorted(arts["language"].dropna().unique())
    asked = [c for c in Filters.from_query(st.query_params).language if c in present]
    picked = st.multiselect("Language", present, default=asked, format_func=lambda c: f"{default_knowledge().language_name(c)} ({c})")
    if picked != asked:
        st.query_params["language"] = ",".join(picked)
    arts = filter_articles(arts, Filters(language=tuple(picked)))
uploads = {e.article.id for e in st.session_state.get("uploads", [])}
if not arts.empty:
    table = arts.assign(added=arts["article_id"].isin(uploads).map({True: "this session", False: "shared"}))
    st.dataframe(table[["title", "published", "language", "n_places", "n_incidents", "n_claims", "added"]].rename(columns={
        "title": "Title", "published": "Published", "language": "Lang.", "n_places": "Places on map",
        "n_incidents": "Incidents", "n_claims": "Figures", "added": "Added"}), hide_index=True, width="stretch",
        column_config={"Title": st.column_config.TextColumn("Title", width="large")})

ids = list(arts["article_id"])
if "show_article" in st.session_state:  # just added: show it (set before the widget exists)
    st.session_state["article_pick"] = st.session_state.pop("show_article")
wanted = st.query_params.get("article")
if ids:
    if st.session_state.get("article_pick") not in ids:
        st.session_state["article_pick"] = wanted if wanted in ids else ids[0]
    titles = dict(zip(arts["article_id"], arts["title"]))
    chosen = st.selectbox("Read", ids, format_func=lambda i: option_text(titles.get(i)), key="article_pick")
    if chosen != wanted:
        st.query_params["article"] = chosen
    ex = data.extraction(chosen)
    a = ex.article
    st.subheader(md_plain(a.title or a.path or a.id))
    st.caption(md_plain(" · ".join(x for x in (a.published or "undated", a.outlet, a.language, a.url) if x)))
    marks = [(p.start, p.end, "inc" if p.role == "incident" else "ctx") for p in ex.places]
    marks += [(*figure_span(a.body, c.start, c.end, c.count_text), "fig") for c in ex.claims]
    marks += [(m["start"], m["end"], "fig") for c in ex.claims for m in c.mentions]  # a figure's repeats
    st.markdown('<div class="legend meta"><mark class="inc">incident place</mark> &nbsp; '
                '<mark class="ctx">other place (context)</mark> &nbsp; <mark class="fig">casualty / loss figure</mark></div>',
                unsafe_allow_html=True)
    st.markdown(f'<div class="article">{article_html(a.body, marks)}</div>', unsafe_allow_html=True)
    if ex.claims:
        with st.expander(f"{len(ex.claims)} figure{'s' if len(ex.claims) != 1 else ''} in this article"):
            mine = data.claims[data.claims["article_id"] == chosen]
            figures = dict(zip(mine["claim_id"], mine["kind"] + " " + mine["figure"]))
            st.dataframe(mine.assign(
                claimant=lambda d: d["claimed_by"].map(lambda v: label("claimed_by", v)),
                side=lambda d: d["side"].map(lambda v: label("side", v)),
                repeated=lambda d: d["mentions"].map(len),  # the same figure stated again, elsewhere in the text
                breakdown_of=lambda d: d["part_of"].map(figures).fillna(""))[
                ["claimant", "side", "kind", "figure", "bound", "what", "scope", "repeated", "breakdown_of", "quote"]].rename(
                columns={"repeated": "repeated (times)", "breakdown_of": "breakdown of"}), hide_index=True,
                width="stretch", column_config={"quote": st.column_config.TextColumn("quote", width="large")})
    if ex.places:
        with st.expander(f"{len(ex.places)} place mention{'s' if len(ex.places) != 1 else ''}: how each was placed"):
            st.dataframe(pd.DataFrame([{
                "words": p.text, "place": p.name or "— not placed", "country": p.country, "precision": p.precision,
                "role": p.role, "confidence": p.confidence, "gazetteer": p.gazetteer, "why": p.reason or "",
            } for p in ex.places]), hide_index=True, width="stretch")
    for w in ex.warnings:
        st.caption(f"⚠ {md_plain(w)}")
    if editing:
        corrections_form(data.store, ex)

st.header("Add articles")
st.caption("Plain text or Markdown, optionally opening with a YAML front matter (title, url, outlet, language, "
           "published). " + ("What you add is stored: it is there after a reload or a restart"
                             + (" (you run the app on this machine with no sign-in: you are its editor)."
                                if editor_identity() == LOCAL_EDITOR else ", for everyone.") if editing else
                             "You are a viewer: what you add stays in this browser session only (nobody else sees "
                             "it, and it is gone when the session ends); download it below to keep it."))
for level, line in st.session_state.pop("ingest_report", []):
    getattr(st, level)(md_plain(line))
with st.form("paste"):  # not cleared: a paste that fails stays there to fix
    c1, c2 = st.columns([4, 1])
    title = c1.text_input("Title (optional)")
    language = c2.selectbox("Language", ["detect", *languages()], key="paste_language")
    text = st.text_area("Article text", height=180)
    pasted = st.form_submit_button("Extract")
# A new key once files are added empties the box, so they are not extracted again on the next click.
files = st.file_uploader("…or upload .txt / .md files", type=["txt", "md"], accept_multiple_files=True,
                         key=f"upload_files_{st.session_state.get('upload_round', 0)}")
uploaded = st.button("Extract the uploaded files", disabled=not files)

todo = []
if pasted:
    if text.strip():
        meta = {k: v for k, v in (("title", title), ("language", language if language != "detect" else "")) if v}
        front = "".join(f"{k}: {json.dumps(v)}\n" for k, v in meta.items())
        words = " ".join(re.sub(r"\A\s*---\n.*?\n---\n", "", text, flags=re.S).split())  # past any front matter
        todo.append((f"pasted: {title or words[:40]}",
                     ((f"---\n{front}---\n" if front else "") + text).encode("utf-8")))
    else:
        st.error("Pasted text: nothing to extract (the text box is empty).")
if uploaded:
    todo += [(f.name, f.getvalue()) for f in files]
try:
    extract = extractor()
except GeocoderConfigError as e:
    st.error(f"Online geocoding is switched on but cannot run: {e}. Articles are extracted offline.")
    extract = None
if hasattr(extract, "for_session"):  # online look-ups: this session's share of the process's rate
    extract = st.session_state.setdefault("session_extractor", extract.for_session())
budget = st.session_state.setdefault("extraction_budget", ExtractionBudget(
    int_setting("viewer_seconds", VIEWER_SECONDS), VIEWER_WINDOW))
if todo:
    bar = st.progress(0.0, text="Extracting…")
    added, report = [], []
    for i, (name, content) in enumerate(todo, 1):
        bar.progress((i - 1) / len(todo), text=f"Extracting {name} ({i} of {len(todo)})…")
        if editing:
            result = ingest_bytes(data.store, name, content, extractor=extract)
        elif refused := viewer_refusal(len(content), int_setting("viewer_max_bytes", VIEWER_MAX_BYTES), budget,
                                       time.monotonic()):
            result = IngestResult(name, "failed", error=refused)
        else:
            started = time.monotonic()
            ex, result = extract_upload(name, content, extractor=extract)
            budget.spend(time.monotonic(), time.monotonic() - started)
            if ex is not None:  # a re-upload replaces the same article; other uploads are kept
                st.session_state["uploads"] = [e for e in st.session_state.get("uploads", [])
                                               if e.article.id != ex.article.id] + [ex]
        if result.status == "failed":
            report.append(("error", result.line))
        elif result.status == "exists":
            report.append(("info", f"{name}: already stored (same text), nothing changed"))
        else:
            added.append((name, result.article_id))
            if result.error:
                report.append(("warning", result.line))
    bar.progress(1.0, text=f"Done: {len(added)} added, {sum(lvl == 'error' for lvl, _ in report)} failed")
    report.insert(0, ("success" if added else "info", f"{len(added)} of {len(todo)} added"
                      + (f": {', '.join(name for name, _ in added)}" if added else "")))
    st.session_state["ingest_report"] = report  # shown after the rerun below
    if added:
        if editing:
            shared_dataset.clear()
        st.session_state["show_article"] = added[-1][1]
    if uploaded:
        st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
    st.rerun()

mine = st.session_state.get("uploads") or []
if mine and not editing:
    st.download_button(f"Download what you added ({counted(len(mine), 'article')}, JSON Lines)",
                       lambda: "".join(json.dumps({**e.to_dict(), "article": e.article.to_dict(with_body=True)}, ensure_ascii=False)
                                       + "\n" for e in mine),
                       file_name="my_articles.jsonl", mime="application/jsonl", on_click="ignore")
