"""An import of people or enrolments from a spreadsheet: upload, map columns, preview, commit."""

from django.conf import settings
from django.db import models
from django.db.models import Q
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
    encoding = models.CharField(max_length=40, blank=True)
    delimiter = models.CharField(max_length=4, blank=True)
    heading_row = models.PositiveSmallIntegerField(default=1)
    skipped_rows = models.JSONField(default=list, blank=True)
    # Per heading: cells filled, cells written "Surname, Forename", distinct values (when
    # few): for asking the name order and matching role values to Tandem's roles.
    column_profile = models.JSONField(default=dict, blank=True)
    name_order = models.CharField(max_length=16, choices=NameOrder.choices, blank=True)
    role_mapping = models.JSONField(
        default=dict, blank=True, help_text="A role as written in the file → Tandem's role."
    )
    # Off by default (all or nothing); on when the leader chose to import the valid rows
    # and download the rejected ones.
    skip_rejected = models.BooleanField(default=False)
    send_invitations = models.BooleanField(default=True)
    num_invited = models.PositiveIntegerField(default=0)
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
