"""Studies: the list, setting up a study (team, strands, participants), its data (import,
review of pseudonyms, correction) and a participant's own page of research they take part in."""

from collections.abc import Callable
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest
from tandem.research import policy
from tandem.research.forms import studies as forms
from tandem.research.models import Document, Participant, Strand, Study, StudyMember
from tandem.research.services import importing, pseudonyms, studies

GET_POST = require_http_methods(["GET", "POST"])


def _confirm_then(
    request: AuthenticatedHttpRequest,
    study: Study,
    *,
    act: Callable[[], object],
    done: str,
    back: str,
    question: str,
    explanation: str | Callable[[], str],
    action: str,
) -> HttpResponse:
    """Ask first, then act: GET shows the question and what will happen, POST acts (a
    refusal's reasons are shown) and goes back to the `back` page of the study."""
    if request.method == "POST":
        try:
            act()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return redirect(back, study_uuid=study.uuid)
    context = {
        "study": study,
        "title": question,
        "explanation": explanation() if callable(explanation) else explanation,
        "action": action,
        "back": back,
    }
    return render(request, "research/rsdata/confirm.html", context)


@require_GET
@login_required
def study_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    studies_ = policy.studies_for_user(request.user).select_related("organisation", "programme")
    context = {
        "studies": studies_,
        "can_create": policy.can_create_study(request.user),
        "taking_part": studies.my_participations(request.user).exists(),
    }
    return render(request, "research/study_list.html", context)


@require_GET
@login_required
def study_detail(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid)
    role = policy.team_role(request.user, study)
    can_read_data = policy.can(request.user, study, policy.READ_DATA)
    documents = (
        study.documents.select_related("participant", "participant__strand")
        if can_read_data
        else Document.objects.none()
    )
    context = {
        "study": study,
        "role": role,
        "is_lead": role == StudyMember.Role.LEAD,
        "can_read_data": can_read_data,
        "strands": study.strands.all(),
        "team": study.team.select_related("user"),
        "documents": documents,
        "num_participants": study.participants.filter(consent=Participant.Consent.GIVEN).count(),
        "status_form": forms.StatusForm(),
        "next_statuses": [
            (value, Study.Status(value).label) for value in studies.TRANSITIONS[study.status]
        ],
    }
    return render(request, "research/study_detail.html", context)


@GET_POST
@login_required
def study_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_create_study(request.user):
        raise Http404
    form = forms.StudyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            study = studies.create_study(actor=request.user, fields=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, f"Study “{study.title}” set up. Add its strands and team next."
            )
            return redirect(study)
    return render(request, "research/rsdata/study_form.html", {"form": form})


@GET_POST
@login_required
def study_edit(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.MANAGE)
    form = forms.StudyForm(request.POST or None, instance=study, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "organisation"}
        try:
            studies.edit_study(actor=request.user, study=study, fields=fields)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Study saved.")
            return redirect(study)
    return render(request, "research/rsdata/study_form.html", {"form": form, "study": study})


@require_POST
@login_required
def study_status(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.MANAGE)
    form = forms.StatusForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Choose a stage.")
        studies.change_status(actor=request.user, study=study, status=form.cleaned_data["status"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The study is now “{study.get_status_display()}”.")
    return redirect(study)


# ---- team -------------------------------------------------------------------------------


@GET_POST
@login_required
def team(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.MANAGE)
    form = forms.MemberForm(request.POST or None, study=study)
    if request.method == "POST" and form.is_valid():
        try:
            member = studies.add_member(actor=request.user, study=study, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{member.user.full_name} added to the team.")
            return redirect("research:team", study_uuid=study.uuid)
    members = study.team.select_related("user")
    context = {"study": study, "form": form, "members": members, "roles": StudyMember.Role.choices}
    return render(request, "research/rsdata/team.html", context)


def _member(request: AuthenticatedHttpRequest, study_uuid: UUID, member_uuid: UUID) -> StudyMember:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.MANAGE)
    return get_object_or_404(
        StudyMember.objects.select_related("user", "study"), study=study, uuid=member_uuid
    )


@require_POST
@login_required
def member_role(
    request: AuthenticatedHttpRequest, study_uuid: UUID, member_uuid: UUID
) -> HttpResponse:
    member = _member(request, study_uuid, member_uuid)
    form = forms.RoleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Choose a role.")
        studies.change_role(actor=request.user, member=member, role=form.cleaned_data["role"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{member.user.full_name} is now {member.get_role_display().lower()}."
        )
    return redirect("research:team", study_uuid=study_uuid)


@GET_POST
@login_required
def member_remove(
    request: AuthenticatedHttpRequest, study_uuid: UUID, member_uuid: UUID
) -> HttpResponse:
    member = _member(request, study_uuid, member_uuid)
    return _confirm_then(
        request,
        member.study,
        act=lambda: studies.remove_member(actor=request.user, member=member),
        done=f"{member.user.full_name} removed from the team.",
        back="research:team",
        question=f"Remove {member.user.full_name} from the team?",
        explanation=(
            "They will no longer see the study. Passages they coded and memos they wrote stay, in "
            "their name."
        ),
        action="Remove from the team",
    )


# ---- strands ----------------------------------------------------------------------------


@GET_POST
@login_required
def strands(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.MANAGE)
    form = forms.StrandForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            strand = studies.add_strand(actor=request.user, study=study, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Strand “{strand.name}” added.")
            return redirect("research:strands", study_uuid=study.uuid)
    return render(
        request,
        "research/rsdata/strands.html",
        {"study": study, "form": form, "strands": study.strands.all()},
    )


def _strand(request: AuthenticatedHttpRequest, study_uuid: UUID, strand_uuid: UUID) -> Strand:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.MANAGE)
    return get_object_or_404(Strand.objects.select_related("study"), study=study, uuid=strand_uuid)


@GET_POST
@login_required
def strand_edit(
    request: AuthenticatedHttpRequest, study_uuid: UUID, strand_uuid: UUID
) -> HttpResponse:
    strand = _strand(request, study_uuid, strand_uuid)
    initial = {"name": strand.name, "description": strand.description}
    form = forms.StrandForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            studies.rename_strand(actor=request.user, strand=strand, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Strand saved.")
            return redirect("research:strands", study_uuid=study_uuid)
    return render(
        request,
        "research/rsdata/strand_form.html",
        {"study": strand.study, "strand": strand, "form": form},
    )


@require_POST
@login_required
def strand_move(
    request: AuthenticatedHttpRequest, study_uuid: UUID, strand_uuid: UUID
) -> HttpResponse:
    strand = _strand(request, study_uuid, strand_uuid)
    form = forms.MoveForm(request.POST)
    if form.is_valid():
        studies.move_strand(
            actor=request.user, strand=strand, up=form.cleaned_data["direction"] == "up"
        )
        messages.success(request, f"Strand “{strand.name}” moved {form.cleaned_data['direction']}.")
    return redirect("research:strands", study_uuid=study_uuid)


@GET_POST
@login_required
def strand_remove(
    request: AuthenticatedHttpRequest, study_uuid: UUID, strand_uuid: UUID
) -> HttpResponse:
    strand = _strand(request, study_uuid, strand_uuid)
    return _confirm_then(
        request,
        strand.study,
        act=lambda: studies.remove_strand(actor=request.user, strand=strand),
        done=f"Strand “{strand.name}” removed.",
        back="research:strands",
        question=f"Remove the strand “{strand.name}”?",
        explanation="Only an empty strand can be removed.",
        action="Remove the strand",
    )


# ---- participants -----------------------------------------------------------------------


@GET_POST
@login_required
def participants(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.MANAGE)
    is_outside = request.POST.get("form") == "outside"
    invite = forms.InviteForm(
        None if is_outside else request.POST or None, study=study, prefix="invite"
    )
    outside = forms.OutsideParticipantForm(
        request.POST if is_outside else None, study=study, prefix="outside"
    )
    form = outside if is_outside else invite
    if request.method == "POST" and form.is_valid():
        try:
            if is_outside:
                participant = studies.add_outside_participant(
                    actor=request.user, study=study, **form.cleaned_data
                )
            else:
                participant = studies.invite_participant(
                    actor=request.user, study=study, **form.cleaned_data
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            done = "added" if is_outside else "invited; they have been sent an e-mail"
            messages.success(request, f"{participant.pseudonym} {done}.")
            return redirect("research:participants", study_uuid=study.uuid)
    context = {
        "study": study,
        "invite": invite,
        "outside": outside,
        "participants": study.participants.select_related("strand", "user", "organisation"),
    }
    return render(request, "research/rsdata/participants.html", context)


def _participant(
    request: AuthenticatedHttpRequest, study_uuid: UUID, participant_uuid: UUID
) -> Participant:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.MANAGE)
    return get_object_or_404(
        Participant.objects.select_related("study", "user", "strand"),
        study=study,
        uuid=participant_uuid,
    )


@GET_POST
@login_required
def participant_edit(
    request: AuthenticatedHttpRequest, study_uuid: UUID, participant_uuid: UUID
) -> HttpResponse:
    participant = _participant(request, study_uuid, participant_uuid)
    initial = {
        "pseudonym": participant.pseudonym,
        "strand": participant.strand,
        "consent_method": participant.consent_method,
    }
    form = forms.ParticipantForm(request.POST or None, initial=initial, participant=participant)
    if request.method == "POST" and form.is_valid():
        try:
            studies.edit_participant(
                actor=request.user,
                participant=participant,
                strand=form.cleaned_data["strand"],
                pseudonym=form.cleaned_data["pseudonym"],
                consent_method=form.cleaned_data.get("consent_method", ""),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Participant saved.")
            return redirect("research:participants", study_uuid=study_uuid)
    context = {"study": participant.study, "participant": participant, "form": form}
    return render(request, "research/rsdata/participant_form.html", context)


@require_POST
@login_required
def participant_import_records(
    request: AuthenticatedHttpRequest, study_uuid: UUID, participant_uuid: UUID
) -> HttpResponse:
    participant = _participant(request, study_uuid, participant_uuid)
    try:
        created = importing.import_tandem_records(actor=request.user, participant=participant)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{len(created)} document(s) imported from Tandem; review their pseudonyms next.",
        )
    return redirect("research:participants", study_uuid=study_uuid)


@GET_POST
@login_required
def participant_withdraw(
    request: AuthenticatedHttpRequest, study_uuid: UUID, participant_uuid: UUID
) -> HttpResponse:
    """A lead records a withdrawal made by letter, e-mail or in person."""
    participant = _participant(request, study_uuid, participant_uuid)

    def explanation() -> str:
        effects = studies.withdrawal_effects(participant)
        return (
            f"Their {effects['documents']} document(s) and the {effects['segments']} "
            "passage(s) coded in them will be deleted, and they will be left out of the "
            "analysis, reports and exports. This cannot be undone."
        )

    return _confirm_then(
        request,
        participant.study,
        act=lambda: studies.withdraw(actor=request.user, participant=participant),
        done=f"{participant.pseudonym} withdrawn; their data deleted.",
        back="research:participants",
        question=f"Record that {participant.pseudonym} has withdrawn?",
        explanation=explanation,
        action="Withdraw and delete their data",
    )


# ---- a participant's own pages ----------------------------------------------------------


@require_GET
@login_required
def my_research(request: AuthenticatedHttpRequest) -> HttpResponse:
    participations = studies.my_participations(request.user)
    return render(request, "research/rsdata/my_research.html", {"participations": participations})


@GET_POST
@login_required
def participation(request: AuthenticatedHttpRequest, participant_uuid: UUID) -> HttpResponse:
    participant = policy.get_participation_for_user(request.user, participant_uuid)
    initial: dict[str, object] = {"shares_tandem_records": participant.shares_tandem_records}
    if participant.consent == Participant.Consent.GIVEN:
        initial["decision"] = "give"
    form = forms.ConsentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            studies.decide_consent(
                actor=request.user,
                participant=participant,
                consent=form.cleaned_data["decision"] == "give",
                shares_tandem_records=form.cleaned_data["shares_tandem_records"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, "Your decision is saved. You may change it or withdraw at any time."
            )
            return redirect("research:participation", participant_uuid=participant.uuid)
    context = {"participant": participant, "study": participant.study, "form": form}
    return render(request, "research/rsdata/participation.html", context)


@GET_POST
@login_required
def participation_withdraw(
    request: AuthenticatedHttpRequest, participant_uuid: UUID
) -> HttpResponse:
    participant = policy.get_participation_for_user(request.user, participant_uuid)
    if request.method == "POST":
        try:
            studies.withdraw(actor=request.user, participant=participant)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"You have withdrawn from “{participant.study.title}”.")
        return redirect("research:my-research")
    context = {
        "participant": participant,
        "study": participant.study,
        "effects": studies.withdrawal_effects(participant),
    }
    return render(request, "research/rsdata/withdraw.html", context)


# ---- data -------------------------------------------------------------------------------


@GET_POST
@login_required
def document_upload(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.MANAGE)
    form = forms.UploadForm(request.POST or None, request.FILES or None, study=study)
    if request.method == "POST" and form.is_valid() and form.transcript is not None:
        fields = {k: v for k, v in form.cleaned_data.items() if k != "file"}
        try:
            document = importing.import_interview(
                actor=request.user, study=study, transcript=form.transcript, **fields
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if form.transcript.notice:
                messages.warning(request, form.transcript.notice)
            messages.success(
                request, "Transcript imported. Check the replaced names before anyone codes it."
            )
            return redirect(
                "research:document-review", study_uuid=study.uuid, document_uuid=document.uuid
            )
    return render(request, "research/rsdata/document_upload.html", {"study": study, "form": form})


def _document(
    request: AuthenticatedHttpRequest,
    study_uuid: UUID,
    document_uuid: UUID,
    ability: str = policy.MANAGE,
) -> Document:
    study = policy.get_study_for_user(request.user, study_uuid, ability=ability)
    return get_object_or_404(
        Document.objects.select_related("study", "participant", "participant__strand"),
        study=study,
        uuid=document_uuid,
    )


@require_GET
@login_required
def document_detail(
    request: AuthenticatedHttpRequest, study_uuid: UUID, document_uuid: UUID
) -> HttpResponse:
    document = _document(request, study_uuid, document_uuid, ability=policy.READ_DATA)
    context = {
        "study": document.study,
        "document": document,
        "is_lead": policy.can(request.user, document.study, policy.MANAGE),
        "can_code": policy.can(request.user, document.study, policy.CODE),
    }
    return render(request, "research/document_detail.html", context)


@GET_POST
@login_required
def document_edit(
    request: AuthenticatedHttpRequest, study_uuid: UUID, document_uuid: UUID
) -> HttpResponse:
    document = _document(request, study_uuid, document_uuid)
    study = document.study
    form = forms.DocumentMetadataForm(request.POST or None, instance=document, study=study)
    replace = forms.ReplaceTextForm()
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in forms.DocumentMetadataForm.Meta.fields}
        try:
            importing.edit_document(actor=request.user, document=document, **fields)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Document details saved.")
            return redirect(document)
    context = {"study": study, "document": document, "form": form, "replace": replace}
    return render(request, "research/rsdata/document_form.html", context)


@require_POST
@login_required
def document_replace_text(
    request: AuthenticatedHttpRequest, study_uuid: UUID, document_uuid: UUID
) -> HttpResponse:
    document = _document(request, study_uuid, document_uuid)
    replace = forms.ReplaceTextForm(request.POST, request.FILES)
    if replace.is_valid() and replace.transcript is not None:
        try:
            importing.replace_text(
                actor=request.user, document=document, transcript=replace.transcript
            )
        except ValidationError as error:
            add_errors(replace, error)
        else:
            messages.success(request, "Text replaced. Check the replaced names again.")
            return redirect(
                "research:document-review", study_uuid=study_uuid, document_uuid=document_uuid
            )
    form = forms.DocumentMetadataForm(instance=document, study=document.study)
    context = {"study": document.study, "document": document, "form": form, "replace": replace}
    return render(request, "research/rsdata/document_form.html", context, status=400)


@GET_POST
@login_required
def document_review(
    request: AuthenticatedHttpRequest, study_uuid: UUID, document_uuid: UUID
) -> HttpResponse:
    document = _document(request, study_uuid, document_uuid)
    add = forms.AddNameForm(request.POST if request.POST.get("form") == "add" else None)
    if request.method == "POST":
        action = request.POST.get("form")
        undo = forms.UndoForm(request.POST)
        try:
            if action == "add" and add.is_valid():
                pseudonym = pseudonyms.add_name(
                    actor=request.user, document=document, **add.cleaned_data
                )
                messages.success(
                    request,
                    f"“{add.cleaned_data['original']}” is now replaced by "
                    f"“{pseudonym.replacement}”.",
                )
            elif action == "undo" and undo.is_valid():
                service = (
                    pseudonyms.redo_replacement
                    if undo.cleaned_data["redo"]
                    else pseudonyms.undo_replacement
                )
                service(
                    actor=request.user,
                    document=document,
                    source_start=undo.cleaned_data["source_start"],
                )
                messages.success(
                    request,
                    "Replacement restored." if undo.cleaned_data["redo"] else "Replacement undone.",
                )
            elif action == "confirm":
                pseudonyms.confirm_replacements(actor=request.user, document=document)
                messages.success(request, "Replacements confirmed: the document may now be coded.")
                return redirect(document)
            elif action != "add":
                raise ValidationError("Choose what to do.")
        except ValidationError as error:
            if action == "add":
                add_errors(add, error)
            else:
                messages.error(request, " ".join(error.messages))
        if not add.errors:
            return redirect(
                "research:document-review", study_uuid=study_uuid, document_uuid=document_uuid
            )
    context = {
        "study": document.study,
        "document": document,
        "add": add,
        "replacements": review_rows(document),
    }
    return render(
        request, "research/rsdata/document_review.html", context, status=400 if add.errors else 200
    )


def review_rows(document: Document, width: int = 60) -> list[dict]:
    """Each replacement with the text around it, for the review page."""
    text = document.text
    rows = []
    for made in document.replacements:
        rows.append(
            made
            | {
                "before": text[max(0, made["start"] - width) : made["start"]],
                "shown": text[made["start"] : made["end"]],
                "after": text[made["end"] : made["end"] + width],
            }
        )
    return rows
