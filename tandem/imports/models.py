"""An import of people or enrolments from a spreadsheet: upload, map columns, preview, commit;
and a whole-programme export built in the background for its owner to download."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import JSONField, Q, Value
from django.urls import reverse

from tandem.models import TandemModel, choices_constraint
from tandem.organisations.models import Organisation
from tandem.programmes.models import Programme


class ImportKind(models.TextChoices):
    PEOPLE = "people", "Staff and memberships"
    ENROLMENTS = "enrolments", "Programme enrolments"


class ImportStatus(models.TextChoices):
    MAPPING = "mapping", "Waiting for column mapping"
    PREVIEWING = "previewing", "Checking rows"
    PREVIEWED = "previewed", "Ready to import"
    COMMITTING = "committing", "Importing"
    COMMITTED = "committed", "Imported"
    FAILED = "failed", "Could not be imported"


class NameOrder(models.TextChoices):
    AS_WRITTEN = "as-written", "As written: forename first (Aisha Khan)"
    SURNAME_FIRST = "surname-first", "Surname, Forename: turn them round (Khan, Aisha → Aisha Khan)"


class ImportJob(TandemModel):
    """One uploaded file and its progress; the page polls this row while a worker runs."""

    Kind = ImportKind
    Status = ImportStatus
    NameOrder = NameOrder

    kind = models.CharField(max_length=12, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    # Kept in the configured storage so a worker on another machine can read it.
    file = models.FileField(upload_to="imports/%Y/%m/")
    file_name = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.MAPPING)
    headers = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True, help_text="Field → column heading.")
    # How the file was read, shown on the page: the detected text encoding and delimiter of
    # a CSV file, the row holding the headings and the text of any rows above it.
    encoding = models.CharField(max_length=40, blank=True, db_default="")
    delimiter = models.CharField(max_length=4, blank=True, db_default="")
    heading_row = models.PositiveSmallIntegerField(default=1, db_default=1)
    skipped_rows = models.JSONField(default=list, db_default=Value([], JSONField()), blank=True)
    # Per heading: cells filled, cells written "Surname, Forename", distinct values (when
    # few): for asking the name order and matching role values to Tandem's roles.
    column_profile = models.JSONField(default=dict, db_default=Value({}, JSONField()), blank=True)
    name_order = models.CharField(max_length=16, choices=NameOrder, blank=True, db_default="")
    role_mapping = models.JSONField(
        default=dict,
        db_default=Value({}, JSONField()),
        blank=True,
        help_text="A role as written in the file → Tandem's role.",
    )
    # Off by default (all or nothing); on when the leader chose to import the valid rows
    # and download the rejected ones.
    skip_rejected = models.BooleanField(default=False, db_default=False)
    send_invitations = models.BooleanField(default=True, db_default=True)
    num_invited = models.PositiveIntegerField(default=0, db_default=0)
    # At most processing.REPORT_LIMIT rows are listed (rejected rows first); the counts
    # below cover every row.
    report = models.JSONField(default=list, blank=True, help_text="One entry per data row.")
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    num_create = models.PositiveIntegerField(default=0)
    num_update = models.PositiveIntegerField(default=0)
    num_unchanged = models.PositiveIntegerField(default=0)
    num_rejected = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    # Touched while a worker checks or imports the file; a running job not heard from for
    # TANDEM_TASK_STALE_SECONDS was abandoned (tandem.imports.processing.fail_abandoned_jobs).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # The queued check or commit (django-tasks result id): the page shows its real state.
    task_id = models.CharField(max_length=64, blank=True, db_default="")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            choices_constraint("imports_importjob_kind_valid", kind=ImportKind),
            choices_constraint("imports_importjob_status_valid", status=ImportStatus),
            choices_constraint(
                "imports_importjob_name_order_valid", allow_blank=True, name_order=NameOrder
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(programme__isnull=False),
                name="imports_importjob_has_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import of {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse("imports:job-detail", kwargs={"job_uuid": self.uuid})

    @property
    def is_running(self) -> bool:
        return self.status in {ImportStatus.PREVIEWING, ImportStatus.COMMITTING}

    @property
    def percent_done(self) -> int:
        return round(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def unlisted_rows(self) -> int:
        """Rows the counts include but the (bounded) report does not list."""
        return max(
            self.num_create
            + self.num_update
            + self.num_unchanged
            + self.num_rejected
            - len(self.report),
            0,
        )

    @property
    def status_sentence(self) -> str:
        """The one line the job page says about where the import stands, worked out from its
        final state, so "ready to import" never stands beside rows that cannot be."""
        sentences = {
            ImportStatus.MAPPING: "Waiting for you to match the file's columns.",
            ImportStatus.PREVIEWING: (
                f"Checking rows: {self.processed_rows} of {self.total_rows} done."
            ),
            ImportStatus.COMMITTING: f"Importing: {self.percent_done}% done.",
            ImportStatus.FAILED: "Could not be imported. Nothing has been saved.",
            ImportStatus.COMMITTED: (
                f"Imported: {_rows(self.num_create)} added, {_rows(self.num_update)} updated, "
                f"{_rows(self.num_unchanged)} unchanged."
            ),
        }
        if self.status in sentences:
            return sentences[ImportStatus(self.status)]
        changes = self.num_create + self.num_update
        if self.num_rejected:
            verb = "has" if self.num_rejected == 1 else "have"
            return (
                f"Cannot be imported yet: {_rows(self.num_rejected)} {verb} errors. "
                "Nothing has been saved."
            )
        if not changes:
            return "Checked: nothing to import, as every row matches what Tandem holds."
        return f"Checked and ready to import: {changes} change{'' if changes == 1 else 's'}."

    @property
    def encoding_name(self) -> str:
        from tandem.imports.reading import describe_encoding  # noqa: PLC0415 - reading is above

        return describe_encoding(self.encoding) if self.encoding else ""

    @property
    def delimiter_name(self) -> str:
        from tandem.imports.reading import describe_delimiter  # noqa: PLC0415 - reading is above

        return describe_delimiter(self.delimiter) if self.delimiter else ""

    @property
    def comma_name_headers(self) -> list[str]:
        """Headings where most filled cells read like “Surname, Forename”."""
        columns = self.column_profile.get("columns", {})
        return [
            heading
            for heading, profile in columns.items()
            if profile["filled"] and profile["commas"] * 2 > profile["filled"]
        ]

    @property
    def num_valid(self) -> int:
        return self.num_create + self.num_update + self.num_unchanged

    @property
    def unlisted_rejected(self) -> int:
        return max(self.num_rejected - sum(entry["action"] == "reject" for entry in self.report), 0)


def _rows(number: int) -> str:
    return f"{number} row{'' if number == 1 else 's'}"


class ExportKind(models.TextChoices):
    PEOPLE = "people", "Staff and memberships"
    ENROLMENTS = "enrolments", "Programme enrolments"
    RELATIONSHIPS = "relationships", "Relationships (metadata)"
    SURVEY_RESULTS = "survey-results", "Survey results"
    REPORT = "report", "Programme report"


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"
    PDF = "pdf", "PDF"


# How long a prepared export can be downloaded; tandem dispose deletes it after the
# "export" retention period (tandem.privacy.retention), which defaults to the same.
EXPORT_DOWNLOADABLE_FOR = dt.timedelta(days=7)


class ExportFile(TandemModel):
    """A large export built in the background (a whole programme's rows take seconds);
    only its owner may download it, until `expires_at`."""

    Kind = ExportKind
    Format = ExportFormat

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_files"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    file_format = models.CharField(max_length=4, choices=Format.choices)
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # What inside the programme (a survey's uuid for survey results), for the builder.
    subject_uuid = models.UUIDField(null=True, blank=True)
    title = models.CharField(max_length=300)
    # Kept in the configured storage so the worker that builds it and the server that
    # serves it need not be the same machine.
    file = models.FileField(upload_to="exports/%Y/%m/", blank=True)
    file_name = models.CharField(max_length=200)
    task_id = models.CharField(max_length=64, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            choices_constraint(
                "imports_exportfile_choices_valid", kind=ExportKind, file_format=ExportFormat
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(programme__isnull=False),
                name="imports_exportfile_has_target",
            ),
        ]
        indexes = [
            # The owner's recent exports (export pages) and stuck or failed ones (attention).
            models.Index(fields=["owner", "-created_at"], name="exportfile_owner_created_idx"),
            # tandem dispose: exports past their retention period.
            models.Index(fields=["expires_at"], name="exportfile_expires_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_file_format_display()})"

    def get_absolute_url(self) -> str:
        return reverse("imports:export-detail", kwargs={"export_uuid": self.uuid})

    @property
    def is_ready(self) -> bool:
        return bool(self.file) and self.finished_at is not None

    @property
    def target(self) -> Programme | Organisation:
        """What is exported (the constraint makes one of them present)."""
        target = self.programme or self.organisation
        if target is None:
            message = "An export names a programme or an organisation."
            raise ValueError(message)
        return target

    def programme_or_fail(self) -> Programme:
        if self.programme is None:
            message = f"A {self.kind} export names a programme."
            raise ValueError(message)
        return self.programme

    def organisation_or_fail(self) -> Organisation:
        if self.organisation is None:
            message = f"A {self.kind} export names an organisation."
            raise ValueError(message)
        return self.organisation
