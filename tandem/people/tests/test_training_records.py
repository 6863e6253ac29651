import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tandem.people.models import MentorTrainingRecord
from tandem.testing.factories import TrainingRecordFactory

ADD_URL = reverse("people:training-add")


def record_data(**overrides):
    return {
        "course": "Instructional coaching",
        "provider": "Trust CPD team",
        "completed_on": "2025-06-30",
        "hours": "12",
    } | overrides


@pytest.mark.django_db
@pytest.mark.usefixtures("owen_signed_in")
class TestAddTrainingRecord:
    def test_adds_a_record_with_a_pdf_certificate(self, client, owen):
        certificate = SimpleUploadedFile("cert.pdf", b"%PDF-1.7 certificate", "application/pdf")
        response = client.post(ADD_URL, record_data(evidence_file=certificate))
        assert response.status_code == 302
        record = MentorTrainingRecord.objects.get(profile__user=owen)
        assert record.hours == 12
        assert record.evidence_file.name.startswith("training-evidence/")

        download = client.get(reverse("people:training-evidence", args=[record.uuid]))
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF")

    def test_wrong_file_type_is_refused_and_typed_values_kept(self, client, owen):
        script = SimpleUploadedFile("run.exe", b"MZ\x90\x00", "application/octet-stream")
        response = client.post(ADD_URL, record_data(course="Kept course", evidence_file=script))
        assert response.status_code == 200
        assert (
            "Upload a PDF, PNG, JPEG or Word" in response.context["form"].errors["evidence_file"][0]
        )
        assert 'value="Kept course"' in response.content.decode()
        assert not MentorTrainingRecord.objects.exists()

    def test_file_whose_contents_do_not_match_its_name_is_refused(self, client, owen):
        fake = SimpleUploadedFile("cert.pdf", b"<html>not a pdf</html>", "application/pdf")
        response = client.post(ADD_URL, record_data(evidence_file=fake))
        assert "do not match its .pdf name" in response.context["form"].errors["evidence_file"][0]

    def test_oversize_file_is_refused_with_the_limit(self, client, owen, settings):
        settings.TANDEM_MAX_EVIDENCE_BYTES = 1024
        big = SimpleUploadedFile("cert.pdf", b"%PDF" + b"0" * 4096, "application/pdf")
        response = client.post(ADD_URL, record_data(evidence_file=big))
        assert "the limit is" in response.context["form"].errors["evidence_file"][0]

    def test_future_date_and_bad_hours_get_field_messages(self, client, owen):
        future = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
        response = client.post(ADD_URL, record_data(completed_on=future, hours="0"))
        errors = response.context["form"].errors
        assert "in the future" in errors["completed_on"][0]
        assert "hours" in errors


@pytest.mark.django_db
def test_owner_can_edit_and_delete_a_record(client, owen):
    record = TrainingRecordFactory(profile=owen.profile)
    client.force_login(owen)
    edit = reverse("people:training-edit", args=[record.uuid])
    assert client.post(edit, record_data(hours="7.5")).status_code == 302
    record.refresh_from_db()
    assert str(record.hours) == "7.5"
    assert client.post(reverse("people:training-delete", args=[record.uuid])).status_code == 302
    assert not MentorTrainingRecord.objects.filter(pk=record.pk).exists()
