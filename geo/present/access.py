"""Who may edit, how often a password may be tried, how much a viewer may extract: pure decisions.

Run locally with no sign-in configured, the one user is the editor (``local_editor``): what they
paste or upload is stored and is there after a reload or a restart. Local means both ends of the
connection are this machine: the browser connects from a loopback address (Streamlit gives none for
a loopback connection) and asks for a loopback host (a proxy in front of a hosted app passes the
app's domain as Host; a forged Host from elsewhere comes with that client's address). Anywhere else
a viewer's additions stay in their session. ``GEODASH_LOCAL_EDITOR`` (1 / 0) overrides the guess.

The dashboard (views/auth.py, app_pages/articles.py) holds the state, one ``PasswordThrottle`` per
process (a new session costs an attacker nothing) and one ``ExtractionBudget`` per viewer session.
"""
from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Mapping


def oidc_editor(user: Mapping, allowed: Iterable[str] | None) -> str | None:
    """The email that an OpenID Connect user edits under, or None.

    Only a verified email identifies anyone: ``name`` is whatever the user typed at the provider.
    With no ``allowed`` list every verified user of the provider edits (the host is warned, see
    ``open_editing_warning``)."""
    email = user.get("email")
    if not user.get("is_logged_in") or not isinstance(email, str) or not email.strip():
        return None
    if user.get("email_verified") is not True:
        return None
    allowed = {str(e).strip().lower() for e in allowed or ()}
    return email.strip() if not allowed or email.strip().lower() in allowed else None


def open_editing_warning(providers: list, allowed) -> str | None:
    """What the host must read at start-up when signing in alone makes an editor."""
    if providers and not allowed:
        return ("geodash: OpenID Connect sign-in is configured without `editor_emails`: EVERY user who can "
                "sign in with the provider is an editor and writes to the shared store. Set editor_emails "
                "in the secrets to name who may edit.")
    return None


class PasswordThrottle:
    """Wrong passwords, process-wide: ``free`` tries, then each try waits twice as long as the one
    before (up to ``longest`` seconds), until a right one, or ``forget_after`` seconds without tries."""

    def __init__(self, free: int = 5, first_wait: float = 10.0, longest: float = 600.0, forget_after: float = 3600.0):
        self.free, self.first_wait, self.longest, self.forget_after = free, first_wait, longest, forget_after
        self._failures = 0
        self._last = float("-inf")
        self._lock = threading.Lock()

    def wait(self, now: float) -> float:
        """Seconds before the next try is looked at (0: now)."""
        with self._lock:
            if now - self._last > self.forget_after:
                self._failures = 0
            if self._failures < self.free:
                return 0.0
            delay = min(self.longest, self.first_wait * 2 ** (self._failures - self.free))
            return max(0.0, self._last + delay - now)

    def failed(self, now: float) -> None:
        with self._lock:
            self._failures += 1
            self._last = now

    def succeeded(self) -> None:
        with self._lock:
            self._failures = 0


class ExtractionBudget:
    """Seconds of extraction one viewer session may use within a sliding ``window`` of seconds."""

    def __init__(self, seconds: float = 60.0, window: float = 600.0):
        self.seconds, self.window = seconds, window
        self._spent: deque[tuple[float, float]] = deque()  # (when it ended, seconds it took)

    def left(self, now: float) -> float:
        while self._spent and self._spent[0][0] < now - self.window:
            self._spent.popleft()
        return self.seconds - sum(s for _, s in self._spent)

    def spend(self, now: float, seconds: float) -> None:
        self._spent.append((now, seconds))


VIEWER_MAX_BYTES = 200_000  # a viewer's paste or upload; editors have the ingest limit (2 MB)
VIEWER_SECONDS = 60.0  # seconds of extraction a viewer session may use ...
VIEWER_WINDOW = 600.0  # ... within any ten minutes


def viewer_refusal(size: int, max_bytes: int, budget: ExtractionBudget, now: float) -> str | None:
    """Why a viewer's text is not extracted (too long, or the session's time used up); None: go on."""
    if size > max_bytes:
        return f"too long: {size:,} bytes, the limit for a viewer is {max_bytes:,} (an editor can add it)"
    if budget.left(now) <= 0:
        return (f"not extracted: this session has used its {budget.seconds:g} s of extraction for "
                f"{budget.window / 60:g} minutes; try again later")
    return None


LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
LOOPBACK_IPS = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})
LOCAL_EDITOR = "local user"


def host_name(host_header: str | None) -> str:
    """The name in an HTTP Host header, without its port: "localhost:8501" → "localhost"."""
    host = (host_header or "").strip().lower()
    if host.startswith("["):  # [::1]:8501
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def local_editor(host_header: str | None, client_ip: str | None, sign_in_configured: bool,
                 override: str | None = None) -> bool:
    """Is this request the local user's, who edits without signing in?"""
    if override is not None and override.strip():
        return override.strip().lower() in ("1", "true", "yes", "on")
    return not sign_in_configured and host_name(host_header) in LOCAL_HOSTS and (client_ip is None or client_ip in LOOPBACK_IPS)
