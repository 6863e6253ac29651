"""Background work for accounts: the invitations of a large staff import."""

from django_tasks import task

from tandem.accounts import invitations


@task()
def email_invitations(user_ids: list[int], actor_id: int, organisation_name: str) -> int:
    return invitations.email_invitations(
        user_ids=user_ids, actor_id=actor_id, organisation_name=organisation_name
    )
