"""The editor's corrections form: move a wrongly placed mention, or mark it as no incident."""
from __future__ import annotations

import streamlit as st

from geo.models import Extraction
from geo.store import CorrectionError, Store
from views.auth import editor_identity
from views.common import shared_dataset


@st.cache_resource
def _gazetteer():
    from geo.places.gazetteer import Gazetteer

    return Gazetteer.default()


def corrections_form(store: Store, ex: Extraction) -> None:
    mentions = [p for p in ex.places if p.role == "incident"]
    if not mentions:
        return
    with st.expander("Correct a place (editor)"):
        idx = st.selectbox("Mention", range(len(mentions)), key="corr_mention",
                           format_func=lambda i: f"“{mentions[i].text}” at {mentions[i].start} → {mentions[i].name or 'not placed'}")
        p = mentions[idx]
        action = st.radio("Correction", ["move", "not_incident"], horizontal=True, key="corr_action",
                          format_func=lambda a: {"move": "another place", "not_incident": "not an incident location"}[a])
        new = None
        if action == "move":
            name = st.text_input("Gazetteer name", key="corr_name")
            found = _gazetteer().lookup(name) if name.strip() else []
            if found:
                new = st.selectbox("Place", found, key="corr_entry",
                                   format_func=lambda e: f"{e.name} ({e.country or '—'}, {e.precision}, {e.lat:.3f}, {e.lon:.3f})")
            elif name.strip():
                st.caption("No gazetteer entry of that name.")
        note = st.text_input("Note (why)", key="corr_note")
        if st.button("Save correction", disabled=action == "move" and new is None, key="corr_save"):
            fields = dict(article_id=ex.article.id, action=action, who=editor_identity() or "editor", place_start=p.start,
                          place_end=p.end, note=note or None)
            if new is not None:
                fields.update(new_gazetteer=new.id, new_name=new.name, new_lat=new.lat, new_lon=new.lon,
                              new_country=new.country, new_precision=new.precision)
            try:
                store.add_correction(**fields)
            except CorrectionError as e:
                st.error(str(e))
                return
            shared_dataset.clear()
            st.rerun()
