"""What a study's analysis may read.

Everything that analyses or exports a study's data reads it through these, so that a
participant who withdraws (or never consented) drops out of coding views' comparisons,
frequencies, themes, reliability, reports and exports at once. Documents without a
participant (field notes) are the team's own and always included.
"""

from django.db.models import Q, QuerySet

from tandem.research.models import CodedSegment, Document, Participant, Study

IN_ANALYSIS = Q(participant__isnull=True) | Q(participant__consent=Participant.Consent.GIVEN)


def analysable_documents(study: Study) -> "QuerySet[Document]":
    """The study's documents that may be analysed: consenting participants' (or nobody's),
    once their pseudonyms have been reviewed."""
    return Document.objects.filter(IN_ANALYSIS, study=study, pseudonyms_reviewed_at__isnull=False)


def analysable_segments(study: Study) -> "QuerySet[CodedSegment]":
    """Coded segments in the documents above."""
    return CodedSegment.objects.filter(
        document__in=analysable_documents(study).values("pk")
    ).select_related("code", "document")


def consenting_participants(study: Study) -> "QuerySet[Participant]":
    return Participant.objects.filter(study=study, consent=Participant.Consent.GIVEN)
