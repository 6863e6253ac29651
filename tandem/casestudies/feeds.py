"""The Atom feed of newly published case studies."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from tandem.casestudies.models import Publication

FEED_SIZE = 50


class NewCaseStudiesFeed(Feed):
    feed_type = Atom1Feed
    title = "Tandem case studies: newly published"
    subtitle = (
        "Case studies of mentoring and coaching that organisations have written about their "
        "own practice."
    )

    def link(self) -> str:
        return reverse("casestudies:public-list")

    def items(self) -> "QuerySet[Publication]":
        return Publication.objects.only(
            "title",
            "summary",
            "organisation_name",
            "published_at",
            "revised_at",
            "uuid",
        ).order_by("-published_at", "-id")[:FEED_SIZE]

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        return item.summary

    def item_author_name(self, item: Publication) -> str:
        return item.organisation_name

    def item_pubdate(self, item: Publication) -> dt.datetime:
        return item.published_at

    def item_updateddate(self, item: Publication) -> dt.datetime:
        return item.revised_at
