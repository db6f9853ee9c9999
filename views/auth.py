"""Sign-in for editors: OpenID Connect (st.login) and/or a password, from st.secrets.

The decisions are geo.present.access's; here is their state (one password throttle per process, as
a new session costs an attacker nothing) and the sidebar.
"""
from __future__ import annotations

import hmac
import logging
import os
import sys
import time

import streamlit as st

from geo.present.access import LOCAL_EDITOR, PasswordThrottle, local_editor, oidc_editor, open_editing_warning
from geo.present.escape import md_plain
from views.common import secret

log = logging.getLogger("geodash")


def _secret_section(name: str):
    """A table (or list) from st.secrets, or None."""
    try:
        return st.secrets.get(name)
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return None


def login_providers() -> list[str | None]:
    """OIDC providers configured in st.secrets["auth"] for st.login: named ones ([auth.NAME] tables),
    else [None] for a single provider given in [auth] itself; [] when none is configured."""
    auth = _secret_section("auth")
    if not auth:
        return []
    named = [k for k, v in auth.items() if hasattr(v, "keys")]
    return named or ([None] if "client_id" in auth else [])


@st.cache_resource
def _password_throttle() -> PasswordThrottle:
    return PasswordThrottle()


@st.cache_resource
def warn_host() -> None:
    """What the host must know about edit rights, once per process, on standard error and in the log."""
    message = open_editing_warning(login_providers(), _secret_section("editor_emails"))
    if message:
        print(f"\n{'!' * 100}\n{message}\n{'!' * 100}\n", file=sys.stderr, flush=True)
        log.warning(message)


def editor_identity() -> str | None:
    """Who is editing, for the record (corrections' ``who``); None for a viewer.

    An OIDC user signed in with st.login edits under their verified email, when st.secrets["editor_emails"]
    lists it or no such list is set (then the provider decides who can sign in, and the host is warned).
    A password editor is recorded under the name they gave.
    """
    if login_providers():
        who = oidc_editor(st.user, _secret_section("editor_emails"))
        if who:
            return who
    return st.session_state.get("editor") or local_user()


def local_user() -> str | None:
    """The person running the app on this machine with no sign-in configured: the editor
    (geo.present.access.local_editor)."""
    configured = bool(secret("editor_password") or login_providers())
    if local_editor(st.context.headers.get("Host"), st.context.ip_address, configured,
                    os.environ.get("GEODASH_LOCAL_EDITOR")):
        return LOCAL_EDITOR
    return None


def is_editor() -> bool:
    return editor_identity() is not None


def editor_login() -> None:
    """Sidebar sign-in for editors: st.login with each configured OIDC provider and/or a password
    (st.secrets["editor_password"]). Nothing is shown when neither is configured: everyone is a viewer."""
    password, providers = secret("editor_password"), login_providers()
    if not password and not providers:
        return
    with st.sidebar:
        st.subheader("Editing")
        who = editor_identity()
        if who:
            st.success(f"Editing as {md_plain(who)}")
            if st.button("Stop editing"):
                if st.session_state.get("editor"):
                    st.session_state["editor"] = None
                    st.rerun()
                st.logout()
            return
        if st.user.get("is_logged_in"):
            st.caption(f"Signed in as {md_plain(st.user.get('email') or st.user.get('name'))}: not an editor"
                       + ("" if st.user.get("email_verified") is True else " (no verified email)") + ".")
        for provider in providers:
            if st.button(f"Sign in{f' with {provider}' if provider else ''} to edit", key=f"login_{provider or 'default'}"):
                if provider:
                    st.login(provider)
                else:
                    st.login()
        if password:
            _password_form(password)


def _password_form(password: str) -> None:
    with st.form("editor_login"):
        name = st.text_input("Your name (recorded with your edits)", max_chars=80)
        given = st.text_input("Editor password", type="password", max_chars=200)
        if st.form_submit_button("Enable editing"):
            throttle, now = _password_throttle(), time.monotonic()
            wait = throttle.wait(now)
            if wait > 0:
                st.error(f"Too many wrong passwords: try again in {wait:.0f} s.")
            elif hmac.compare_digest(given.encode(), password.encode()):
                throttle.succeeded()
                st.session_state["editor"] = f"{' '.join(name.split()) or 'editor'} (password)"
                st.rerun()
            else:
                throttle.failed(now)
                st.error("Wrong password.")
