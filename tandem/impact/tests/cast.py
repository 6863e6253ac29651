"""An impact case study in the shape of seed 000, for the impact app's tests and matrix.

Mersey University's research on mentoring is taken up by Riverside Academy's mentoring
programme; the case study's team has a researcher lead, a researcher, a practice partner
from the academy and a reader. The programme has six approved participants and a stored
report (so reach and a measured effect can be suggested as candidates).
"""

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.evaluation.models import ReportSnapshot
from tandem.impact import services
from tandem.impact.models import CaseMember, CaseSection, CorroboratingSource, SectionKind
from tandem.organisations.choices import Region
from tandem.organisations.models import Membership
from tandem.programmes.models import Enrolment
from tandem.testing.factories import MembershipFactory, OrganisationFactory
from tandem.testing.workflow import approve, make_programme, person

ROLES = ["lead", "researcher", "partner", "reader", "outsider", "anonymous"]

SUMMARY = "Research on mentor training changed how Riverside Academy mentors its new teachers."
RESEARCH = "Three studies from 2012 to 2019 showed that trained mentors ask more open questions."
DETAILS = "The academy adopted reflective mentoring for every early-career teacher in 2016."
FINGERPRINT = "f1e2d3c4b5a6978877665544332211ff"


def impact_table(n: int = 12) -> dict:
    """A stored report's impact table, as tandem.evaluation.tables.table_to_json writes it."""
    return {
        "key": "impact",
        "title": "Impact: baseline against end of programme",
        "columns": [
            "Impact category (who)",
            "People",
            "Baseline mean",
            "End mean",
            "Mean change",
            "95% interval",
            "Effect size d_z",
            "p-value",
            "p-value adjusted for every test in the report",
            "Why a figure is missing",
        ],
        "rows": [
            [
                "Confidence in the classroom (Mentees)",
                [n, "2.80", "3.90", "1.10", "0.62 to 1.58", "0.95", "< 0.001", "0.002", ""],
                n,
                False,
            ],
            [
                "Reflective practice (Mentors)",
                ["Fewer than 5 people"] * 9,
                3,
                True,
            ],
        ],
        "note": "",
        "caution": "",
    }


def build_impact_cast() -> dict[str, Any]:
    university = OrganisationFactory.create(name="Mersey University", region=Region.NORTH_WEST)
    academy = OrganisationFactory.create(name="Riverside Academy", region=Region.NORTH_WEST)
    elsewhere = OrganisationFactory.create(name="Faraway School", region=Region.LONDON)
    lead = person(university, "Rhea Researcher", Membership.Access.COORDINATOR)
    # The lead also coordinates the academy's programme, so may see its report.
    MembershipFactory(user=lead, organisation=academy, access=Membership.Access.COORDINATOR)
    researcher = person(university, "Ravi Researcher")
    partner = person(academy, "Pat Partner")
    reader = person(university, "Reese Reader")
    # Charlie belongs to another organisation and is on no team: he learns nothing.
    outsider = person(elsewhere, "Charlie Outsider")
    programme = make_programme(
        lead,
        academy,
        name="Riverside reflective mentoring",
        starts_on=dt.date(2016, 9, 1),
        ends_on=dt.date(2017, 7, 31),
    )
    participants = [person(academy, f"Participant {number}") for number in range(6)]
    for index, participant in enumerate(participants):
        approve(
            programme, participant, Enrolment.Role.MENTEE if index % 2 else Enrolment.Role.MENTOR
        )
    snapshot = ReportSnapshot.objects.create(
        programme=programme,
        tables=[impact_table()],
        fingerprint=FINGERPRINT,
        computed_at=timezone.now() - dt.timedelta(days=2),
    )
    case = services.create_case(
        actor=lead,
        fields={"title": "Reflective mentoring in Riverside", "lead_organisation": university},
        partner_organisations=[academy],
    )
    for user, role in (
        (researcher, CaseMember.Role.RESEARCHER),
        (partner, CaseMember.Role.PARTNER),
        (reader, CaseMember.Role.READER),
    ):
        services.add_member(actor=lead, case=case, user=user, role=role)
    sections = {section.kind: section for section in CaseSection.objects.filter(case=case)}
    services.save_section(actor=lead, section=sections[SectionKind.SUMMARY], text="First draft.")
    version = services.save_section(
        actor=researcher, section=sections[SectionKind.SUMMARY], text=SUMMARY
    )
    services.save_section(actor=lead, section=sections[SectionKind.RESEARCH], text=RESEARCH)
    services.save_section(actor=partner, section=sections[SectionKind.DETAILS], text=DETAILS)
    first_version = sections[SectionKind.SUMMARY].versions.get(number=1)
    comment = services.add_comment(
        actor=researcher, section=sections[SectionKind.SUMMARY], text="Name the programme."
    )
    output = services.save_output(
        actor=lead,
        case=case,
        fields={
            "title": "Mentor training and open questions",
            "authors": "Researcher, R. and Researcher, R.",
            "published_on": dt.date(2014, 5, 1),
            "venue": "Journal of Mentoring Studies",
            "doi": "10.1234/jms.2014.001",
            "quality_statement": "Peer reviewed; funded by a national research council.",
        },
    )
    event = services.save_event(
        actor=partner,
        case=case,
        fields={
            "kind": "adoption",
            "happened_on": dt.date(2016, 9, 1),
            "description": "Riverside Academy adopted reflective mentoring",
        },
    )
    source = services.save_source(
        actor=partner,
        case=case,
        fields={
            "kind": CorroboratingSource.Kind.TESTIMONIAL,
            "title": "Letter from the head teacher",
            "giver_name": "Harriet Head",
            "giver_contact": "head@riverside.example.org",
        },
    )
    verified = services.save_source(
        actor=lead,
        case=case,
        fields={"kind": CorroboratingSource.Kind.DATA, "title": "Retention figures 2015 to 2019"},
    )
    services.set_source_status(
        actor=lead, source=verified, status="verified", method="Checked against the returns."
    )
    return {
        "university": university,
        "academy": academy,
        "lead": lead,
        "researcher": researcher,
        "partner": partner,
        "reader": reader,
        "outsider": outsider,
        "anonymous": None,
        "programme": programme,
        "snapshot": snapshot,
        "case": case,
        "sections": sections,
        "version": version,
        "first_version": first_version,
        "comment": comment,
        "output": output,
        "event": event,
        "source": source,
        "verified_source": verified,
        "member": CaseMember.objects.get(case=case, user=reader),
    }
