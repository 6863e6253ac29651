"""Who may see or revoke an API token: its owner only; everyone else gets 404."""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from tandem.accounts.models import User
from tandem.api.models import ApiToken


def get_token_for_user(user: User | AnonymousUser, token_uuid: UUID) -> ApiToken:
    token = ApiToken.objects.filter(uuid=token_uuid).first()
    if token is None or not user.is_authenticated or token.user_id != user.pk:
        raise Http404
    return token
