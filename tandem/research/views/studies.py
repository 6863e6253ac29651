"""Studies: the list, a study's front page and a document."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from tandem.http import AuthenticatedHttpRequest
from tandem.research import policy
from tandem.research.models import Document


@require_GET
@login_required
def study_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    studies = policy.studies_for_user(request.user).select_related("organisation", "programme")
    context = {"studies": studies, "can_create": policy.can_create_study(request.user)}
    return render(request, "research/study_list.html", context)


@require_GET
@login_required
def study_detail(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid)
    context = {
        "study": study,
        "role": policy.team_role(request.user, study),
        "strands": study.strands.all(),
    }
    return render(request, "research/study_detail.html", context)


@require_GET
@login_required
def document_detail(
    request: AuthenticatedHttpRequest, study_uuid: UUID, document_uuid: UUID
) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.READ_DATA)
    document = get_object_or_404(
        Document.objects.select_related("participant", "participant__strand"),
        study=study,
        uuid=document_uuid,
    )
    return render(request, "research/document_detail.html", {"study": study, "document": document})
