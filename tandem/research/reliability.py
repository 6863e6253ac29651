"""Agreement between coders who coded the same documents blind.

**Unit of analysis.** Each document is cut into sentences: a unit ends at ".", "!" or "?"
followed by white space, or at a line break (so every speaker turn of a transcript starts
a new unit), and is trimmed of white space; empty units are dropped. A coder *applied*
code c to a unit when one of their segments of c, coded in a blind pass, overlaps it by
at least one character. For each code, each unit then gets a yes/no from every coder.

**Which coders and units.** The coders are those with a blind pass in the study. A
document counts for a coder when they coded something in it in a blind pass (they read
it); a unit is compared between the coders who read its document. Cohen's kappa is
computed when exactly two coders read documents in common; Krippendorff's alpha
(nominal, with the `krippendorff` package) for two or more, with units a coder did not
read treated as missing. Percentage agreement is the share of units (read by two coders
or more) on which all its coders agree.

Undefined cases are not computable, with the reason, never NaN or a 1.0 by accident: no
units read by two coders; only one coder; no variation (every coder said the same for
every unit, so chance agreement is total and the statistic is 0/0).
"""

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import krippendorff
import numpy as np

from tandem.research.models import Code, Study
from tandem.research.selectors import analysable_documents, analysable_segments

UNIT_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
MIN_CODERS = 2


@dataclass(frozen=True)
class Statistic:
    """A figure, or None with the reason it cannot be computed."""

    value: float | None
    reason: str = ""

    @property
    def is_computable(self) -> bool:
        return self.value is not None

    @property
    def display(self) -> str:
        """Two places, or why not: what every page and export shows."""
        return (
            self.reason_text if self.value is None else f"{self.value:.2f}".replace("-0.00", "0.00")
        )

    @property
    def as_percent(self) -> str:
        return self.reason_text if self.value is None else f"{100 * self.value:.0f}%"

    @property
    def reason_text(self) -> str:
        return f"Not computable: {self.reason}"


NO_UNITS = "No units were read by two coders."
ONE_CODER = "Only one coder coded these documents blind."
NO_VARIATION = (
    "No variation: every coder made the same choice on every unit, so agreement "
    "beyond chance cannot be measured."
)


def cohen_kappa(first: Sequence[object], second: Sequence[object]) -> Statistic:
    """Cohen's kappa for two coders' labels of the same units: (po − pe) / (1 − pe), where
    po is the observed agreement and pe the agreement expected from each coder's label
    frequencies."""
    if len(first) != len(second):
        message = "Both coders must label the same units."
        raise ValueError(message)
    n = len(first)
    if n == 0:
        return Statistic(None, NO_UNITS)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    counts_first: dict[object, int] = defaultdict(int)
    counts_second: dict[object, int] = defaultdict(int)
    for label in first:
        counts_first[label] += 1
    for label in second:
        counts_second[label] += 1
    expected = sum(counts_first[k] * counts_second.get(k, 0) for k in counts_first) / (n * n)
    if expected >= 1.0:
        return Statistic(None, NO_VARIATION)
    return Statistic((observed - expected) / (1.0 - expected))


def krippendorff_alpha(data: np.ndarray) -> Statistic:
    """Nominal alpha for a coders × units matrix of 0/1 with NaN where a coder did not
    read the unit."""
    if data.shape[0] < MIN_CODERS:
        return Statistic(None, ONE_CODER)
    pairable = (~np.isnan(data)).sum(axis=0) >= MIN_CODERS
    data = data[:, pairable]
    if data.shape[1] == 0:
        return Statistic(None, NO_UNITS)
    if len(np.unique(data[~np.isnan(data)])) < MIN_CODERS:
        return Statistic(None, NO_VARIATION)
    value = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    if np.isnan(value):
        return Statistic(None, NO_VARIATION)
    return Statistic(value)


def percentage_agreement(data: np.ndarray) -> Statistic:
    pairable = (~np.isnan(data)).sum(axis=0) >= MIN_CODERS
    if data.shape[0] < MIN_CODERS:
        return Statistic(None, ONE_CODER)
    if not pairable.any():
        return Statistic(None, NO_UNITS)
    columns = data[:, pairable]
    agree = [len(set(col[~np.isnan(col)].tolist())) == 1 for col in columns.T]
    return Statistic(float(np.mean(agree)))


def units(text: str) -> list[tuple[int, int]]:
    """The document's units as (start, end) offsets into its text."""
    found = []
    position = 0
    for match in [*UNIT_BREAK.finditer(text), None]:
        stop = match.start() if match else len(text)
        piece = text[position:stop]
        stripped = piece.strip()
        if stripped:
            start = position + piece.index(stripped)
            found.append((start, start + len(stripped)))
        position = match.end() if match else stop
    return found


@dataclass(frozen=True)
class Disagreement:
    document_title: str
    unit_text: str
    applied_by: tuple[str, ...]
    not_applied_by: tuple[str, ...]


@dataclass(frozen=True)
class CodeAgreement:
    code: Code
    num_units: int
    percentage: Statistic
    kappa: Statistic
    alpha: Statistic
    disagreements: tuple[Disagreement, ...] = field(default=())


@dataclass(frozen=True)
class ReliabilityReport:
    coders: tuple[str, ...]
    num_documents: int
    num_units: int
    codes: tuple[CodeAgreement, ...]
    reason: str = ""  # why nothing can be compared, when that is so

    @property
    def mean_kappa(self) -> float | None:
        values = [c.kappa.value for c in self.codes if c.kappa.value is not None]
        return float(np.mean(values)) if values else None

    @property
    def mean_alpha(self) -> float | None:
        values = [c.alpha.value for c in self.codes if c.alpha.value is not None]
        return float(np.mean(values)) if values else None


def study_reliability(study: Study) -> ReliabilityReport:
    """Agreement per code between the study's blind coders, over analysable documents."""
    segments = list(
        analysable_segments(study)
        .filter(coding_pass__is_blind=True)
        .values_list("document_id", "code_id", "coder_id", "start", "end", "coder__full_name")
    )
    coder_names: dict[int, str] = {}
    read: dict[int, set[int]] = defaultdict(set)  # document → coders who read it
    for document_id, _, coder_id, _, _, name in segments:
        coder_names[coder_id] = name
        read[document_id].add(coder_id)
    coder_ids = sorted(coder_names, key=lambda c: coder_names[c])
    coders = tuple(coder_names[c] for c in coder_ids)
    shared = {d for d, who in read.items() if len(who) >= MIN_CODERS}
    if len(coder_ids) < MIN_CODERS:
        return ReliabilityReport(coders, 0, 0, (), ONE_CODER)
    if not shared:
        return ReliabilityReport(coders, 0, 0, (), NO_UNITS)
    documents = list(
        analysable_documents(study)
        .filter(pk__in=shared)
        .order_by("title")
        .values_list("pk", "title", "text")
    )
    unit_rows: list[tuple[int, str, int, int, str]] = []  # (doc, title, start, end, text)
    for pk, title, text in documents:
        unit_rows.extend((pk, title, s, e, text[s:e]) for s, e in units(text))
    by_code: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
    for document_id, code_id, coder_id, start, end, _ in segments:
        if document_id in shared:
            by_code[code_id].append((document_id, coder_id, start, end))
    codes = Code.objects.filter(pk__in=by_code).order_by("name")
    results = tuple(
        _code_agreement(code, by_code[code.pk], unit_rows, coder_ids, coder_names, read)
        for code in codes
    )
    return ReliabilityReport(coders, len(documents), len(unit_rows), results)


def _code_agreement(  # noqa: PLR0917 - private helper, called once
    code: Code,
    segments: list[tuple[int, int, int, int]],
    unit_rows: list[tuple[int, str, int, int, str]],
    coder_ids: list[int],
    coder_names: dict[int, str],
    read: dict[int, set[int]],
) -> CodeAgreement:
    spans: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for document_id, coder_id, start, end in segments:
        spans[(document_id, coder_id)].append((start, end))
    data = np.full((len(coder_ids), len(unit_rows)), np.nan)
    for column, (document_id, _, u_start, u_end, _) in enumerate(unit_rows):
        for row, coder_id in enumerate(coder_ids):
            if coder_id not in read[document_id]:
                continue
            data[row, column] = float(
                any(s < u_end and e > u_start for s, e in spans.get((document_id, coder_id), []))
            )
    if len(coder_ids) == MIN_CODERS:
        both = ~np.isnan(data).any(axis=0)
        kappa = cohen_kappa(data[0, both].tolist(), data[1, both].tolist())
    else:
        kappa = Statistic(None, "Cohen's kappa compares two coders; see alpha.")
    disagreements = []
    for column, (_, title, _, _, text) in enumerate(unit_rows):
        values = data[:, column]
        known = ~np.isnan(values)
        if known.sum() >= MIN_CODERS and len(set(values[known].tolist())) > 1:
            disagreements.append(
                Disagreement(
                    title,
                    text,
                    tuple(coder_names[c] for c, v in zip(coder_ids, values, strict=True) if v == 1),
                    tuple(coder_names[c] for c, v in zip(coder_ids, values, strict=True) if v == 0),
                )
            )
    return CodeAgreement(
        code=code,
        num_units=int(((~np.isnan(data)).sum(axis=0) >= MIN_CODERS).sum()),
        percentage=percentage_agreement(data),
        kappa=kappa,
        alpha=krippendorff_alpha(data),
        disagreements=tuple(disagreements),
    )
