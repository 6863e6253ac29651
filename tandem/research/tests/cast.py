"""A small study in the shape of seed 001, for the research app's tests and matrices.

Moorland Academy evaluates its peer-coaching scheme: three strands (peer coaches, staff
who used the service, key managers), two coders and a reader on the team, three consenting
participants with a transcript each, a small codebook and a few coded segments.
"""

from typing import Any

from django.utils import timezone

from tandem.organisations.models import Membership
from tandem.research.models import (
    Code,
    CodedSegment,
    CodingPass,
    Document,
    Participant,
    Strand,
    Study,
    StudyMember,
)
from tandem.testing.factories import OrganisationFactory
from tandem.testing.workflow import make_programme, person

ROLES = ["lead", "coder", "reader", "participant", "leader", "outsider", "anonymous"]

TRANSCRIPTS = {
    "Coach 1": (
        "Interviewer: How did you come to the scheme?\n"
        "Coach 1: I was asked by my head of department. I was nervous at first, but the "
        "training gave me confidence. Listening without judging was the hardest part.\n"
        "Interviewer: What changed in your own practice?\n"
        "Coach 1: I ask more open questions in my lessons now. Time is the real problem: "
        "we never had protected time for the sessions."
    ),
    "User 1": (
        "Interviewer: What was it like to be coached?\n"
        "User 1: Having someone outside my department to talk to made it safe. I could "
        "admit what was not working. Time was hard to find, we often met after school."
    ),
    "Manager 1": (
        "Interviewer: Why did the school join?\n"
        "Manager 1: Retention. We lose too many teachers in their second year. The scheme "
        "costs little but needs protected time, which is the first thing to go."
    ),
}


def build_study_cast() -> dict[str, Any]:
    moorland = OrganisationFactory.create(name="Moorland Academy")
    elsewhere = OrganisationFactory.create(name="Faraway School")
    lead = person(moorland, "Rhea Researcher", Membership.Access.COORDINATOR)
    coder = person(moorland, "Cole Coder")
    reader = person(moorland, "Reese Reader")
    # Olive leads Moorland but is not on the research team: she sees no transcripts.
    leader = person(moorland, "Olive Leader", Membership.Access.LEADER)
    participant_user = person(moorland, "Pia Participant")
    outsider = person(elsewhere, "Charlie Outsider")
    programme = make_programme(lead, moorland, name="Peer coaching 2026")
    study = Study.objects.create(
        title="How peer coaching works at Moorland",
        organisation=moorland,
        programme=programme,
        research_questions="What do peer coaches, coachees and managers value in the scheme?",
        ethics_statement="Interviews are recorded, transcribed and pseudonymised. You may "
        "withdraw at any time and your data will be removed from the analysis.",
        status=Study.Status.COLLECTING,
        created_by=lead,
    )
    StudyMember.objects.create(study=study, user=lead, role=StudyMember.Role.LEAD)
    StudyMember.objects.create(study=study, user=coder, role=StudyMember.Role.CODER)
    StudyMember.objects.create(study=study, user=reader, role=StudyMember.Role.READER)
    strands = {
        name: Strand.objects.create(study=study, name=name, position=position)
        for position, name in enumerate(["Peer coaches", "Service users", "Key managers"])
    }
    participants = {
        "Coach 1": Participant.objects.create(
            study=study,
            strand=strands["Peer coaches"],
            user=participant_user,
            organisation=moorland,
            pseudonym="Coach 1",
            consent=Participant.Consent.GIVEN,
        ),
        "User 1": Participant.objects.create(
            study=study,
            strand=strands["Service users"],
            name="Sam User",
            organisation=moorland,
            pseudonym="User 1",
            consent=Participant.Consent.GIVEN,
        ),
        "Manager 1": Participant.objects.create(
            study=study,
            strand=strands["Key managers"],
            name="Max Manager",
            organisation=moorland,
            pseudonym="Manager 1",
            consent=Participant.Consent.GIVEN,
        ),
    }
    documents = {
        pseudonym: Document.objects.create(
            study=study,
            participant=participants[pseudonym],
            kind=Document.Kind.INTERVIEW,
            title=f"Interview with {pseudonym}",
            source_format=Document.Format.TXT,
            text=text,
            num_words=len(text.split()),
            interviewer=lead,
            pseudonyms_reviewed_at=timezone.now(),
        )
        for pseudonym, text in TRANSCRIPTS.items()
    }
    time = Code.objects.create(study=study, name="Protected time", created_by=lead)
    barriers = Code.objects.create(
        study=study, name="Barriers", level=Code.Level.AXIAL, created_by=lead
    )
    time.parent = barriers
    time.save(update_fields=["parent"])
    safety = Code.objects.create(study=study, name="Safe space", created_by=lead)
    first_pass = CodingPass.objects.create(study=study, coder=lead, number=1)
    segments = []
    for pseudonym, needle, code in [
        ("Coach 1", "Time is the real problem", time),
        ("User 1", "Time was hard to find", time),
        ("Manager 1", "needs protected time", time),
        ("User 1", "made it safe", safety),
    ]:
        document = documents[pseudonym]
        start = document.text.index(needle)
        segments.append(
            CodedSegment.objects.create(
                document=document,
                code=code,
                start=start,
                end=start + len(needle),
                coder=lead,
                coding_pass=first_pass,
            )
        )
    return {
        "moorland": moorland,
        "elsewhere": elsewhere,
        "lead": lead,
        "coder": coder,
        "reader": reader,
        "leader": leader,
        "participant": participant_user,
        "outsider": outsider,
        "anonymous": None,
        "programme": programme,
        "study": study,
        "strands": strands,
        "participants": participants,
        "documents": documents,
        "document": documents["Coach 1"],
        "codes": {"time": time, "barriers": barriers, "safety": safety},
        "pass": first_pass,
        "segments": segments,
    }
