import pytest
from django.urls import reverse

from tandem.organisations.models import Phase
from tandem.people.availability import mask_from_codes
from tandem.people.models import Subject
from tandem.testing.factories import ProfileFactory

URL = reverse("people:profile-edit")


def form_data(**overrides):
    return {
        "full_name": "Dana Hughes",
        "preferred_name": "",
        "career_stage": "early-career",
        "years_in_profession": "1",
        "years_in_role": "1",
        "region": "yorkshire-humber",
        "postcode_district": "hd1",
        "bio": "Science teacher.",
        "expertise": "practical work,  questioning ; practical work",
        "interests": "behaviour",
    } | overrides


@pytest.mark.django_db
@pytest.mark.usefixtures("dana_signed_in")
class TestProfileEdit:
    def test_saves_profile_tags_and_availability(self, client, dana):
        primary = Phase.objects.get(key="primary")
        science = Subject.objects.get(key="science")
        response = client.post(
            URL,
            form_data(
                phases=[primary.pk], subjects=[science.pk], availability=["mon-after", "thu-day"]
            ),
        )
        assert response.status_code == 302
        profile = dana.profile
        profile.refresh_from_db()
        assert profile.postcode_district == "HD1"
        assert profile.availability == mask_from_codes(["mon-after", "thu-day"])
        assert [tag.name for tag in profile.expertise.order_by("name")] == [
            "practical work",
            "questioning",
        ]
        assert list(profile.phases.all()) == [primary]
        assert list(profile.subjects.all()) == [science]

    def test_invalid_input_keeps_what_was_typed_and_names_the_fields(self, client, dana):
        response = client.post(
            URL, form_data(years_in_role="7", postcode_district="LS6 7XX", bio="Kept text")
        )
        assert response.status_code == 200
        form = response.context["form"]
        assert "cannot be more than years in the profession" in form.errors["years_in_role"][0]
        assert "first half of a UK postcode" in form.errors["postcode_district"][0]
        assert "Kept text" in response.content.decode()
        assert 'aria-invalid="true"' in response.content.decode()
        dana.profile.refresh_from_db()
        assert dana.profile.bio == ""

    def test_diversity_answers_need_consent(self, client, dana):
        response = client.post(URL, form_data(gender="woman"))
        assert response.status_code == 200
        assert "Tick the consent box" in response.context["form"].errors["gender"][0]

    def test_withdrawing_consent_deletes_diversity_answers(self, client, dana):
        client.post(URL, form_data(diversity_consent="on", gender="woman", disability="no"))
        dana.profile.refresh_from_db()
        assert dana.profile.gender == "woman"
        assert dana.profile.diversity_consented_at is not None

        client.post(URL, form_data())
        dana.profile.refresh_from_db()
        assert dana.profile.gender == ""
        assert dana.profile.disability == ""
        assert dana.profile.diversity_consented_at is None

    def test_too_many_tags_are_refused(self, client, dana):
        many = ", ".join(f"topic {number}" for number in range(25))
        response = client.post(URL, form_data(expertise=many))
        assert "at most 20 items" in response.context["form"].errors["expertise"][0]


@pytest.mark.django_db
def test_diversity_is_shown_to_the_owner_only(client, dana):
    from django.utils import timezone  # noqa: PLC0415

    profile = dana.profile
    profile.diversity_consented_at = timezone.now()
    profile.ethnic_group = "mixed"
    profile.save()
    client.force_login(dana)
    own = client.get(reverse("people:my-profile")).content.decode()
    assert "Mixed or multiple ethnic groups" in own

    staff = ProfileFactory(user__is_staff=True).user
    client.force_login(staff)
    other = client.get(reverse("people:profile-detail", args=[dana.uuid])).content.decode()
    assert "Mixed or multiple ethnic groups" not in other
    assert "Diversity information" not in other
