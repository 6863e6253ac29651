"""A small study in the shape of seed 001 for the demo dataset: Moorland's deputy head
evaluates the early-career mentoring programme through interviews in three strands."""

from tandem.accounts.models import User
from tandem.organisations.models import Organisation
from tandem.programmes.models import Programme
from tandem.research.models import Study, StudyMember
from tandem.research.services import importing, pseudonyms, studies

STRANDS = ["Peer mentors and coaches", "Staff who used the service", "Key managers"]
INTERVIEW = """WEBVTT

00:00:02.000 --> 00:00:06.000
<v Priya Shah>How did you come to mentor in the programme, Owen?

00:00:06.500 --> 00:00:12.000
<v Owen Price>I was asked after the training at Moorland Academy. I was nervous at first.

00:00:12.000 --> 00:00:18.000
<v Owen Price>Listening without judging was the hardest part. Time is the real problem.
"""


def load_research_demo(domain: str) -> None:
    """Create the demo study (the demo users and programmes already exist)."""
    people = {
        user.email.split("@")[0]: user for user in User.objects.filter(email__endswith=domain)
    }
    lead, mentor = people["coordinator"], people["mentor"]
    moorland = Organisation.objects.get(name="Moorland Academy")
    programme = Programme.objects.filter(organisations=moorland).order_by("created_at").first()
    study = studies.create_study(
        actor=lead,
        fields={
            "title": "How early-career mentoring works at Moorland",
            "organisation": moorland,
            "programme": programme,
            "research_questions": (
                "What do mentors, the teachers they support and managers value in the "
                "programme? What gets in its way?"
            ),
            "ethics_statement": (
                "Interviews are recorded, transcribed and pseudonymised before anyone "
                "analyses them. Only the research team reads transcripts; reports quote you "
                "under a pseudonym. You may withdraw at any time and your data will be "
                "deleted from the study."
            ),
            "place_names": "Huddersfield",
        },
    )
    strands = [studies.add_strand(actor=lead, study=study, name=name) for name in STRANDS]
    participant = studies.invite_participant(
        actor=lead, study=study, strand=strands[0], user=mentor
    )
    studies.decide_consent(
        actor=mentor, participant=participant, consent=True, shares_tandem_records=True
    )
    studies.add_outside_participant(
        actor=lead,
        study=study,
        strand=strands[2],
        name="Gareth Lloyd",
        consent_method="Signed paper consent form, kept by the lead",
        organisation=moorland,
    )
    document = importing.import_interview(
        actor=lead,
        study=study,
        participant=participant,
        transcript=importing.read_transcript("interview.vtt", INTERVIEW.encode()),
        title=f"Interview with {participant.pseudonym}",
        interviewer=lead,
        duration_minutes=40,
    )
    pseudonyms.confirm_replacements(actor=lead, document=document)
    studies.change_status(actor=lead, study=study, status=Study.Status.COLLECTING)
    coder = people.get("leader")
    if coder is not None and not StudyMember.objects.filter(study=study, user=coder).exists():
        # Helen leads another school in the partnership: she reads findings only.
        StudyMember.objects.create(study=study, user=coder, role=StudyMember.Role.READER)
