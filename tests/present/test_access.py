"""Edit rights, password throttling and viewers' extraction budget (geo.present.access)."""
from geo.present.access import (ExtractionBudget, PasswordThrottle, host_name, local_editor, oidc_editor,
                                open_editing_warning)

VERIFIED = {"is_logged_in": True, "email": "Ed@Example.org", "email_verified": True}


def test_only_a_verified_email_on_the_list_edits():
    assert oidc_editor(VERIFIED, ["ed@example.org"]) == "Ed@Example.org"
    assert oidc_editor(VERIFIED, ["ada@example.org"]) is None
    assert oidc_editor({**VERIFIED, "email_verified": False}, None) is None
    assert oidc_editor({**VERIFIED, "email_verified": "true"}, None) is None  # a string is not the provider's True
    assert oidc_editor({"is_logged_in": True, "name": "ed@example.org", "email_verified": True}, None) is None
    assert oidc_editor({**VERIFIED, "is_logged_in": False}, None) is None
    assert oidc_editor(VERIFIED, None) == "Ed@Example.org"  # no list: anyone the provider lets in...


def test_open_editing_is_announced():
    assert "EVERY user" in open_editing_warning([None], None)  # ...and the host is told
    assert open_editing_warning([None], ["ed@example.org"]) is None and open_editing_warning([], None) is None


def test_password_throttle_doubles_the_wait_then_forgets():
    t = PasswordThrottle(free=3, first_wait=2, longest=10, forget_after=100)
    for now in (0, 1, 2):
        assert t.wait(now) == 0
        t.failed(now)
    assert t.wait(2) == 2 and t.wait(4) == 0
    t.failed(4)
    assert t.wait(4) == 4
    for now in range(5, 12):
        t.failed(now)
    assert t.wait(11) == 10  # never longer than ``longest``
    assert t.wait(200) == 0  # an hour of quiet: forgotten
    t.failed(201)
    t.succeeded()
    assert t.wait(201) == 0


def test_extraction_budget_is_a_sliding_window():
    b = ExtractionBudget(seconds=10, window=60)
    b.spend(0, 6)
    b.spend(30, 5)
    assert b.left(31) == -1
    assert b.left(61) == 5  # the first is out of the window


def test_viewer_refusal_says_too_long_or_out_of_time():
    from geo.present.access import viewer_refusal

    b = ExtractionBudget(seconds=10, window=60)
    assert viewer_refusal(100, 1000, b, 0) is None
    assert "too long: 1,001 bytes, the limit for a viewer is 1,000" in viewer_refusal(1001, 1000, b, 0)
    b.spend(1, 10)
    assert "used its 10 s" in viewer_refusal(100, 1000, b, 2)

def test_host_names():
    assert host_name("localhost:8501") == "localhost" and host_name("127.0.0.1") == "127.0.0.1"
    assert host_name("[::1]:8501") == "[::1]" and host_name("my-app.streamlit.app") == "my-app.streamlit.app"
    assert host_name(None) == ""


def test_the_local_user_edits_only_without_sign_in_and_on_this_machine():
    assert local_editor("localhost:8501", "127.0.0.1", sign_in_configured=False)
    assert local_editor("127.0.0.1:8611", "::1", sign_in_configured=False)
    assert not local_editor("localhost:8501", "127.0.0.1", sign_in_configured=True)
    assert not local_editor("geodash.example.org", "127.0.0.1", sign_in_configured=False)  # behind a proxy
    assert not local_editor("localhost:8501", "203.0.113.7", sign_in_configured=False)  # a forged Host
    assert local_editor("localhost:8501", None, sign_in_configured=False)  # Streamlit: no address on loopback
    assert not local_editor(None, None, sign_in_configured=False)
    assert local_editor("geodash.example.org", None, True, override="1")
    assert not local_editor("localhost", "127.0.0.1", False, "0")
