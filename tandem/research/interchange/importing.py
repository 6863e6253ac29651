"""Importing a REFI-QDA codebook into a study, or a project as a new study.

Each import runs in one transaction after `reading` has checked the whole file, so a file
is imported whole or not at all. Imported documents are never marked as reviewed: their
origin cannot be verified (a file claiming to come from Tandem is easily written), so a
lead checks the pseudonyms before anyone codes or analyses them, as for any other import.
Participants come in as cases whose consent to this study is not yet recorded ("invited"):
their documents join the analysis once a lead records consent.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.organisations.models import Membership, Organisation
from tandem.research import policy
from tandem.research.interchange.reading import CodebookPlan, PlannedCode, ProjectPlan
from tandem.research.models import (
    Code,
    CodedSegment,
    CodeLevel,
    CodingPass,
    Document,
    Memo,
    Participant,
    Strand,
    Study,
    StudyMember,
)

IMPORTED_STRAND = "Imported cases"


@dataclass
class CodebookChanges:
    """What importing a codebook does: codes added, and codes matched to existing ones."""

    added: list[PlannedCode] = field(default_factory=list)
    matched: list[tuple[PlannedCode, Code, str]] = field(default_factory=list)  # how: guid/name


def codebook_changes(study: Study, codes: list[PlannedCode]) -> CodebookChanges:
    """Match planned codes to the study's codebook: by guid, then by name under the same
    parent (ignoring case). Reads only; used by the preview and the import alike."""
    existing = list(Code.objects.filter(study=study))
    by_guid = {str(code.uuid): code for code in existing}
    by_name = {(code.parent_id, code.name.casefold()): code for code in existing}
    resolved: dict[str, Code | None] = {}  # planned guid → existing code (None: new)
    changes = CodebookChanges()
    for planned in codes:
        parent = resolved.get(planned.parent_guid) if planned.parent_guid else None
        parent_is_new = planned.parent_guid is not None and parent is None
        match, how = by_guid.get(planned.guid), "guid"
        if match is None and not parent_is_new:
            match = by_name.get((parent.pk if parent else None, planned.name.casefold()))
            how = "name"
        resolved[planned.guid] = match
        if match is None:
            changes.added.append(planned)
        else:
            changes.matched.append((planned, match, how))
    return changes


def _create_codes(
    *, actor: User, study: Study, codes: list[PlannedCode], known: dict[str, Code]
) -> dict[str, Code]:
    """Create the planned codes not in `known` (guid → code), parents first; a new code
    keeps its guid as its uuid when that is free, so a later import merges by guid."""
    wanted = {planned.guid for planned in codes if planned.guid not in known}
    taken = {
        str(value)
        for value in Code.objects.filter(uuid__in=[g for g in wanted if _is_uuid(g)]).values_list(
            "uuid", flat=True
        )
    }
    result = dict(known)
    for planned in codes:
        if planned.guid in result:
            continue
        code = Code(
            study=study,
            parent=result.get(planned.parent_guid) if planned.parent_guid else None,
            name=planned.name,
            description=planned.description,
            colour=planned.colour if len(planned.colour) == 7 else "",
            level=planned.level or CodeLevel.OPEN,
            created_by=actor,
        )
        if _is_uuid(planned.guid) and planned.guid not in taken:
            code.uuid = uuid.UUID(planned.guid)
        code.full_clean()
        code.save()
        result[planned.guid] = code
    return result


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def import_codebook(*, actor: User, study: Study, plan: CodebookPlan) -> CodebookChanges:
    """Merge a `.qdc` codebook into the study's; for leads."""
    policy.require(actor, study, policy.MANAGE)
    with transaction.atomic():
        changes = codebook_changes(study, plan.codes)
        known = {planned.guid: code for planned, code, _how in changes.matched}
        _create_codes(actor=actor, study=study, codes=plan.codes, known=known)
        detail = f"{len(changes.added)} added, {len(changes.matched)} matched"
        record_event(actor=actor, action="research.import-qdc", target=study, detail=detail)
    return changes


def coder_mapping(
    plan: ProjectPlan, *, actor: User, organisation: Organisation
) -> dict[str, User | None]:
    """Each of the file's users → the Tandem user they are (by e-mail, then by exact full
    name, among the organisation's current members), or None (their work is recorded as
    the importer's, with their name kept on each segment)."""
    members = list(
        User.objects.filter(
            memberships__in=Membership.objects.current().filter(organisation=organisation)
        ).distinct()
    )
    by_email = {member.email.casefold(): member for member in members}
    names: dict[str, list[User]] = defaultdict(list)
    for member in members:
        names[member.full_name.casefold()].append(member)
    mapping: dict[str, User | None] = {}
    for user in plan.users:
        found = by_email.get(user.identifier.strip().casefold())
        if found is None and len(names.get(user.name.strip().casefold(), [])) == 1:
            found = names[user.name.strip().casefold()][0]
        mapping[user.guid] = found
    return mapping


@dataclass
class ProjectImport:
    study: Study
    num_codes: int
    num_documents: int
    num_segments: int
    num_memos: int
    num_participants: int
    duplicates_skipped: int
    unmatched_coders: list[str]


def import_project(
    *, actor: User, organisation: Organisation, plan: ProjectPlan, title: str = ""
) -> ProjectImport:
    """Create a new study from a `.qdpx` project, led by the importer; for those who may
    set up a study for the organisation."""
    if not policy.organisations_for_new_study(actor).filter(pk=organisation.pk).exists():
        message = "You may not set up a study for this organisation."
        raise PermissionError(message)
    with transaction.atomic():
        study = Study(
            title=(title or plan.name)[:200],
            organisation=organisation,
            research_questions=plan.description
            or "Imported from a REFI-QDA project: add the study's research questions.",
            ethics_statement="Imported from a REFI-QDA project: add the ethics and consent "
            "statement participants were given.",
            status=Study.Status.COLLECTING,
            created_by=actor,
        )
        study.full_clean()
        study.save()
        StudyMember.objects.create(study=study, user=actor, role=StudyMember.Role.LEAD)
        mapping = coder_mapping(plan, actor=actor, organisation=organisation)
        # Those who coded or wrote notes in the file join the team as coders.
        active = {note.user_guid for note in plan.notes} | {
            selection.user_guid for source in plan.sources for selection in source.selections
        }
        joining: set[User] = {found for guid in active if guid and (found := mapping.get(guid))}
        joining.discard(actor)
        for user in sorted(joining, key=lambda user: user.pk):
            StudyMember.objects.create(study=study, user=user, role=StudyMember.Role.CODER)
        names = {user.guid: user.name or user.identifier for user in plan.users}
        codes = _create_codes(actor=actor, study=study, codes=plan.codes, known={})
        documents, participants = _create_documents(actor=actor, study=study, plan=plan)
        segments, skipped, unmatched = _create_segments(
            actor=actor,
            study=study,
            plan=plan,
            documents=documents,
            codes=codes,
            mapping=mapping,
            names=names,
        )
        memos = _create_memos(
            actor=actor,
            study=study,
            plan=plan,
            targets=(codes, documents, segments),
            mapping=mapping,
            names=names,
        )
        result = ProjectImport(
            study,
            len(codes),
            len(documents),
            sum(len(s) for s in segments.values()),
            memos,
            participants,
            skipped,
            sorted(unmatched),
        )
        detail = (
            f"{result.num_documents} documents, {result.num_codes} codes, "
            f"{result.num_segments} segments, {result.num_memos} memos"
        )
        record_event(actor=actor, action="research.import-qdpx", target=study, detail=detail)
    return result


def _create_documents(
    *, actor: User, study: Study, plan: ProjectPlan
) -> tuple[dict[str, Document], int]:
    participants: dict[str, Participant] = {}  # source guid → participant
    strands: dict[str, Strand] = {}
    used: set[str] = set()
    for case in plan.cases:
        strand_name = case.strand or IMPORTED_STRAND
        if strand_name not in strands:
            strands[strand_name] = Strand.objects.create(
                study=study, name=strand_name, position=len(strands)
            )
        pseudonym, number = case.name, 1
        while pseudonym.casefold() in used:
            number += 1
            pseudonym = f"{case.name[:55]} ({number})"
        used.add(pseudonym.casefold())
        participant = Participant.objects.create(
            study=study,
            strand=strands[strand_name],
            name=pseudonym,
            pseudonym=pseudonym,
            consent=Participant.Consent.INVITED,
            invited_by=actor,
        )
        for source_guid in case.source_guids:
            participants.setdefault(source_guid, participant)
    documents = {}
    for source in plan.sources:
        document = Document(
            study=study,
            participant=participants.get(source.guid),
            kind=Document.Kind.INTERVIEW,
            title=source.name,
            source_format=Document.Format.QDPX,
            text=source.text,
            num_words=len(source.text.split()),
            pseudonyms_reviewed_at=None,  # see the module's docstring
            added_by=actor,
        )
        document.save()
        documents[source.guid] = document
    return documents, len(plan.cases)


def _create_segments(
    *,
    actor: User,
    study: Study,
    plan: ProjectPlan,
    documents: dict[str, Document],
    codes: dict[str, Code],
    mapping: dict[str, User | None],
    names: dict[str, str],
) -> tuple[dict[str, list[CodedSegment]], int, set[str]]:
    passes: dict[int, CodingPass] = {}
    seen: set[tuple[int, int, int, int, int]] = set()
    segments: dict[str, list[CodedSegment]] = defaultdict(list)  # selection guid → segments
    rows: list[CodedSegment] = []
    skipped = 0
    unmatched: set[str] = set()
    for source in plan.sources:
        document = documents[source.guid]
        for selection in source.selections:
            coder = mapping.get(selection.user_guid or "") or actor
            original = ""
            if selection.user_guid and mapping.get(selection.user_guid) is None:
                original = names.get(selection.user_guid, "") or selection.user_guid
                unmatched.add(original)
            if coder.pk not in passes:
                passes[coder.pk] = CodingPass.objects.create(
                    study=study, coder=coder, number=1, purpose="Imported from a REFI-QDA project"
                )
            for code_guid in selection.code_guids:
                code = codes[code_guid]
                key = (document.pk, code.pk, coder.pk, selection.start, selection.end)
                if key in seen:
                    skipped += 1
                    continue
                seen.add(key)
                segment = CodedSegment(
                    document=document,
                    code=code,
                    start=selection.start,
                    end=selection.end,
                    coder=coder,
                    coding_pass=passes[coder.pk],
                    imported_coder_name=original[:150],
                )
                rows.append(segment)
                segments[selection.guid].append(segment)
    CodedSegment.objects.bulk_create(rows, batch_size=500)
    return segments, skipped, unmatched


def _create_memos(
    *,
    actor: User,
    study: Study,
    plan: ProjectPlan,
    targets: tuple[dict[str, Code], dict[str, Document], dict[str, list[CodedSegment]]],
    mapping: dict[str, User | None],
    names: dict[str, str],
) -> int:
    codes, documents, segments = targets
    where: dict[str, dict[str, Code | Document | CodedSegment]] = {}
    for planned in plan.codes:
        for guid in planned.note_guids:
            where.setdefault(guid, {"code": codes[planned.guid]})
    for source in plan.sources:
        for guid in source.note_guids:
            where.setdefault(guid, {"document": documents[source.guid]})
        for selection in source.selections:
            coded = segments.get(selection.guid, [])
            for guid in selection.note_guids:
                target: dict[str, Code | Document | CodedSegment] = {
                    "document": documents[source.guid]
                }
                if coded:
                    target["segment"] = coded[0]
                where.setdefault(guid, target)
    memos = []
    for note in plan.notes:
        author = mapping.get(note.user_guid or "")
        text = note.text
        if author is None and note.user_guid:
            written_by = names.get(note.user_guid, "") or note.user_guid
            text = f"[Written by {written_by} in the imported project]\n\n{text}"
        memos.append(
            Memo(
                study=study,
                author=author or actor,
                title=note.title,
                text=text[:20000],
                **where.get(note.guid, {}),
            )
        )
    Memo.objects.bulk_create(memos, batch_size=500)
    return len(memos)
