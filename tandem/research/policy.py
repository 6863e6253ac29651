"""Who may see or change a study.

A study's data (transcripts, codes, memos) is seen by its research team only:
- leads set the study up, invite participants, import and review documents, manage the
  team and the codebook, and export;
- coders code documents, write memos and build themes;
- readers see the findings (themes, method, frequencies, reliability), never transcripts.
Participants see their own participation (consent, what was collected) and may withdraw.
Nobody else learns the study exists (404). Organisation leaders and programme
coordinators are not thereby on the team: research data is not management information.
"""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from tandem.accounts.models import User
from tandem.organisations.models import Membership, Organisation
from tandem.research.models import (
    Code,
    CodedSegment,
    CodingPass,
    Document,
    Memo,
    Participant,
    Study,
    StudyMember,
    TeamRole,
)
from tandem.teams import TeamPolicy

# What each role may do, from least to most.
READ_FINDINGS = "findings"
READ_DATA = "data"
CODE = "code"
MANAGE = "manage"

ROLE_ABILITIES: dict[str, set[str]] = {
    TeamRole.READER: {READ_FINDINGS},
    TeamRole.CODER: {READ_FINDINGS, READ_DATA, CODE},
    TeamRole.LEAD: {READ_FINDINGS, READ_DATA, CODE, MANAGE},
}


def _role_of(user: User, study: Study) -> str | None:
    return StudyMember.objects.filter(study=study, user=user).values_list("role", flat=True).first()


TEAM = TeamPolicy[Study](
    abilities=ROLE_ABILITIES,
    role_of=_role_of,
    refusal="You are not on this study's research team with the right role for this.",
)
team_role = TEAM.role
can = TEAM.can
require = TEAM.require  # the services' guard


def get_study_for_user(
    user: User | AnonymousUser, study_uuid: UUID, *, ability: str = READ_FINDINGS
) -> Study:
    """404 unless the user is on the study's team; 403 if their role lacks the ability."""
    study = (
        Study.objects.select_related("organisation", "programme", "partnership")
        .filter(uuid=study_uuid)
        .first()
    )
    if study is None:
        raise Http404
    TEAM.check(user, study, ability)
    return study


def studies_for_user(user: User) -> "QuerySet[Study]":
    return Study.objects.filter(team__user=user).distinct()


def get_participation_for_user(user: User | AnonymousUser, participant_uuid: UUID) -> Participant:
    """A participant's own record of taking part (to consent or withdraw)."""
    if not user.is_authenticated:
        raise Http404
    participant = (
        Participant.objects.select_related("study", "strand")
        .filter(uuid=participant_uuid, user=user)
        .first()
    )
    if participant is None:
        raise Http404
    return participant


def organisations_for_new_study(user: User) -> "QuerySet[Organisation]":
    """Organisations a study may be set up for: those the user leads or coordinates in."""
    return Organisation.objects.filter(
        memberships__in=Membership.objects.current().filter(
            user=user, access__in=[Membership.Access.COORDINATOR, Membership.Access.LEADER]
        )
    ).distinct()


def can_create_study(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and organisations_for_new_study(user).exists()


# ---- rscoding: the codebook, coding, passes and memos ----
# The codebook (code names, descriptions, levels and counts) names nobody and quotes
# nothing, so it is a finding: readers see it. A code's page lists its quotes and memos,
# which are data: the coders and leads only. Changing the codebook and coding need CODE;
# a coder corrects only their own segments and passes, an author only their own memos.


def get_code_for_user(
    user: User | AnonymousUser, study_uuid: UUID, code_uuid: UUID, *, ability: str = READ_DATA
) -> "tuple[Study, Code]":
    study = get_study_for_user(user, study_uuid, ability=ability)
    code = Code.objects.filter(study=study, uuid=code_uuid).first()
    if code is None:
        raise Http404
    return study, code


def get_document_for_coder(
    user: User | AnonymousUser, study_uuid: UUID, document_uuid: UUID
) -> "tuple[Study, Document]":
    study = get_study_for_user(user, study_uuid, ability=CODE)
    document = (
        Document.objects.select_related("participant", "participant__strand")
        .filter(study=study, uuid=document_uuid)
        .first()
    )
    if document is None:
        raise Http404
    return study, document


def get_segment_for_coder(
    user: User | AnonymousUser, study_uuid: UUID, segment_uuid: UUID
) -> "tuple[Study, CodedSegment]":
    """The coder's own segment: another coder's is theirs to correct (403)."""
    study = get_study_for_user(user, study_uuid, ability=CODE)
    segment = (
        CodedSegment.objects.select_related("document", "code", "coder")
        .filter(document__study=study, uuid=segment_uuid)
        .first()
    )
    if segment is None:
        raise Http404
    if segment.coder_id != user.pk:
        raise PermissionDenied
    return study, segment


def get_pass_for_coder(
    user: User | AnonymousUser, study_uuid: UUID, pass_uuid: UUID
) -> "tuple[Study, CodingPass]":
    study = get_study_for_user(user, study_uuid, ability=CODE)
    coding_pass = CodingPass.objects.filter(study=study, uuid=pass_uuid).first()
    if coding_pass is None:
        raise Http404
    if coding_pass.coder_id != user.pk:
        raise PermissionDenied
    return study, coding_pass


def get_memo_for_user(
    user: User | AnonymousUser, study_uuid: UUID, memo_uuid: UUID, *, write: bool = False
) -> "tuple[Study, Memo]":
    """Coders and leads read a study's memos; only the author changes one (403)."""
    study = get_study_for_user(user, study_uuid, ability=CODE if write else READ_DATA)
    memo = Memo.objects.filter(study=study, uuid=memo_uuid).first()
    if memo is None:
        raise Http404
    if write and memo.author_id != user.pk:
        raise PermissionDenied
    return study, memo
