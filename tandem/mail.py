"""Mail that leaves only when the change that caused it is saved, email with an HTML part
and a plain-text part rendered from one template, and the links it carries.

Every absolute link in an email is built from TANDEM_SITE_URL, never from the host of the
request that caused it: a request may come in through an internal name or an address the
person reading the email cannot reach, and a forged Host header must not steer a
password link elsewhere."""

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, send_mail
from django.db import transaction
from django.template.loader import render_to_string

from tandem.accounts.models import User


def site_url(path: str = "/") -> str:
    """An absolute link to `path` on the site, from TANDEM_SITE_URL."""
    return settings.TANDEM_SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def on_site(url: str) -> str:
    """`url` with its scheme and host replaced by the site's (its path kept)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return site_url(path + (f"#{parts.fragment}" if parts.fragment else ""))


def site_domain() -> str:
    return urlsplit(settings.TANDEM_SITE_URL).netloc


def mail_on_commit(users: Iterable[User], subject: str, body: str) -> None:
    """Queue a plain-text email to `users` for when the surrounding transaction commits, so a
    rolled-back change never tells anyone it happened."""
    recipients = [user.email for user in users]
    if recipients:
        transaction.on_commit(
            lambda: send_mail(f"[Tandem] {subject}", body, None, recipients, fail_silently=True)
        )


class _PlainText(HTMLParser):
    """The plain-text part of an email, read from its HTML part, so both come from one
    template and cannot say different things: paragraphs and headings become blank-line
    separated blocks, list items "- " lines, and a link "its words: its address"."""

    BLOCKS = frozenset({"p", "h1", "h2", "h3", "ul", "ol", "div", "table", "tr", "footer"})
    SKIP = frozenset({"head", "style", "title", "script"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skipping = 0
        self.href: str | None = None
        self.link_text = ""

    def _break(self, blank: bool) -> None:
        while self.lines and not self.lines[-1].strip():
            self.lines.pop()
        self.lines += ["", ""] if blank else [""]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self._break(blank=True)
        elif tag == "li":
            self._break(blank=False)
            self.lines[-1] = "- "
        elif tag == "br":
            self._break(blank=False)
        elif tag == "a":
            self.href, self.link_text = dict(attrs).get("href"), ""

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self._break(blank=True)
        elif tag == "a" and self.href:
            words = self.link_text.strip()
            if not words:
                self.lines[-1] += self.href
            elif words != self.href:
                self.lines[-1] = f"{self.lines[-1].rstrip()}: {self.href} "
            self.href = None

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        text = " ".join(data.split())
        if not text:
            if data and self.lines[-1] and not self.lines[-1].endswith(" "):
                self.lines[-1] += " "
            return
        if data[:1].isspace() and self.lines[-1] and not self.lines[-1].endswith(" "):
            text = " " + text
        if data[-1:].isspace():
            text += " "
        self.lines[-1] += text
        if self.href is not None:
            self.link_text += text

    def text(self) -> str:
        lines = [line.rstrip() for line in self.lines]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def plain_text(html: str) -> str:
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    return parser.text()


def templated_message(
    *,
    to: list[str],
    subject: str,
    template_name: str,
    context: dict[str, Any],
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """An email with an HTML part and the plain-text part read from it (one template for
    both). The subject gets Tandem's prefix; links in the context must be absolute ones
    built on TANDEM_SITE_URL."""
    html = render_to_string(template_name, context)
    message = EmailMultiAlternatives(
        subject=f"[Tandem] {subject}", body=plain_text(html), to=to, headers=headers or {}
    )
    message.attach_alternative(html, "text/html")
    return message


def send_message(message: EmailMessage) -> None:
    """Send now (callers decide when: after their records are committed)."""
    message.send(fail_silently=False)
