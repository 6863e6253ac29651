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


class ImportJob(TandemModel):
    """One uploaded file and its progress; the page polls this row while a worker runs."""

    Kind = ImportKind
    Status = ImportStatus

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
    def unlisted_rejected(self) -> int:
        return max(self.num_rejected - sum(entry["action"] == "reject" for entry in self.report), 0)


def _rows(number: int) -> str:
    return f"{number} row{'' if number == 1 else 's'}"
