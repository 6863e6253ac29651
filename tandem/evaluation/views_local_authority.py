from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.evaluation.local_authority import schools_programmes
from tandem.evaluation.tables import MIN_GROUP_SIZE
from tandem.http import AuthenticatedHttpRequest
from tandem.organisations.policy import get_local_authority_for_user


@require_GET
@login_required
def schools_overview(request: AuthenticatedHttpRequest, organisation_uuid: UUID) -> HttpResponse:
    """A local authority's coordinators and leaders: their schools' programmes in outline."""
    authority = get_local_authority_for_user(request.user, organisation_uuid)
    context = {
        "authority": authority,
        "rows": schools_programmes(authority),
        "min_group_size": MIN_GROUP_SIZE,
    }
    return render(request, "evaluation/schools_overview.html", context)
