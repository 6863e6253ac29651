"""Time a recurring check-in's results (page and selector) for a programme of 5,000
relationships: about 21,000 responses and 105,000 answers over six rounds.

Usage: .venv/bin/python bench/survey_results.py [--relationships 5000] [--runs 15]
       [--keep FILE.sqlite3]
Seeds a throw-away SQLite database (or DATABASE_URL) with bench/reports.py's programme,
then times `selectors.survey_results` for the check-in survey and the results page through
Django's test client, printing each run, the median and the 95th percentile, and the
queries each ran.
"""

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from reports import seed, setup


def _percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _open_database(keep: str | None, folder: str) -> bool:
    """Migrate the kept SQLite file (or a new database in `folder`); True if the kept file
    was already seeded."""
    was_seeded = keep is not None and Path(keep).exists()
    if keep is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(keep).resolve()}"
    setup(folder)
    return was_seeded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--relationships", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", help="SQLite file to keep and reuse (skips seeding)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        reuse = _open_database(args.keep, folder)
        from django.db import connection  # noqa: PLC0415
        from django.test import Client  # noqa: PLC0415
        from django.test.utils import CaptureQueriesContext  # noqa: PLC0415
        from django.urls import reverse  # noqa: PLC0415

        from tandem.evaluation import selectors  # noqa: PLC0415
        from tandem.evaluation.models import Answer, Survey, SurveyResponse  # noqa: PLC0415
        from tandem.programmes.models import Programme  # noqa: PLC0415

        if not reuse:
            seed(args.relationships)
        programme = Programme.objects.get(name="Bench programme")
        coordinator = programme.coordinators.get()
        survey = Survey.objects.get(programme=programme, template_key="check-in")
        print(
            f"check-in: {SurveyResponse.objects.filter(survey=survey).count():,} responses, "
            f"{Answer.objects.filter(response__survey=survey).count():,} answers"
        )
        client = Client(HTTP_HOST="localhost")
        client.force_login(coordinator)
        url = reverse("evaluation:survey-results", args=[survey.uuid])
        client.get(url)  # warm-up: template loading, connection
        for name, run in (
            ("selectors.survey_results", lambda: selectors.survey_results(survey)),
            ("results page", lambda: client.get(url)),
        ):
            times = []
            for _ in range(args.runs):
                with CaptureQueriesContext(connection) as queries:
                    begun = time.perf_counter()
                    run()
                    times.append((time.perf_counter() - begun) * 1000)
            print(
                f"{name}: median {statistics.median(times):.0f} ms, "
                f"p95 {_percentile(times, 0.95):.0f} ms over {args.runs} runs, "
                f"{len(queries.captured_queries)} queries"
            )


if __name__ == "__main__":
    main()
