"""Case studies in the subject-access pack and in erasure."""

from django.utils import timezone

from tandem.casestudies import services
from tandem.casestudies.models import CaseStudy, IdentifiablePerson, Publication
from tandem.privacy.services.erasure import erase_person, pseudonym_for
from tandem.privacy.services.subject_access import collect


def sections(user):
    return {section.name: section.rows for section in collect(user)}


def test_pack_holds_authored_case_studies_and_consent_records_naming_the_person(cast):
    member = cast["member"]
    person = services.add_identifiable_person(
        actor=cast["author"],
        case_study=cast["draft"],
        fields={"name": "Mo Member", "role": "Coach", "user": member},
    )
    services.record_consent(
        actor=cast["author"],
        person=person,
        consent="given",
        how="Signed form",
        decided_on=timezone.localdate(),
    )
    authored = sections(cast["author"])["case_studies_authored"]
    assert {row["title"] for row in authored} >= {"Coaching in the second year (draft)"}
    consent = sections(member)["case_study_consent"]
    assert [(row["name"], row["consent"], row["consent_how"]) for row in consent] == [
        ("Mo Member", "given", "Signed form")
    ]
    assert consent[0]["case_study_title"] == "Coaching in the second year (draft)"
    assert sections(cast["outsider"])["case_study_consent"] == []


def test_erasure_removes_the_author_and_their_name_everywhere(cast):
    author = cast["author"]
    published = cast["published"]
    published.authors.add(cast["member"])
    CaseStudy.objects.filter(pk=published.pk).update(context="Ada Author set it up.")
    Publication.objects.filter(case_study=published).update(context="Ada Author set it up.")
    mention = services.add_identifiable_person(
        actor=author,
        case_study=cast["draft"],
        fields={"name": "Ada Author", "user": author, "email": author.email},
    )
    erase_person(actor=None, subject=author)
    pseudonym = pseudonym_for(author)
    assert not CaseStudy.objects.filter(authors=author).exists()
    publication = Publication.objects.get(case_study=published)
    assert publication.authors == ["Mo Member"]
    assert publication.context == f"{pseudonym} set it up."
    assert CaseStudy.objects.get(pk=published.pk).context == f"{pseudonym} set it up."
    mention = IdentifiablePerson.objects.get(pk=mention.pk)
    assert (mention.name, mention.email) == (pseudonym, "")


def test_erasure_leaves_other_peoples_records(cast):
    erase_person(actor=None, subject=cast["outsider"])
    assert Publication.objects.get(case_study=cast["published"]).authors == ["Ada Author"]
    assert IdentifiablePerson.objects.get(pk=cast["named"].pk).name == "Ravi Head"
