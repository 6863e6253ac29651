from django.urls import path
from django.views.decorators.cache import cache_control

from tandem.casestudies.feeds import NewCaseStudiesFeed
from tandem.casestudies.views import manage, public

app_name = "casestudies"

urlpatterns = [
    # The extranet: public, no sign-in.
    path("", public.public_list, name="public-list"),
    path("feed/", cache_control(public=True, max_age=300)(NewCaseStudiesFeed()), name="feed"),
    path("<uuid:case_study_uuid>/", public.public_detail, name="public-detail"),
    # Writing and approval: signed in.
    path("manage/", manage.manage_list, name="manage-list"),
    path("manage/new/", manage.case_study_create, name="case-study-create"),
    path("manage/<uuid:case_study_uuid>/", manage.case_study_detail, name="case-study-detail"),
    path("manage/<uuid:case_study_uuid>/edit/", manage.case_study_edit, name="case-study-edit"),
    path(
        "manage/<uuid:case_study_uuid>/names/",
        manage.anonymisation_check,
        name="anonymisation-check",
    ),
    path("manage/<uuid:case_study_uuid>/people/new/", manage.person_add, name="person-add"),
    path("manage/people/<uuid:person_uuid>/consent/", manage.person_consent, name="person-consent"),
    path("manage/people/<uuid:person_uuid>/remove/", manage.person_remove, name="person-remove"),
    path("manage/<uuid:case_study_uuid>/figures/new/", manage.figure_add, name="figure-add"),
    path("manage/figures/<uuid:figure_uuid>/remove/", manage.figure_remove, name="figure-remove"),
    path(
        "manage/<uuid:case_study_uuid>/submit/", manage.case_study_submit, name="case-study-submit"
    ),
    path(
        "manage/<uuid:case_study_uuid>/endorse/",
        manage.case_study_endorse,
        name="case-study-endorse",
    ),
    path(
        "manage/<uuid:case_study_uuid>/return/", manage.case_study_return, name="case-study-return"
    ),
    path(
        "manage/<uuid:case_study_uuid>/publish/",
        manage.case_study_publish,
        name="case-study-publish",
    ),
    path(
        "manage/<uuid:case_study_uuid>/withdraw/",
        manage.case_study_withdraw,
        name="case-study-withdraw",
    ),
]
