from django.urls import path

from tandem.accounts.sso import microsoft_callback
from tandem.accounts.views import session_extend

# Mounted under accounts/ ahead of allauth's own URLs: Microsoft's callback goes through
# Tandem's adapter, which keeps the ID token's claims that single sign-on checks.
urlpatterns = [
    path("microsoft/login/callback/", microsoft_callback, name="microsoft_callback"),
    # "Stay signed in" from the warning before a session ends (WCAG 2.2.1).
    path("session/extend/", session_extend, name="session-extend"),
]
