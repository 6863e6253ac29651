"""Subject-access packs: complete for the person, and never another person's private notes."""

import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.evaluation.models import Answer
from tandem.evaluation.tests.cast import add_surveys, answer_all
from tandem.privacy.models import SubjectAccessPack
from tandem.privacy.services.subject_access import build_pack, write_pack
from tandem.relationships.services import record
from tandem.testing.factories import MembershipFactory, ProfileFactory
from tandem.testing.files import assert_tagged_pdf
from tandem.testing.reauth import mark_reauthenticated
from tandem.testing.twofactor import give_two_factor


def _pack(user):
    buffer = io.BytesIO()
    num_records, num_files = write_pack(user, buffer)
    archive = zipfile.ZipFile(buffer)
    return archive, num_records, num_files


def _json(archive, name):
    return json.loads(archive.read(f"{name}.json"))


@pytest.fixture
def answered(cast):
    survey = add_surveys(cast)["mentee-end"]
    texts = {q.key: "Weekly hinge practice." for q in survey.questions.filter(kind="text")}
    answer_all(survey, cast["mentee"], "mentee", 4, **texts)
    assert Answer.objects.filter(text="Weekly hinge practice.").exists()
    return survey


def test_pack_holds_each_kind_of_record_a_summary_and_the_files(cast, answered):
    archive, num_records, num_files = _pack(cast["mentee"])
    names = set(archive.namelist())
    assert {"account.json", "goals.json", "conversations.json", "summary.pdf"} <= names
    assert archive.read("summary.pdf").startswith(b"%PDF")
    assert_tagged_pdf(archive.read("summary.pdf"), title="Your data in Tandem")
    assert _json(archive, "account")[0]["email"] == cast["mentee"].email
    # What others recorded about her: the mentor's observation and conversation log.
    assert _json(archive, "observations")[0]["feedback"] == "Strong wait time."
    summaries = [row["summary"] for row in _json(archive, "conversations")]
    assert "Talked through hinge questions for the forces unit." in summaries
    assert _json(archive, "goals")[0]["title"] == "Use questioning to check understanding"
    assert "Weekly hinge practice." in {
        answer["text"] for answer in _json(archive, "survey_answers")
    }
    assert _json(archive, "change_requests")[0]["reason"] == "We clash on timings."
    evidence_files = [name for name in names if name.startswith("files/evidence/")]
    assert len(evidence_files) == 1
    assert archive.read(evidence_files[0]) == b"%PDF-1.4 lesson plan"
    assert num_files == 1
    assert num_records == sum(
        len(_json(archive, name[:-5])) for name in names if name.endswith(".json")
    )


def test_pack_never_holds_another_persons_private_note(cast):
    conversation = cast["conversation"]
    record.save_private_note(
        actor=cast["mentee"], conversation=conversation, body="My own worry about marking."
    )
    archive, _records, _files = _pack(cast["mentee"])
    notes = _json(archive, "private_notes")
    assert [note["body"] for note in notes] == ["My own worry about marking."]
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"Dana seemed tired" not in everything  # the mentor's note about her


def test_mentors_pack_leaves_out_the_mentees_change_request(cast):
    archive, _records, _files = _pack(cast["mentor"])
    assert _json(archive, "change_requests") == []
    assert [note["body"] for note in _json(archive, "private_notes")] == [
        "Dana seemed tired: check workload next time."
    ]


def test_command_writes_the_zip(cast, tmp_path):
    out = tmp_path / "dana.zip"
    call_command("subject_access", cast["mentee"].email.upper(), "--out", str(out))
    assert "goals.json" in zipfile.ZipFile(out).namelist()
    assert AuditEvent.objects.filter(action="subject-access.exported").exists()


def test_command_refuses_unknown_email_and_existing_file(cast, tmp_path):
    with pytest.raises(CommandError, match=r"Nobody in Tandem has the email address x@y\.z"):
        call_command("subject_access", "x@y.z", "--out", str(tmp_path / "x.zip"))
    existing = tmp_path / "exists.zip"
    existing.write_bytes(b"")
    with pytest.raises(CommandError, match="already exists"):
        call_command("subject_access", cast["mentee"].email, "--out", str(existing))


def test_person_prepares_and_downloads_their_pack(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast["mentee"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:my-data"))
    assert response.status_code == 302
    pack = SubjectAccessPack.objects.get(subject=cast["mentee"])
    assert pack.status == SubjectAccessPack.Status.READY
    page = client.get(reverse("privacy:my-data"))
    assert reverse("privacy:pack-download", args=[pack.uuid]) in page.content.decode()
    # The pack holds her private notes: she is asked for her password again first.
    asked = client.get(reverse("privacy:pack-download", args=[pack.uuid]))
    assert asked.status_code == 302
    assert reverse("account_reauthenticate") in asked["Location"]
    assert not AuditEvent.objects.filter(action="subject-access.downloaded").exists()
    mark_reauthenticated(client, cast["mentee"])
    download = client.get(reverse("privacy:pack-download", args=[pack.uuid]))
    assert download["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert "summary.pdf" in archive.namelist()
    assert AuditEvent.objects.filter(action="subject-access.downloaded").count() == 1


def test_lead_prepares_a_pack_for_a_person_of_their_organisation_only(
    client, cast, django_capture_on_commit_callbacks
):
    lead = ProfileFactory(user__full_name="Priya Lead").user
    MembershipFactory(user=lead, organisation=cast["moorland"], data_protection_lead=True)
    give_two_factor(lead)  # data-protection leads must have set up two-factor
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:person-pack", args=[cast["mentee"].uuid]))
    assert response.status_code == 302
    pack = SubjectAccessPack.objects.get(subject=cast["mentee"], requested_by=lead)
    mark_reauthenticated(client, lead)
    assert client.get(reverse("privacy:pack-download", args=[pack.uuid])).status_code == 200
    # Charlie is at another school: not hers to ask for.
    outsider = client.post(reverse("privacy:person-pack", args=[cast["outsider"].uuid]))
    assert outsider.status_code == 404
    # Bob may not download Dana's pack.
    client.force_login(cast["mentor"])
    assert client.get(reverse("privacy:pack-download", args=[pack.uuid])).status_code == 404


def test_storage_failure_is_reported_not_hidden(cast, monkeypatch):
    pack = SubjectAccessPack.objects.create(subject=cast["mentee"], requested_by=cast["mentee"])

    def refuse(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pack.file, "save", refuse)
    build_pack(pack)
    pack.refresh_from_db()
    assert pack.status == SubjectAccessPack.Status.FAILED
    assert pack.error == "Storage refused the pack: disk full"
