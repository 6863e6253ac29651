"""Building the file of a prepared export, in the worker. Each app registers the builder of
its own kinds (`register_builder`: the evaluation's in its ready()), so this module needs no
app above imports."""

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone

from tandem.imports import exports
from tandem.imports.models import ExportFile, ExportKind

Builder = Callable[[ExportFile], bytes]
BUILDERS: dict[str, Builder] = {}


def register_builder(kind: str) -> Callable[[Builder], Builder]:
    """Name the function that builds the file of one kind of export (its bytes)."""

    def register(builder: Builder) -> Builder:
        BUILDERS[kind] = builder
        return builder

    return register


def build_and_store(export_id: int) -> None:
    """Build the file and keep it (the background task's work)."""
    export = ExportFile.objects.select_related("programme", "organisation").get(pk=export_id)
    content = BUILDERS[export.kind](export)
    export.file.save(export.file_name, ContentFile(content), save=False)
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "finished_at", "updated_at"])


def _rows_file(export: ExportFile, headers: exports.Row, rows: list[list[object]]) -> bytes:
    return exports.export_content(headers, rows, file_format=export.file_format, title=export.kind)


@register_builder(ExportKind.ENROLMENTS)
def _enrolments(export: ExportFile) -> bytes:
    rows = exports.enrolment_rows(export.programme_or_fail())
    return _rows_file(export, exports.ENROLMENT_HEADERS, rows)


@register_builder(ExportKind.RELATIONSHIPS)
def _relationships(export: ExportFile) -> bytes:
    rows = exports.relationship_rows(export.programme_or_fail())
    return _rows_file(export, exports.RELATIONSHIP_HEADERS, rows)


@register_builder(ExportKind.PEOPLE)
def _people(export: ExportFile) -> bytes:
    rows = exports.people_rows(export.organisation_or_fail())
    return _rows_file(export, exports.template_headers("people"), rows)
