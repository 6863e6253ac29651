"""Property: exporting any code tree and set of coded segments as .qdpx and importing it
gives back the same tree and the same segments (text, span, code, coder)."""

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.research.interchange import export, reading
from tandem.research.interchange.importing import import_project
from tandem.research.models import Code, CodedSegment, Document, Study, StudyMember
from tandem.research.tests.cast import build_study_cast

pytestmark = pytest.mark.django_db

# Any text UTF-8 can carry (no lone surrogates), emoji and other non-BMP characters included.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]) | st.sampled_from("🙂𝒕é\r\n\t"),
    min_size=1,
    max_size=200,
)
NAME = (
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs", "Cc"]) | st.just("🌱"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def code_trees(draw: st.DrawFn) -> list[tuple[str, int | None]]:
    """(name, index of the parent or None); parents come first, names unique per parent."""
    size = draw(st.integers(min_value=1, max_value=8))
    codes: list[tuple[str, int | None]] = []
    for index in range(size):
        parent = draw(st.none() | st.integers(min_value=0, max_value=index - 1)) if index else None
        name = draw(NAME)
        if any(n.casefold() == name.casefold() and p == parent for n, p in codes):
            name = f"{name} {index}"
        codes.append((name, parent))
    return codes


@st.composite
def projects(draw: st.DrawFn) -> tuple[list, list[str], list[tuple[int, int, int, int]]]:
    codes = draw(code_trees())
    texts = draw(st.lists(TEXT, min_size=1, max_size=3))
    segments = []
    for _ in range(draw(st.integers(min_value=0, max_value=10))):
        document = draw(st.integers(min_value=0, max_value=len(texts) - 1))
        length = len(texts[document])
        start = draw(st.integers(min_value=0, max_value=length - 1))
        end = draw(st.integers(min_value=start + 1, max_value=length))
        code = draw(st.integers(min_value=0, max_value=len(codes) - 1))
        segments.append((document, start, end, code))
    return codes, texts, segments


@pytest.fixture
def cast():
    return build_study_cast()


def code_paths(study: Study) -> set[tuple[str, ...]]:
    def path(code: Code) -> tuple[str, ...]:
        return (*path(code.parent), code.name) if code.parent else (code.name,)

    return {path(code) for code in Code.objects.filter(study=study).select_related("parent")}


def segments_of(study: Study) -> set[tuple]:
    return {
        (
            s.document.title,
            s.start,
            s.end,
            s.document.text[s.start : s.end],
            s.code.name,
            s.coder_id,
        )
        for s in CodedSegment.objects.filter(document__study=study).select_related(
            "document", "code"
        )
    }


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(project=projects())
def test_export_then_import_preserves_codes_and_segments(cast, project):
    codes_drawn, texts, segments_drawn = project
    lead = cast["lead"]
    study = Study.objects.create(
        title="Property",
        organisation=cast["moorland"],
        research_questions="Q",
        ethics_statement="E",
        created_by=lead,
    )
    StudyMember.objects.create(study=study, user=lead, role=StudyMember.Role.LEAD)
    codes: list[Code] = []
    for name, parent in codes_drawn:
        codes.append(
            Code.objects.create(
                study=study,
                name=name,
                parent=codes[parent] if parent is not None else None,
                created_by=lead,
            )
        )
    documents = [
        Document.objects.create(
            study=study,
            title=f"Document {index}",
            source_format=Document.Format.TXT,
            text=text,
            pseudonyms_reviewed_at=timezone.now(),
        )
        for index, text in enumerate(texts)
    ]
    for document, start, end, code in set(segments_drawn):
        CodedSegment.objects.create(
            document=documents[document], code=codes[code], start=start, end=end, coder=lead
        )
    plan = reading.read_project(export.project_archive(study))
    copy = import_project(actor=lead, organisation=cast["moorland"], plan=plan).study
    assert code_paths(copy) == code_paths(study)
    assert segments_of(copy) == segments_of(study)
    assert [d.text for d in copy.documents.order_by("title")] == texts
