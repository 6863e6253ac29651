"""Writing a study as a REFI-QDA project (`.qdpx`) or its codebook (`.qdc`).

A `.qdpx` is a zip holding `project.qde` (the XML) and `Sources/<guid>.txt`, each analysed
document's text in UTF-8. Selections count characters as Unicode code points, as Python
indexes a `str`, so a segment's `start`/`end` are written as they are stored.

Only what the study may analyse leaves Tandem: documents, segments and participants come
through `tandem.research.selectors`, so a withdrawn participant is never exported, and
participants appear as cases under their pseudonyms, never their names.
"""

import datetime as dt
import io
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Q
from lxml import etree

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.research import policy
from tandem.research.interchange.xml import (
    CODEBOOK_NS,
    PROJECT_NS,
    InterchangeError,
    check_project,
    codebook_errors,
    level_set_name,
    safe_parser,
    xml_text,
)
from tandem.research.models import Code, CodeLevel, Document, Memo, Participant, Study
from tandem.research.selectors import (
    analysable_documents,
    analysable_segments,
    consenting_participants,
)

ORIGIN = "Tandem"
STRAND_VARIABLE = "Strand"
_P = f"{{{PROJECT_NS}}}"


class SegmentRow(NamedTuple):
    pk: int
    uuid: uuid.UUID
    document_id: int
    code_id: int
    coder_id: int
    start: int
    end: int
    created_at: dt.datetime


@dataclass(frozen=True)
class ExportedFile:
    content: bytes
    filename: str
    content_type: str


def datetime_value(moment: dt.datetime) -> str:
    """xsd:dateTime in UTC."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def derived_guid(owner: uuid.UUID, what: str) -> str:
    """A stable guid for something Tandem keeps no row for (a variable, a coding)."""
    return str(uuid.uuid5(owner, what))


def _filename(study: Study, extension: str) -> str:
    # ASCII only: the name goes into a Content-Disposition header.
    stem = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in study.title.lower())
    stem = stem.strip("-")
    return f"{stem[:60] or 'study'}.{extension}"


def _code_element(
    tag_prefix: str, code: Code, children: dict[int | None, list[Code]], notes: dict[int, list]
) -> etree._Element:
    attributes = {"guid": str(code.uuid), "name": xml_text(code.name), "isCodable": "true"}
    if len(code.colour) == 7 and code.colour.startswith("#"):
        attributes["color"] = code.colour
    element = etree.Element(f"{tag_prefix}Code", attributes)
    if code.description:
        etree.SubElement(element, f"{tag_prefix}Description").text = xml_text(code.description)
    for memo in notes.get(code.pk, []):
        etree.SubElement(element, f"{tag_prefix}NoteRef", targetGUID=str(memo.uuid))
    for child in children.get(code.pk, []):
        element.append(_code_element(tag_prefix, child, children, notes))
    return element


def _code_tree(codes: Iterable[Code]) -> dict[int | None, list[Code]]:
    children: dict[int | None, list[Code]] = defaultdict(list)
    for code in codes:
        children[code.parent_id].append(code)
    return children


def study_codes(study: Study) -> list[Code]:
    """The study's codes in the order both `Codes` and the level sets list them."""
    return list(Code.objects.filter(study=study).order_by("name", "pk"))


def codebook_element(tag_prefix: str, codes: list[Code], notes: dict[int, list]) -> etree._Element:
    """`Codes`: the study's codebook, nested as in Tandem."""
    children = _code_tree(codes)
    codes = etree.Element(f"{tag_prefix}Codes")
    for code in children.get(None, []):
        codes.append(_code_element(tag_prefix, code, children, notes))
    return codes


def level_sets_element(tag_prefix: str, study: Study, codes: list[Code]) -> etree._Element | None:
    """`Sets`: one set of codes for each coding level in use ("Open codes", "Axial codes",
    "Selective codes"). REFI-QDA has no field for a code's level; a set is the standard's
    way to group codes, other tools show it as a code group, and Tandem reads it back."""
    members: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        members[code.level].append(str(code.uuid))
    if not members:
        return None
    sets = etree.Element(f"{tag_prefix}Sets")
    for level in CodeLevel:
        if level.value not in members:
            continue
        element = etree.SubElement(
            sets,
            f"{tag_prefix}Set",
            guid=derived_guid(study.uuid, f"level-{level.value}"),
            name=level_set_name(level),
        )
        etree.SubElement(element, f"{tag_prefix}Description").text = (
            f"The codes at the {level.label.lower()} level of coding (open, then axial, then "
            "selective), as recorded in Tandem."
        )
        for code_uuid in members[level.value]:
            etree.SubElement(element, f"{tag_prefix}MemberCode", targetGUID=code_uuid)
    return sets


def exported_memos(study: Study, documents: list[Document]) -> list[Memo]:
    """The study's memos on what is exported: the project, codes, and analysable documents
    and segments (a memo on a withdrawn participant's document stays in Tandem)."""
    document_ids = [document.pk for document in documents]
    return list(
        Memo.objects.filter(study=study)
        .filter(Q(document__isnull=True) | Q(document__in=document_ids))
        .filter(Q(segment__isnull=True) | Q(segment__document__in=document_ids))
        .select_related("author")
        .order_by("created_at", "pk")
    )


def build_project(study: Study) -> tuple[etree._Element, dict[str, str]]:
    """The project's XML and its source texts (file name → text)."""
    documents = list(analysable_documents(study).select_related("added_by").order_by("title", "pk"))
    # Rows, not model instances: a large study has thousands of segments.
    segments = [
        SegmentRow(*row)
        for row in analysable_segments(study)
        .order_by("document", "start", "end", "pk")
        .values_list(*SegmentRow._fields)
    ]
    memos = exported_memos(study, documents)
    notes_on_code: dict[int, list[Memo]] = defaultdict(list)
    notes_on_document: dict[int, list[Memo]] = defaultdict(list)
    notes_on_segment: dict[int, list[Memo]] = defaultdict(list)
    project_notes: list[Memo] = []
    for memo in memos:
        if memo.segment_id:
            notes_on_segment[memo.segment_id].append(memo)
        elif memo.document_id:
            notes_on_document[memo.document_id].append(memo)
        elif memo.code_id:
            notes_on_code[memo.code_id].append(memo)
        else:
            project_notes.append(memo)
    user_ids = {segment.coder_id for segment in segments}
    user_ids |= {memo.author_id for memo in memos if memo.author_id}
    user_ids |= set(study.team.values_list("user_id", flat=True))
    users = {user.pk: user for user in User.objects.filter(pk__in=user_ids).order_by("full_name")}

    project = etree.Element(
        f"{_P}Project",
        name=xml_text(study.title),
        origin=ORIGIN,
        creationDateTime=datetime_value(study.created_at),
        modifiedDateTime=datetime_value(study.updated_at),
        nsmap={None: PROJECT_NS},
    )
    if study.created_by_id in users:
        project.set("creatingUserGUID", str(users[study.created_by_id].uuid))
    users_element = etree.SubElement(project, f"{_P}Users")
    for user in users.values():
        etree.SubElement(
            users_element,
            f"{_P}User",
            guid=str(user.uuid),
            name=xml_text(user.full_name),
            id=user.email,
        )
    study_codebook = study_codes(study)
    codes = codebook_element(_P, study_codebook, notes_on_code)
    if len(codes):
        etree.SubElement(project, f"{_P}CodeBook").append(codes)
    _add_cases(project, study, documents)
    texts = _add_sources(project, documents, segments, users, notes_on_document, notes_on_segment)
    if memos:
        notes = etree.SubElement(project, f"{_P}Notes")
        for memo in memos:
            note = etree.SubElement(
                notes,
                f"{_P}Note",
                guid=str(memo.uuid),
                name=xml_text(memo.title),
                creationDateTime=datetime_value(memo.created_at),
            )
            if memo.author_id in users:
                note.set("creatingUser", str(users[memo.author_id].uuid))
            etree.SubElement(note, f"{_P}PlainTextContent").text = xml_text(memo.text)
    level_sets = level_sets_element(_P, study, study_codebook)
    if level_sets is not None:
        project.append(level_sets)
    if study.research_questions:
        etree.SubElement(project, f"{_P}Description").text = xml_text(study.research_questions)
    for memo in project_notes:
        etree.SubElement(project, f"{_P}NoteRef", targetGUID=str(memo.uuid))
    return project, texts


def _add_cases(project: etree._Element, study: Study, documents: list[Document]) -> None:
    """Participants as cases, named by pseudonym, with their strand as a variable."""
    sources: dict[int, list[Document]] = defaultdict(list)
    for document in documents:
        if document.participant_id:
            sources[document.participant_id].append(document)
    participants: list[Participant] = list(
        consenting_participants(study)
        .filter(pk__in=list(sources))
        .select_related("strand")
        .order_by("pseudonym")
    )
    if not participants:
        return
    variable_guid = derived_guid(study.uuid, "variable:strand")
    variables = etree.SubElement(project, f"{_P}Variables")
    etree.SubElement(
        variables,
        f"{_P}Variable",
        guid=variable_guid,
        name=STRAND_VARIABLE,
        typeOfVariable="Text",
    )
    cases = etree.SubElement(project, f"{_P}Cases")
    for participant in participants:
        case = etree.SubElement(
            cases, f"{_P}Case", guid=str(participant.uuid), name=xml_text(participant.pseudonym)
        )
        value = etree.SubElement(case, f"{_P}VariableValue")
        etree.SubElement(value, f"{_P}VariableRef", targetGUID=variable_guid)
        etree.SubElement(value, f"{_P}TextValue").text = xml_text(participant.strand.name)
        for document in sources[participant.pk]:
            etree.SubElement(case, f"{_P}SourceRef", targetGUID=str(document.uuid))


def _add_sources(  # noqa: PLR0917 -- one private step of build_project, called once
    project: etree._Element,
    documents: list[Document],
    segments: list["SegmentRow"],
    users: dict[int, User],
    notes_on_document: dict[int, list[Memo]],
    notes_on_segment: dict[int, list[Memo]],
) -> dict[str, str]:
    if not documents:
        return {}
    by_document: dict[int, list[SegmentRow]] = defaultdict(list)
    for segment in segments:
        by_document[segment.document_id].append(segment)
    code_guids = dict(Code.objects.filter(study_id=documents[0].study_id).values_list("pk", "uuid"))
    sources = etree.SubElement(project, f"{_P}Sources")
    texts: dict[str, str] = {}
    for document in documents:
        guid = str(document.uuid)
        texts[f"{guid}.txt"] = document.text
        source = etree.SubElement(
            sources,
            f"{_P}TextSource",
            guid=guid,
            name=xml_text(document.title),
            plainTextPath=f"internal://{guid}.txt",
            creationDateTime=datetime_value(document.created_at),
        )
        if document.added_by_id in users:
            source.set("creatingUser", str(users[document.added_by_id].uuid))
        for segment in by_document[document.pk]:
            coder = str(users[segment.coder_id].uuid)
            created = datetime_value(segment.created_at)
            selection = etree.SubElement(
                source,
                f"{_P}PlainTextSelection",
                guid=str(segment.uuid),
                startPosition=str(segment.start),
                endPosition=str(segment.end),
                creatingUser=coder,
                creationDateTime=created,
            )
            coding = etree.SubElement(
                selection,
                f"{_P}Coding",
                guid=derived_guid(segment.uuid, "coding"),
                creatingUser=coder,
                creationDateTime=created,
            )
            etree.SubElement(coding, f"{_P}CodeRef", targetGUID=str(code_guids[segment.code_id]))
            for memo in notes_on_segment.get(segment.pk, []):
                etree.SubElement(selection, f"{_P}NoteRef", targetGUID=str(memo.uuid))
        for memo in notes_on_document.get(document.pk, []):
            etree.SubElement(source, f"{_P}NoteRef", targetGUID=str(memo.uuid))
    return texts


def project_archive(study: Study, *, validate: bool = True) -> bytes:
    """The `.qdpx` bytes; checked against the vendored project schema unless told not to."""
    project, texts = build_project(study)
    if validate:
        check_project(project)
    xml = etree.tostring(project, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml)
        for name, text in texts.items():
            archive.writestr(f"Sources/{name}", text.encode("utf-8"))
    return buffer.getvalue()


def codebook_document(study: Study) -> bytes:
    """The `.qdc` bytes: the codebook alone."""
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", origin=ORIGIN, nsmap={None: CODEBOOK_NS})
    codes = study_codes(study)
    root.append(codebook_element(f"{{{CODEBOOK_NS}}}", codes, {}))
    level_sets = level_sets_element(f"{{{CODEBOOK_NS}}}", study, codes)
    if level_sets is not None:
        root.append(level_sets)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export_project(*, actor: User, study: Study) -> ExportedFile:
    """The study as a REFI-QDA project, for leads only; audited, as it carries research
    data out of Tandem."""
    policy.require(actor, study, policy.MANAGE)
    content = project_archive(study)
    record_event(actor=actor, action="research.export-qdpx", target=study)
    return ExportedFile(content, _filename(study, "qdpx"), "application/zip")


def export_codebook(*, actor: User, study: Study) -> ExportedFile:
    """The study's codebook as a REFI-QDA `.qdc`, for leads only; audited."""
    policy.require(actor, study, policy.MANAGE)
    if not Code.objects.filter(study=study).exists():
        message = "The codebook has no codes yet, so there is nothing to export."
        raise ValueError(message)
    content = codebook_document(study)
    errors = codebook_errors(etree.fromstring(content, safe_parser()))
    if errors:  # a fault in this module, not in the study: fail loudly
        raise InterchangeError("The codebook export does not follow the schema.", errors)
    record_event(actor=actor, action="research.export-qdc", target=study)
    return ExportedFile(content, _filename(study, "qdc"), "application/xml")
