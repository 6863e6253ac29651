"""Agreement between coders: Cohen's kappa (ours, checked against scikit-learn and a
hand-computed value), Krippendorff's alpha, units, and the study's reliability report."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from tandem.research import reliability
from tandem.research.models import CodedSegment, CodingPass
from tandem.research.reliability import (
    NO_UNITS,
    NO_VARIATION,
    ONE_CODER,
    cohen_kappa,
    krippendorff_alpha,
    units,
)
from tandem.research.tests.cast import build_study_cast

pairs = st.integers(min_value=1, max_value=60).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 2), min_size=n, max_size=n),
        st.lists(st.integers(0, 2), min_size=n, max_size=n),
    )
)


def test_kappa_equals_the_hand_computed_value():
    """Ten units, coder A applies the code to units 1-4, coder B to units 1-3 and 5.

    Table (A down, B across):  B yes  B no
                        A yes    3      1
                        A no     1      5
    po = (3 + 5) / 10 = 0.8
    A says yes 4/10, B says yes 4/10: pe = 0.4 × 0.4 + 0.6 × 0.6 = 0.16 + 0.36 = 0.52
    kappa = (0.8 − 0.52) / (1 − 0.52) = 0.28 / 0.48 = 7/12 = 0.58333…
    """
    first = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    second = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0]
    assert cohen_kappa(first, second).value == pytest.approx(7 / 12)


@given(pairs)
@settings(max_examples=200, deadline=None)
def test_kappa_is_between_minus_one_and_one_symmetric_and_agrees_with_sklearn(pair):
    first, second = pair
    ours = cohen_kappa(first, second)
    theirs = cohen_kappa_score(first, second) if len(set(first) | set(second)) > 1 else math.nan
    if ours.value is None:
        assert ours.reason == NO_VARIATION
        assert len(set(first) | set(second)) == 1
    else:
        assert -1.0 - 1e-9 <= ours.value <= 1.0 + 1e-9
        assert ours.value == pytest.approx(theirs, abs=1e-9)
    assert cohen_kappa(second, first).value == ours.value


@given(st.lists(st.integers(0, 1), min_size=2, max_size=40).filter(lambda xs: len(set(xs)) > 1))
def test_identical_codings_with_variation_give_one(labels):
    assert cohen_kappa(labels, list(labels)).value == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ([0] * 10, [0] * 9 + [1]),  # one disagreement among all zeros
        ([1] * 10, [1] * 9 + [0]),  # one disagreement among all ones
        ([0] * 10, [1] * 10),  # total disagreement, no variation within each coder
        ([0, 1] * 5, [1, 0] * 5),  # systematic disagreement
    ],
)
def test_adversarial_inputs_agree_with_sklearn(first, second):
    assert cohen_kappa(first, second).value == pytest.approx(cohen_kappa_score(first, second))


@pytest.mark.parametrize("labels", [[0] * 8, [1] * 8])
def test_all_zeros_or_all_ones_is_not_computable_rather_than_nan_or_one(labels):
    result = cohen_kappa(labels, list(labels))
    assert result.value is None
    assert result.reason == NO_VARIATION


def test_no_units_is_not_computable():
    assert cohen_kappa([], []).reason == NO_UNITS


def test_labels_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="same units"):
        cohen_kappa([1, 0], [1])


def test_alpha_reasons_and_a_known_value():
    assert krippendorff_alpha(np.array([[1.0, 0.0]])).reason == ONE_CODER
    assert krippendorff_alpha(np.array([[1.0, np.nan], [np.nan, 0.0]])).reason == NO_UNITS
    assert krippendorff_alpha(np.ones((3, 4))).reason == NO_VARIATION
    # Two coders, alpha (nominal) of identical codings with variation is 1.
    assert krippendorff_alpha(np.array([[1.0, 0, 1, 0], [1, 0, 1, 0]])).value == pytest.approx(1)
    # Three coders, one missing value; alpha is below 1 when they differ.
    data = np.array([[1.0, 0, 1, 0], [1, 0, 0, 0], [np.nan, 0, 1, 0]])
    assert krippendorff_alpha(data).value < 1


def test_units_are_sentences_and_turns_trimmed():
    text = "Q: Why?\nA: Time. It is hard!  \n\nNo more"
    assert [text[s:e] for s, e in units(text)] == ["Q: Why?", "A: Time.", "It is hard!", "No more"]
    assert units("   ") == []


@pytest.mark.django_db
class TestStudyReliability:
    def test_two_blind_coders_get_kappa_alpha_and_disagreements(self):
        cast = build_study_cast()
        study, lead, coder = cast["study"], cast["lead"], cast["coder"]
        time = cast["codes"]["time"]
        document = cast["documents"]["Coach 1"]
        blind_lead = CodingPass.objects.create(study=study, coder=lead, number=2, is_blind=True)
        blind_coder = CodingPass.objects.create(study=study, coder=coder, number=1, is_blind=True)

        def code(coding_pass, needle):
            start = document.text.index(needle)
            CodedSegment.objects.create(
                document=document,
                code=time,
                start=start,
                end=start + len(needle),
                coder=coding_pass.coder,
                coding_pass=coding_pass,
            )

        code(blind_lead, "we never had protected time")
        code(blind_lead, "training gave me confidence")
        code(blind_coder, "Time is the real problem")
        report = reliability.study_reliability(study)
        assert report.coders == ("Cole Coder", "Rhea Researcher")
        assert report.num_documents == 1
        (agreement,) = report.codes
        assert agreement.code == time
        unit_texts = [document.text[s:e] for s, e in units(document.text)]
        by_cole = [int("Time is the real" in t) for t in unit_texts]
        by_rhea = [int("Time is the real" in t or "training gave me" in t) for t in unit_texts]
        assert sum(by_rhea) == 2  # the two units differ in one place
        assert agreement.kappa.value == pytest.approx(cohen_kappa_score(by_cole, by_rhea))
        assert agreement.alpha.is_computable
        (disagreement,) = agreement.disagreements
        assert "training gave me confidence" in disagreement.unit_text
        assert disagreement.applied_by == ("Rhea Researcher",)
        assert disagreement.not_applied_by == ("Cole Coder",)

    def test_one_coder_and_withdrawn_participants_are_not_computable(self):
        cast = build_study_cast()
        study = cast["study"]
        assert reliability.study_reliability(study).reason == ONE_CODER
        blind = CodingPass.objects.create(study=study, coder=cast["coder"], number=1, is_blind=True)
        other = CodingPass.objects.create(study=study, coder=cast["lead"], number=2, is_blind=True)
        document = cast["documents"]["User 1"]
        for coding_pass in (blind, other):
            CodedSegment.objects.create(
                document=document,
                code=cast["codes"]["safety"],
                start=0,
                end=5,
                coder=coding_pass.coder,
                coding_pass=coding_pass,
            )
        assert reliability.study_reliability(study).num_documents == 1
        participant = cast["participants"]["User 1"]
        participant.consent = participant.Consent.WITHDRAWN
        participant.save(update_fields=["consent"])
        assert reliability.study_reliability(study).reason == ONE_CODER
