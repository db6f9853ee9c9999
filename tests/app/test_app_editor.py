"""AppTest of edit rights: viewers read and filter but never write the shared store; an editor (password or
OIDC sign-in through st.login) adds articles and corrections there, recorded under their identity."""
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import geo.present.dataset
from geo.store import open_store
from ui_fixtures import APP, sample_extractions

ARTICLE = "a3b341a600b6c764"


@pytest.fixture
def store_app(monkeypatch, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    for ex in sample_extractions():
        store.add(ex)
    monkeypatch.setattr(geo.present.dataset, "load_dataset", lambda *a, **k: geo.present.dataset.Dataset(store.extractions(), store))
    st.cache_resource.clear()

    def make(password="s3cret", auth=None, user=None, editor_emails=None):
        at = AppTest.from_file(str(APP), default_timeout=60)
        if password:
            at.secrets["editor_password"] = password
        if auth:
            at.secrets["auth"] = auth
        if editor_emails is not None:
            at.secrets["editor_emails"] = editor_emails
        if user is not None:
            at.user = user
        at.switch_page("app_pages/articles.py")
        at.query_params["article"] = ARTICLE
        return at

    yield make, store
    st.cache_resource.clear()


AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "dashboard", "client_secret": "y", "server_metadata_url": "https://id.example.org/.well-known/openid-configuration"}


def _login(at, password, name=""):
    at.sidebar.text_input[0].input(name)
    at.sidebar.text_input[1].input(password)
    at.sidebar.button[0].click().run()


def _mark_goris_not_incident(at):
    mentions = at.selectbox(key="corr_mention")
    goris = next(o for o in mentions.options if o.startswith("“Goris”"))
    mentions.select(goris).run()
    at.radio(key="corr_action").set_value("not_incident").run()
    at.button(key="corr_save").click().run()


def test_wrong_password_gives_no_editing(store_app):
    make, _ = store_app
    at = make().run()
    _login(at, "nope")
    assert any("Wrong password" in e.value for e in at.error)
    assert not any("Correct a place" in e.label for e in at.expander)


def test_editor_marks_a_mention_as_no_incident_for_everyone(store_app):
    make, store = store_app
    at = make().run()
    _login(at, "s3cret", name="Ada")
    assert not at.exception and any("Correct a place" in e.label for e in at.expander)
    assert any("Editing as Ada \\(password\\)" in s.value for s in at.sidebar.success)
    _mark_goris_not_incident(at)
    assert not at.exception
    assert [(c.action, c.who) for c in store.corrections(ARTICLE)] == [("not_incident", "Ada (password)")]
    viewer = AppTest.from_file(str(APP), default_timeout=60).run()  # the map, in another session
    locs = viewer.dataframe[0].value.set_index("place")
    assert locs.loc["Goris", "reports"] == 1  # only the other article's report remains there


def test_viewer_reads_and_filters_but_never_writes(store_app):
    make, store = store_app
    before = store.counts()
    at = make().run()
    assert not any("Correct a place" in e.label for e in at.expander)
    at.text_area[0].input("Il ministero della Difesa armeno ha detto che due soldati sono stati uccisi vicino a Goris.")
    at.selectbox(key="paste_language").set_value("it")
    at.main.button[0].click().run()  # the paste form's "Extract"
    assert not at.exception
    assert list(at.dataframe[0].value.Added).count("this session") == 1  # seen by this viewer only
    assert store.counts() == before
    assert any("stays in this browser session only" in c.value for c in at.caption)  # said where they add it
    assert any(b.proto.label.startswith("Download what you added (1 article")
               for b in at.get("download_button"))  # and theirs to keep


def test_oidc_editor_is_recorded_by_email(store_app):
    make, store = store_app
    at = make(password=None, auth=AUTH, user={"is_logged_in": True, "email": "ed@example.org",
                                               "email_verified": True}).run()
    assert not at.exception
    assert any("Editing as ed@example.org" in s.value for s in at.sidebar.success)
    _mark_goris_not_incident(at)
    assert [c.who for c in store.corrections(ARTICLE)] == ["ed@example.org"]


def test_oidc_user_not_on_the_editor_list_is_a_viewer(store_app):
    make, _ = store_app
    at = make(password=None, auth=AUTH, user={"is_logged_in": True, "email": "someone@example.org"},
              editor_emails=["ed@example.org"]).run()
    assert not at.exception
    assert not any("Correct a place" in e.label for e in at.expander)
    assert any("not an editor" in c.value for c in at.sidebar.caption)


def test_signed_out_sees_a_sign_in_button(store_app):
    make, _ = store_app
    at = make(password=None, auth=AUTH, user={"is_logged_in": False}).run()
    assert not at.exception
    assert [b.label for b in at.sidebar.button] == ["Sign in to edit"]
    assert not any("Correct a place" in e.label for e in at.expander)


@pytest.mark.parametrize("user", [
    {"is_logged_in": True, "email": "ed@example.org"},  # the provider did not verify it
    {"is_logged_in": True, "email": "ed@example.org", "email_verified": False},
    {"is_logged_in": True, "name": "ed@example.org", "email_verified": True},  # a name is what the user typed
])
def test_oidc_user_without_a_verified_email_is_a_viewer(store_app, user):
    make, _ = store_app
    at = make(password=None, auth=AUTH, user=user, editor_emails=["ed@example.org"]).run()
    assert not at.exception
    assert not any("Correct a place" in e.label for e in at.expander)


def test_oidc_without_an_editor_list_warns_the_host_loudly(store_app, capsys):
    make, _ = store_app
    make(password=None, auth=AUTH, user={"is_logged_in": False}).run()
    assert "EVERY user who can sign in with the provider is an editor" in capsys.readouterr().err


def test_password_guessing_is_slowed_for_every_session(store_app):
    make, _ = store_app
    for _ in range(5):
        at = make().run()  # a new session each time: the throttle is the process's
        _login(at, "guess")
        assert any("Wrong password" in e.value for e in at.error)
    at = make().run()
    _login(at, "s3cret", name="Ada")  # even the right one waits its turn
    assert any("Too many wrong passwords" in e.value for e in at.error)
    assert not any("Correct a place" in e.label for e in at.expander)
