"""Who may see what in evaluation (DESIGN.md confidentiality model).

- Coordinators schedule surveys and see the health check, the at-risk list (metadata
  only), survey results and reports: aggregates, never who answered what.
- Organisation leaders of the programme's organisations see survey results and reports
  (aggregates only, small groups suppressed); not the health check's at-risk names.
- Participants answer the surveys they owe; people who can see the programme but have
  no part get 403; everyone else 404.
"""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tandem.accounts.models import User
from tandem.evaluation.models import Survey
from tandem.evaluation.selectors import audience_role
from tandem.organisations.models import Membership
from tandem.programmes.models import Programme
from tandem.programmes.policy import can_see_programme, get_programme_for_user, is_coordinator


def is_programme_leader(user: User | AnonymousUser, programme: Programme) -> bool:
    """A current leader of one of the programme's organisations."""
    return (
        user.is_authenticated
        and Membership.objects.current()
        .filter(
            user=user,
            access=Membership.Access.LEADER,
            organisation__in=programme.organisations.all(),
        )
        .exists()
    )


def get_programme_to_evaluate(
    user: User | AnonymousUser, programme_uuid: UUID, *, aggregates_only: bool = False
) -> Programme:
    """Coordinators always; leaders too when the page shows aggregates only; else 403/404."""
    programme = get_programme_for_user(user, programme_uuid)
    if is_coordinator(user, programme):
        return programme
    if aggregates_only and is_programme_leader(user, programme):
        return programme
    raise PermissionDenied


def get_survey_for_user(
    user: User | AnonymousUser, survey_uuid: UUID | str, *, aggregates_only: bool = True
) -> Survey:
    survey = Survey.objects.select_related("programme").filter(uuid=survey_uuid).first()
    if survey is None or not can_see_programme(user, survey.programme):
        raise Http404
    get_programme_to_evaluate(user, survey.programme.uuid, aggregates_only=aggregates_only)
    return survey


def get_survey_to_answer(user: User | AnonymousUser, survey_uuid: UUID | str) -> tuple[Survey, str]:
    """The survey and the role the user answers it in; 404 unless they are in its audience."""
    survey = Survey.objects.select_related("programme").filter(uuid=survey_uuid).first()
    if survey is None or not user.is_authenticated:
        raise Http404
    role = audience_role(user, survey)
    if role is None:
        raise Http404
    return survey, role
