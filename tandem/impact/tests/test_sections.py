"""Writing sections: word counts and over-limit warnings on save, versions kept on every
save, restoring an earlier one (asked first), comments."""

import pytest
from django.urls import reverse

from tandem.impact import services
from tandem.impact.checks import count_words
from tandem.impact.models import CaseSection, SectionComment, SectionVersion

pytestmark = pytest.mark.django_db


def _url(cast, name="section-edit", kind="summary"):
    return reverse(f"impact:{name}", args=[cast["case"].uuid, kind])


def test_words_are_counted_as_runs_of_non_space_characters():
    assert count_words("") == 0
    assert count_words("  one\ttwo\n\nthree  ") == 3
    assert count_words("REF-2021 impact, well-evidenced.") == 3


def test_saving_keeps_a_version_and_reports_the_count(client, cast):
    client.force_login(cast["partner"])
    response = client.post(_url(cast), {"text": "Mentors ask more open questions."}, follow=True)
    assert "Saved as version 3. 5 of 100 words." in response.content.decode()
    section = CaseSection.objects.get(case=cast["case"], kind="summary")
    assert section.text == "Mentors ask more open questions."
    assert list(section.versions.values_list("number", flat=True)) == [3, 2, 1]


def test_an_over_limit_section_is_saved_and_warned_about_without_javascript(client, cast):
    client.force_login(cast["lead"])
    text = " ".join(["word"] * 104)
    response = client.post(_url(cast), {"text": text}, follow=True)
    page = response.content.decode()
    # Nothing lost: the text is saved, and the warning says by how much it is over.
    assert CaseSection.objects.get(case=cast["case"], kind="summary").text == text
    assert "104 words: 4 over the limit of 100" in page
    assert "Over the limit" in page
    detail = client.get(cast["case"].get_absolute_url()).content.decode()
    assert "Over the limit: 104 words: 4 over the limit of 100" in detail


def test_the_section_page_carries_the_limit_for_the_live_counter(client, cast):
    client.force_login(cast["lead"])
    page = client.get(_url(cast, kind="details")).content.decode()
    assert 'data-word-limit="750"' in page
    assert "impact/word-count.js" in page
    assert 'id="impact-count"' in page


def test_a_changed_limit_changes_the_warning(client, cast):
    case = cast["case"]
    case.summary_word_limit = 5
    case.save(update_fields=["summary_word_limit"])
    client.force_login(cast["lead"])
    page = client.get(_url(cast)).content.decode()
    assert "over the limit of 5" in page


def test_restoring_asks_first_then_restores_as_a_new_version(client, cast):
    client.force_login(cast["researcher"])
    first = cast["first_version"]
    url = reverse("impact:version-restore", args=[cast["case"].uuid, first.uuid])
    asked = client.get(url).content.decode()
    assert "Restore version 1 of 1. Summary of the impact?" in asked
    section = CaseSection.objects.get(case=cast["case"], kind="summary")
    assert section.text != "First draft."  # the question changed nothing
    client.post(url)
    section.refresh_from_db()
    assert section.text == "First draft."
    assert section.versions.first().number == 3
    assert section.versions.get(number=2).text.startswith("Research on mentor training")


def test_a_version_of_another_case_is_not_found(client, cast):
    other = services.create_case(
        actor=cast["lead"],
        fields={"title": "Another", "lead_organisation": cast["university"]},
    )
    version = services.save_section(
        actor=cast["lead"], section=other.sections.get(kind="summary"), text="Other case."
    )
    client.force_login(cast["lead"])
    url = reverse("impact:version-restore", args=[cast["case"].uuid, version.uuid])
    assert client.post(url).status_code == 404
    assert (
        SectionVersion.objects.filter(section__case=cast["case"], text="Other case.").count() == 0
    )


def test_versions_list_newest_first_with_who_saved_them(client, cast):
    client.force_login(cast["reader"])
    page = client.get(_url(cast, "version-list")).content.decode()
    assert page.index("Version 2 (current)") < page.index("Version 1")
    assert "Ravi Researcher" in page
    # A reader may not restore.
    assert "Restore version" not in page


def test_comments_are_added_and_an_empty_one_is_refused(client, cast):
    client.force_login(cast["partner"])
    client.post(_url(cast, "comment-add"), {"text": "Add the 2019 figures."})
    assert SectionComment.objects.filter(text="Add the 2019 figures.").exists()
    response = client.post(_url(cast, "comment-add"), {"text": "  "}, follow=True)
    assert "Write a comment" in response.content.decode()
    page = client.get(_url(cast)).content.decode()
    assert "Add the 2019 figures." in page
    assert "Name the programme." in page


def test_an_unknown_section_is_not_found(client, cast):
    client.force_login(cast["lead"])
    assert client.get(_url(cast, kind="appendix")).status_code == 404
