"""A small cast for the case-study tests and matrix.

Riverside Trust wrote about its coaching programme: Ada (author) wrote the case studies,
Lena leads the trust (she endorses), Mo is a colleague who did not write them (drafts are
not his to see), Pia publishes for Tandem (the publish permission, no organisation), and
Olu works elsewhere. Four case studies, one at each step, and a stored programme report
with one row about 12 people and one about 3.
"""

from typing import Any

from django.contrib.auth.models import Permission
from django.utils import timezone

from tandem.casestudies import services
from tandem.casestudies.models import CaseStudy
from tandem.evaluation.models import ReportSnapshot
from tandem.evaluation.tables import Row, Table, table_to_json
from tandem.organisations.models import Membership, Organisation
from tandem.testing.factories import OrganisationFactory, UserFactory
from tandem.testing.workflow import make_programme, person

ROLES = ["author", "leader", "member", "publisher", "outsider", "anonymous"]

REPORT_TABLES = [
    Table(
        key="impact",
        title="Reported impact",
        columns=("Group", "Mean change", "Share improving"),
        rows=(
            Row("Coachees", ("0.62", "71%"), 12),
            Row("Coaches", ("0.40", "66%"), 3),
        ),
    )
]


def make_publisher(name: str = "Pia Publisher") -> Any:
    publisher = UserFactory.create(full_name=name)
    publisher.user_permissions.add(Permission.objects.get(codename="publish_casestudy"))
    return publisher


def store_report(programme: Any) -> ReportSnapshot:
    snapshot, _created = ReportSnapshot.objects.update_or_create(
        programme=programme,
        defaults={
            "tables": [table_to_json(table) for table in REPORT_TABLES],
            "computed_at": timezone.now(),
        },
    )
    return snapshot


def write(author: Any, organisation: Organisation, programme: Any, title: str) -> CaseStudy:
    case_study = services.create_case_study(
        actor=author,
        organisation=organisation,
        programme=programme,
        fields={"title": title, "summary": "Peer coaching for second-year teachers."},
    )
    return services.update_case_study(
        actor=author,
        case_study=case_study,
        fields={
            "context": "A trust of six primary schools losing teachers in their second year.",
            "what_they_did": "Trained twelve coaches and protected an hour a fortnight.",
            "challenges": "Finding the time when cover was short.",
            "what_worked": "Coaches from another school in the trust.",
            "evidence_of_impact": "Coachees reported more confidence in behaviour management.",
            "tags": ["learning-conversation", "sufficient-time"],
        },
    )


def build_case_study_cast() -> dict[str, Any]:
    riverside = OrganisationFactory.create(name="Riverside Trust", sector="education")
    elsewhere = OrganisationFactory.create(name="Hilltop College")
    author = person(riverside, "Ada Author")
    leader = person(riverside, "Lena Leader", Membership.Access.LEADER)
    member = person(riverside, "Mo Member")
    outsider = person(elsewhere, "Olu Outsider")
    publisher = make_publisher()
    programme = make_programme(leader, riverside, name="Second-year coaching")
    store_report(programme)
    draft = write(author, riverside, programme, "Coaching in the second year (draft)")
    figure = services.cite_figure(actor=author, case_study=draft, ref="impact|Coachees|Mean change")
    named = services.add_identifiable_person(
        actor=author, case_study=draft, fields={"name": "Ravi Head", "role": "Headteacher"}
    )
    submitted = write(author, riverside, programme, "Coaching across schools")
    services.submit(actor=author, case_study=submitted)
    endorsed = write(author, riverside, programme, "Protected time for coaching")
    services.submit(actor=author, case_study=endorsed)
    services.endorse(actor=leader, case_study=endorsed)
    published = write(author, riverside, programme, "What peer coaching changed at Riverside")
    services.submit(actor=author, case_study=published)
    services.endorse(actor=leader, case_study=published)
    services.publish(actor=publisher, case_study=published)
    published.refresh_from_db()
    return {
        "riverside": riverside,
        "elsewhere": elsewhere,
        "author": author,
        "leader": leader,
        "member": member,
        "publisher": publisher,
        "outsider": outsider,
        "anonymous": None,
        "programme": programme,
        "draft": draft,
        "submitted": submitted,
        "endorsed": endorsed,
        "published": published,
        "figure": figure,
        "named": named,
    }
