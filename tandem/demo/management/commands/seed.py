from django.core.management.base import BaseCommand, CommandError

from tandem.demo.seeding import SeedError, seed_people

MAX_PEOPLE = 1_000_000


def whole_number(name: str, value: str, *, low: int, high: int) -> int:
    try:
        number = int(value.replace(",", "").replace("_", ""))
    except ValueError:
        message = f"--{name} must be a whole number, not {value!r}."
        raise CommandError(message) from None
    if not low <= number <= high:
        message = f"--{name} must be between {low:,} and {high:,}; got {number:,}."
        raise CommandError(message)
    return number


class Command(BaseCommand):
    help = (
        "Generate a scaled synthetic population with bulk inserts: organisations, people, "
        "profiles, memberships with line managers, and mentor training records."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", required=True, help="How many people (1 to 1,000,000).")
        parser.add_argument("--seed", default="1", help="Random seed: same seed, same data.")

    def handle(self, *args, **options):
        num_people = whole_number("people", options["people"], low=1, high=MAX_PEOPLE)
        seed = whole_number("seed", options["seed"], low=0, high=2**31 - 1)
        try:
            result = seed_people(
                num_people=num_people,
                seed=seed,
                progress=lambda message: self.stdout.write(f"  … {message}"),
            )
        except SeedError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {result.num_people:,} people in {result.num_organisations:,} "
                f"organisations ({result.num_rows:,} rows) in {result.seconds:.1f} s."
            )
        )
