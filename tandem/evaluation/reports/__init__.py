"""The programme report: engagement, impact, associations and self-direction, as tables.

Every table goes through `suppress_small_groups` before it leaves this module, so pages,
CSV and PDF show the same figures with the same suppression. Aggregates run in SQL;
only per-respondent pairs (for the statistics) come back as rows. Queries: engagement
relationships; meetings by month; agenda items by month; impact pairs; helpfulness and
meetings; trained mentors' change; choice and value; check-ins by round; impact pairs and
each person's meetings and contact time (dose–response). p-values are adjusted across the
whole report (reports.multiple_tests).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from tandem.evaluation.reports.check_ins import check_in_table
from tandem.evaluation.reports.engagement import (
    engagement_by_month,
    engagement_by_organisation,
    self_direction_by_month,
)
from tandem.evaluation.reports.impact import (
    associations_table,
    dose_response_table,
    impact_table,
)
from tandem.evaluation.reports.multiple_tests import adjust_across_report
from tandem.evaluation.tables import Table, suppress_small_groups
from tandem.framework import keys
from tandem.framework.models import FrameworkItem
from tandem.programmes.models import Programme


@dataclass(frozen=True)
class Report:
    programme: Programme
    engagement: Table
    self_direction: Table
    impact: Table
    associations: Table
    check_ins: Table
    engagement_by_organisation: Table
    dose_response: Table

    @property
    def tables(self) -> list[Table]:
        return [
            self.engagement,
            self.self_direction,
            self.impact,
            self.associations,
            self.check_ins,
            self.engagement_by_organisation,
            self.dose_response,
        ]

    def table(self, key: str) -> Table | None:
        return next((table for table in self.tables if table.key == key), None)


def build_report(programme: Programme, today: dt.date | None = None) -> Report:
    today = today or timezone.localdate()
    titles = dict(FrameworkItem.objects.filter(kind=keys.Kind.IMPACT).values_list("key", "title"))
    tables = adjust_across_report(
        [
            suppress_small_groups(engagement_by_month(programme, today)),
            suppress_small_groups(self_direction_by_month(programme, today)),
            suppress_small_groups(impact_table(programme, titles)),
            suppress_small_groups(associations_table(programme)),
            suppress_small_groups(check_in_table(programme)),
            suppress_small_groups(engagement_by_organisation(programme, today)),
            suppress_small_groups(dose_response_table(programme, titles)),
        ]
    )
    return Report(programme, *tables)
