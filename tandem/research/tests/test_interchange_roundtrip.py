"""Export the cast's study as .qdpx, check it against the vendored schema, import it into a
fresh study and find the same codes, segments and memos (issue 20's round trip)."""

import io
import zipfile

import pytest
from lxml import etree

from tandem.audit.models import AuditEvent
from tandem.research.interchange import export, reading
from tandem.research.interchange.importing import import_codebook, import_project
from tandem.research.interchange.xml import (
    PROJECT_NS,
    InterchangeError,
    codebook_errors,
    safe_parser,
    schema_errors,
)
from tandem.research.models import Code, CodedSegment, CodeLevel, Document, Memo, Participant
from tandem.research.tests.cast import build_study_cast

pytestmark = pytest.mark.django_db
P = f"{{{PROJECT_NS}}}"


@pytest.fixture
def cast():
    cast = build_study_cast()
    study, lead = cast["study"], cast["lead"]
    # Coding has moved on: a theme drawn together (axial) and a core category (selective).
    Code.objects.filter(study=study, name="Barriers").update(level=CodeLevel.AXIAL)
    Code.objects.filter(study=study, name="Safe space").update(level=CodeLevel.SELECTIVE)
    Memo.objects.create(study=study, author=lead, title="Method", text="Read three times.")
    Memo.objects.create(
        study=study,
        author=lead,
        title="On time",
        text="Everyone mentions time.",
        code=cast["codes"]["time"],
    )
    Memo.objects.create(
        study=study,
        author=lead,
        title="On the coach",
        text="Nervous at first.",
        document=cast["document"],
    )
    Memo.objects.create(
        study=study,
        author=lead,
        title="Safe",
        text="Outside the department.",
        document=cast["segments"][3].document,
        segment=cast["segments"][3],
    )
    return cast


def qde(archive: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        return etree.fromstring(opened.read("project.qde"), safe_parser())


def tree(study) -> set[tuple[str, str | None]]:
    return {(code.name, code.parent.name if code.parent else None) for code in study.codes.all()}


def levels(study) -> dict[str, str]:
    return dict(study.codes.values_list("name", "level"))


def segment_set(study) -> set[tuple[str, str, int, int, str, str]]:
    return {
        (
            s.document.title,
            s.document.text[s.start : s.end],
            s.start,
            s.end,
            s.code.name,
            s.coder.email,
        )
        for s in CodedSegment.objects.filter(document__study=study).select_related(
            "document", "code", "coder"
        )
    }


def memo_set(study) -> set[tuple]:
    return {
        (
            memo.title,
            memo.text,
            memo.code.name if memo.code else None,
            memo.document.title if memo.document else None,
            memo.segment.code.name if memo.segment else None,
        )
        for memo in study.memos.select_related("code", "document", "segment__code")
    }


def test_round_trip_keeps_codes_segments_and_memos(cast):
    study, lead = cast["study"], cast["lead"]
    exported = export.export_project(actor=lead, study=study)
    root = qde(exported.content)
    assert schema_errors(root) == []
    plan = reading.read_project(exported.content)
    result = import_project(actor=lead, organisation=cast["moorland"], plan=plan)
    copy = result.study
    assert copy.pk != study.pk
    assert copy.team.get().user == lead
    assert (
        tree(copy)
        == tree(study)
        == {("Barriers", None), ("Protected time", "Barriers"), ("Safe space", None)}
    )
    assert (
        levels(copy)
        == levels(study)
        == {"Barriers": "axial", "Protected time": "open", "Safe space": "selective"}
    )
    assert segment_set(copy) == segment_set(study)
    assert len(segment_set(copy)) == 4
    assert memo_set(copy) == memo_set(study)
    # Imported documents wait for a lead's review of pseudonyms; cases wait for consent.
    assert not Document.objects.filter(study=copy, pseudonyms_reviewed_at__isnull=False).exists()
    assert set(Participant.objects.filter(study=copy).values_list("pseudonym", "strand__name")) == {
        ("Coach 1", "Peer coaches"),
        ("User 1", "Service users"),
        ("Manager 1", "Key managers"),
    }
    assert AuditEvent.objects.filter(action="research.export-qdpx", object_uuid=study.uuid).exists()
    assert AuditEvent.objects.filter(action="research.import-qdpx", object_uuid=copy.uuid).exists()


def test_export_names_participants_only_by_pseudonym(cast):
    content = export.project_archive(cast["study"])
    text = content.decode("latin-1") + qde(content).xpath("string(.)")
    assert "Sam User" not in etree.tostring(qde(content)).decode()
    assert "Max Manager" not in etree.tostring(qde(content)).decode()
    cases = qde(content).findall(f"{P}Cases/{P}Case")
    assert sorted(case.get("name") for case in cases) == ["Coach 1", "Manager 1", "User 1"]
    assert text


def test_withdrawn_participant_never_leaves_tandem(cast):
    withdrawn = cast["participants"]["User 1"]
    withdrawn.consent = Participant.Consent.WITHDRAWN
    withdrawn.save(update_fields=["consent"])
    content = export.project_archive(cast["study"])
    root = qde(content)
    names = [source.get("name") for source in root.iter(f"{P}TextSource")]
    assert "Interview with User 1" not in names
    assert len(names) == 2
    with zipfile.ZipFile(io.BytesIO(content)) as opened:
        texts = [
            opened.read(name).decode() for name in opened.namelist() if name.startswith("Sources/")
        ]
    assert not any("made it safe" in text for text in texts)
    notes = [note.get("name") for note in root.iter(f"{P}Note")]
    assert "Safe" not in notes  # the memo on the withdrawn participant's segment stays
    assert "User 1" not in [case.get("name") for case in root.iter(f"{P}Case")]


def test_unreviewed_document_is_not_exported(cast):
    Document.objects.filter(pk=cast["document"].pk).update(pseudonyms_reviewed_at=None)
    names = [
        s.get("name") for s in qde(export.project_archive(cast["study"])).iter(f"{P}TextSource")
    ]
    assert "Interview with Coach 1" not in names


def test_offsets_count_code_points_beyond_the_basic_plane(cast):
    document = cast["document"]
    document.text = "🙂🙂 We had 𝒕𝒊𝒎𝒆 at last 🎉 and it helped."
    document.save(update_fields=["text"])
    CodedSegment.objects.filter(document=document).delete()
    start = document.text.index("𝒕𝒊𝒎𝒆")
    CodedSegment.objects.create(
        document=document,
        code=cast["codes"]["time"],
        start=start,
        end=start + 4,
        coder=cast["lead"],
    )
    content = export.project_archive(cast["study"])
    root = qde(content)
    source = next(s for s in root.iter(f"{P}TextSource") if s.get("guid") == str(document.uuid))
    selection = source.find(f"{P}PlainTextSelection")
    with zipfile.ZipFile(io.BytesIO(content)) as opened:
        text = opened.read(f"Sources/{document.uuid}.txt").decode("utf-8")
    begin, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
    # Code points: two emoji, a space and "We had " come before (UTF-16 would say 12).
    assert (begin, end) == (10, 14)
    assert text[begin:end] == "𝒕𝒊𝒎𝒆"
    plan = reading.read_project(content)
    copy = import_project(actor=cast["lead"], organisation=cast["moorland"], plan=plan).study
    segment = CodedSegment.objects.get(document__study=copy, document__title=document.title)
    assert segment.quote == "𝒕𝒊𝒎𝒆"


def test_codebook_round_trip_matches_by_guid_and_adds_nothing(cast):
    study, lead = cast["study"], cast["lead"]
    exported = export.export_codebook(actor=lead, study=study)
    assert codebook_errors(etree.fromstring(exported.content, safe_parser())) == []
    changes = import_codebook(actor=lead, study=study, plan=reading.read_codebook(exported.content))
    assert changes.added == []
    assert sorted((planned.name, how) for planned, _code, how in changes.matched) == [
        ("Barriers", "guid"),
        ("Protected time", "guid"),
        ("Safe space", "guid"),
    ]
    assert study.codes.count() == 3


def test_codebook_into_another_study_keeps_hierarchy_and_guids(cast):
    study, lead = cast["study"], cast["lead"]
    content = export.export_codebook(actor=lead, study=study).content
    other = import_project(
        actor=lead,
        organisation=cast["moorland"],
        plan=reading.ProjectPlan(name="Empty", description="", codes=[]),
    ).study
    Code.objects.create(study=other, name="safe SPACE", created_by=lead)
    changes = import_codebook(actor=lead, study=other, plan=reading.read_codebook(content))
    assert sorted(p.name for p in changes.added) == ["Barriers", "Protected time"]
    assert [(p.name, how) for p, _c, how in changes.matched] == [("Safe space", "name")]
    assert tree(other) == {("Barriers", None), ("Protected time", "Barriers"), ("safe SPACE", None)}
    # New codes take their level from the file; a matched code keeps the level it has.
    assert levels(other) == {"Barriers": "axial", "Protected time": "open", "safe SPACE": "open"}


CODEBOOK_WITH_SETS = """<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Another tool">
  <Codes>
    <Code guid="11111111-1111-4111-8111-111111111111" name="Workload" isCodable="true"/>
    <Code guid="22222222-2222-4222-8222-222222222222" name="Belonging" isCodable="true"/>
    <Code guid="33333333-3333-4333-8333-333333333333" name="Trust" isCodable="true"/>
  </Codes>
  <Sets>
    <Set guid="44444444-4444-4444-8444-444444444444" name="SELECTIVE">
      <MemberCode targetGUID="22222222-2222-4222-8222-222222222222"/>
    </Set>
    <Set guid="55555555-5555-4555-8555-555555555555" name=" axial codes ">
      <MemberCode targetGUID="11111111-1111-4111-8111-111111111111"/>
      <MemberCode targetGUID="22222222-2222-4222-8222-222222222222"/>
    </Set>
    <Set guid="66666666-6666-4666-8666-666666666666" name="Favourites">
      <MemberCode targetGUID="33333333-3333-4333-8333-333333333333"/>
    </Set>
  </Sets>
</CodeBook>"""


def test_levels_come_from_sets_named_for_them_and_the_later_level_wins(cast):
    plan = reading.read_codebook(CODEBOOK_WITH_SETS.encode())
    assert {code.name: code.level for code in plan.codes} == {
        "Workload": CodeLevel.AXIAL,
        "Belonging": CodeLevel.SELECTIVE,  # in the selective and the axial set
        "Trust": None,  # only in a set that names no level
    }
    other = import_project(
        actor=cast["lead"],
        organisation=cast["moorland"],
        plan=reading.ProjectPlan(name="Empty", description="", codes=[]),
    ).study
    import_codebook(actor=cast["lead"], study=other, plan=plan)
    assert levels(other) == {"Workload": "axial", "Belonging": "selective", "Trust": "open"}


def test_a_codebook_whose_sets_break_the_schema_is_refused():
    broken = CODEBOOK_WITH_SETS.replace(' name="Favourites"', "")
    with pytest.raises(InterchangeError, match="codebook format") as raised:
        reading.read_codebook(broken.encode())
    assert any("name" in detail for detail in raised.value.details)


def rezip(content: bytes, change) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as opened:
        files = {name: opened.read(name) for name in opened.namelist()}
    files["project.qde"] = change(files["project.qde"].decode()).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_coders_map_to_members_by_email_and_others_keep_their_name(cast):
    study, lead, coder = cast["study"], cast["lead"], cast["coder"]
    moved = cast["segments"][3]
    moved.coder = coder
    moved.save(update_fields=["coder"])
    content = export.project_archive(study)

    def stranger(qde: str) -> str:
        return qde.replace(
            f'name="{lead.full_name}" id="{lead.email}"',
            'name="Ext Ernal" id="ext@elsewhere.example"',
        )

    plan = reading.read_project(rezip(content, stranger))
    importer = cast["leader"]  # Olive imports: she is not the lead, and the lead is unknown now
    copy = import_project(actor=importer, organisation=cast["moorland"], plan=plan).study
    segments = CodedSegment.objects.filter(document__study=copy)
    by_coder = {(s.coder, s.imported_coder_name) for s in segments}
    assert by_coder == {(importer, "Ext Ernal"), (coder, "")}
    assert set(copy.team.values_list("user", "role")) == {
        (importer.pk, "lead"),
        (coder.pk, "coder"),
    }
    # Memos the stranger wrote say who wrote them.
    memo = copy.memos.get(title="Method")
    assert memo.author == importer
    assert memo.text.startswith("[Written by Ext Ernal in the imported project]")
