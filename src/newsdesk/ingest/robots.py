"""robots.txt: fetched once per site through the same ``Fetcher`` (so the guard applies),
read with ``urllib.robotparser``, following RFC 9309: a missing file (4xx) allows all; a
file that cannot be had (5xx, network) disallows all until a later run."""

from __future__ import annotations

import threading
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from newsdesk.ingest.fetch import Fetcher
from newsdesk.model import Fetched, Rejected, RejectReason

_ROBOTS_PATH = "/robots.txt"


class RobotsRules:
    """Says whether a URL may be fetched by ``user_agent``; one robots.txt read per site."""

    def __init__(self, fetcher: Fetcher, user_agent: str) -> None:
        self._fetcher, self._agent = fetcher, user_agent
        self._sites: dict[str, RobotFileParser | str] = {}
        self._lock = threading.Lock()

    def refuse(self, url: str) -> str | None:
        """None when ``url`` may be fetched; otherwise why not, for people."""
        rules = self._rules(_site(url))
        if isinstance(rules, str):
            return rules
        if rules.can_fetch(self._agent, url):
            return None
        return "robots.txt of the site disallows it (sources add --ignore-robots overrides)"

    def _rules(self, site: str) -> RobotFileParser | str:
        with self._lock:
            if site not in self._sites:
                self._sites[site] = _read(self._fetcher.fetch(site + _ROBOTS_PATH))
            return self._sites[site]


def _read(answer: Fetched | Rejected) -> RobotFileParser | str:
    rules = RobotFileParser()
    if isinstance(answer, Rejected):
        # A missing file allows all; a refused address is refused again, and said so, when
        # the page itself is fetched.
        if answer.reason is RejectReason.BLOCKED_ADDRESS or (
                answer.reason is RejectReason.HTTP_ERROR and _status(answer).startswith("4")):
            rules.parse([])
            return rules
        return f"robots.txt could not be read, so nothing is fetched there ({answer.detail})"
    rules.parse(answer.body.decode("utf-8", errors="replace").splitlines())
    return rules


def _status(rejected: Rejected) -> str:
    """The status code of an HTTP error, whose detail the fetcher writes "HTTP 404 Not
    Found" (-> "404")."""
    words = rejected.detail.split()
    return words[1] if len(words) > 1 and words[0] == "HTTP" else ""


def _site(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))
