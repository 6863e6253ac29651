"""Tandem's versions of allauth's account forms (ACCOUNT_FORMS in settings)."""

from typing import Any

from allauth.account.forms import LoginForm as AllauthLoginForm


class LoginForm(AllauthLoginForm):
    """allauth's sign-in form without the password's help text: the sign-in page links to
    the password reset itself, and the widget would otherwise point aria-describedby at a
    help text the page never shows."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "password" in self.fields:
            self.fields["password"].help_text = ""
