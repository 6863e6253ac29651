"""The constant comparison assistant: which passages already coded in a study read most
like the one being coded, the codes they carry, and codes that may be one code twice.

Seed 001 read its data "several times using the constant comparative method": each new
passage is compared with what has already been coded. Tandem does the finding: passages
are TF-IDF vectors (scikit-learn, as the matching engine uses), compared by cosine.

A *passage* is one coded span (document, start, end): when several coders or codes cover
the same span it is one passage carrying all their codes, so it is found once. The study's
index (vectoriser + sparse matrix of passages) is built once and kept in this process
(a small LRU) until the study's coded segments change: its key is a stamp of the
analysable segments (count, latest change, sum of keys), one aggregate query. That query
reads every segment of the study, so it is not run on every lookup: this process's saves
of segments, documents and participants (signals, tandem.research.apps) mark the stamps
stale at once, and changes made by another app server are noticed within
`STAMP_TTL_SECONDS`. Each app server keeps its own index; a vectoriser is too large to
pass through a shared cache on every request. Everything is read through
tandem.research.selectors, and the passages found are checked against it again when they
are named, so a withdrawn participant's passage is never shown, even from an index built
before they withdrew.
"""

import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Max, Sum
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from tandem.research.models import Code, CodedSegment, Study
from tandem.research.selectors import (
    analysable_documents,
    analysable_segments,
    consenting_participants,
)

# How many studies' indexes one process keeps.
INDEX_CACHE_SIZE = 8
# Two passages this alike (cosine) are near-identical for the merge suggestions.
NEAR_DUPLICATE = 0.8
# A pair of codes is suggested for merging when at least this share of either code's
# passages has a near-identical passage under the other …
MERGE_SHARE = 0.5
# … or when their passages' centroids are this alike.
MERGE_CENTROID = 0.85
# How long a checked stamp is trusted without asking the database again.
STAMP_TTL_SECONDS = 2.0
# Below this, a similar passage is noise: nothing in common but a stop word or two.
MIN_SIMILARITY = 0.05


@dataclass(frozen=True)
class Passage:
    document_id: int
    start: int
    end: int
    text: str
    code_ids: tuple[int, ...]
    segment_ids: tuple[int, ...]


@dataclass(frozen=True)
class StudyIndex:
    stamp: tuple
    passages: tuple[Passage, ...]
    vectoriser: TfidfVectorizer | None  # None when the study has no coded passage yet
    matrix: sparse.csr_matrix  # one L2-normalised row per passage

    def vector(self, text: str) -> sparse.csr_matrix | None:
        if self.vectoriser is None:
            return None
        return self.vectoriser.transform([text])


@dataclass(frozen=True)
class SimilarPassage:
    passage: Passage
    similarity: float
    codes: tuple[Code, ...]
    pseudonym: str
    strand: str
    document_title: str


@dataclass(frozen=True)
class SuggestedCode:
    code: Code
    score: float  # summed similarity of the similar passages carrying it
    num_passages: int


@dataclass(frozen=True)
class Comparison:
    similar: tuple[SimilarPassage, ...]
    suggested: tuple[SuggestedCode, ...]


_cache: "OrderedDict[int, StudyIndex]" = OrderedDict()
_checked_at: dict[int, float] = {}  # study pk → when its stamp was last read
_lock = threading.Lock()


def index_stamp(study: Study) -> tuple:
    """What changes whenever the study's analysable segments change: its segments, its
    consenting participants and its reviewed documents (three aggregates on indexed
    columns; cheaper than asking the analysable segments themselves, which joins all)."""
    segments = CodedSegment.objects.filter(document__study_id=study.pk).aggregate(
        num=Count("pk"), latest=Max("updated_at"), keys=Sum("pk")
    )
    participants = consenting_participants(study).aggregate(num=Count("pk"), keys=Sum("pk"))
    documents = analysable_documents(study).aggregate(num=Count("pk"), keys=Sum("pk"))
    return (
        tuple(segments.values()),
        tuple(participants.values()),
        tuple(documents.values()),
    )


def build_index(study: Study, *, stamp: tuple | None = None) -> StudyIndex:
    """The study's passages as TF-IDF vectors. Reads every analysable document once."""
    stamp = index_stamp(study) if stamp is None else stamp
    rows = (
        analysable_segments(study)
        .order_by("document_id", "start", "end", "pk")
        .values_list("pk", "document_id", "start", "end", "code_id")
    )
    spans: dict[tuple[int, int, int], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for pk, document_id, start, end, code_id in rows.iterator(chunk_size=5000):
        segment_ids, code_ids = spans[(document_id, start, end)]
        segment_ids.append(pk)
        if code_id not in code_ids:
            code_ids.append(code_id)
    document_ids = {document_id for document_id, _, _ in spans}
    texts: dict[int, str] = dict(
        analysable_documents(study)
        .filter(pk__in=document_ids)
        .values_list("pk", "text")
        .iterator(chunk_size=200)
    )
    passages = tuple(
        Passage(document_id, start, end, texts[document_id][start:end], tuple(codes), tuple(ids))
        for (document_id, start, end), (ids, codes) in spans.items()
        if document_id in texts
    )
    if not passages:
        return StudyIndex(stamp, (), None, sparse.csr_matrix((0, 0), dtype=np.float32))
    vectoriser = TfidfVectorizer(stop_words="english", sublinear_tf=True, dtype=np.float32)
    try:
        matrix = vectoriser.fit_transform([passage.text for passage in passages]).tocsr()
    except ValueError:  # nothing but stop words in every passage: no vocabulary
        return StudyIndex(stamp, passages, None, sparse.csr_matrix((len(passages), 0)))
    return StudyIndex(stamp, passages, vectoriser, matrix)


def study_index(study: Study) -> StudyIndex:
    """The study's index, rebuilt only when its analysable segments changed."""
    with _lock:
        index = _cache.get(study.pk)
        checked_at = _checked_at.get(study.pk)
        if (
            index is not None
            and checked_at is not None
            and time.monotonic() - checked_at < STAMP_TTL_SECONDS
        ):
            _cache.move_to_end(study.pk)
            return index
    stamp = index_stamp(study)
    if index is None or index.stamp != stamp:
        index = build_index(study, stamp=stamp)
    with _lock:
        _cache[study.pk] = index
        _checked_at[study.pk] = time.monotonic()
        _cache.move_to_end(study.pk)
        while len(_cache) > INDEX_CACHE_SIZE:
            evicted, _ = _cache.popitem(last=False)
            _checked_at.pop(evicted, None)
    return index


def mark_stale(**_signal: object) -> None:
    """A segment, document or participant changed: read every stamp again before use
    (signal receiver; cheap, and no query to find which study)."""
    with _lock:
        _checked_at.clear()


def forget_indexes() -> None:
    """Empty this process's cache (tests; the stamp keeps it right otherwise)."""
    with _lock:
        _cache.clear()
        _checked_at.clear()


def _top(scores: np.ndarray, limit: int) -> np.ndarray:
    """Indexes of the `limit` best scores, best first."""
    if len(scores) > limit:
        best = np.argpartition(-scores, limit)[:limit]
    else:
        best = np.arange(len(scores))
    return best[np.argsort(-scores[best], kind="stable")]


def similar_to_text(
    study: Study,
    text: str,
    *,
    limit: int = 8,
    exclude: tuple[int, int, int] | None = None,
) -> Comparison:
    """The passages already coded in the study most like `text`, with their codes, and
    the codes they suggest, best first. `exclude` leaves out one span (the passage itself
    when comparing a coded segment)."""
    index = study_index(study)
    vector = index.vector(text)
    if vector is None or vector.nnz == 0:
        return Comparison((), ())
    scores = (index.matrix @ vector.T).toarray().ravel()
    if exclude is not None:
        for position, passage in enumerate(index.passages):
            if (passage.document_id, passage.start, passage.end) == exclude:
                scores[position] = 0.0
    best = [int(i) for i in _top(scores, limit) if scores[i] >= MIN_SIMILARITY]
    return _describe(study, index, best, scores)


def similar_to_segment(study: Study, segment: CodedSegment, *, limit: int = 8) -> Comparison:
    """The passages most like a coded segment's, other than its own span."""
    return similar_to_text(
        study,
        segment.quote,
        limit=limit,
        exclude=(segment.document_id, segment.start, segment.end),
    )


def _describe(study: Study, index: StudyIndex, best: list[int], scores: np.ndarray) -> Comparison:
    """Name the passages found (three queries, whatever the limit)."""
    passages = [index.passages[i] for i in best]
    code_ids = {code_id for passage in passages for code_id in passage.code_ids}
    codes = Code.objects.in_bulk(code_ids)
    documents = (
        analysable_documents(study)
        .filter(pk__in={passage.document_id for passage in passages})
        .select_related("participant", "participant__strand")
        .only("pk", "title", "participant__pseudonym", "participant__strand__name")
    )
    by_pk = {document.pk: document for document in documents}
    similar = []
    for i, passage in zip(best, passages, strict=True):
        document = by_pk.get(passage.document_id)
        if document is None:  # withdrawn since the index was built
            continue
        participant = document.participant
        similar.append(
            SimilarPassage(
                passage=passage,
                similarity=float(scores[i]),
                codes=tuple(codes[c] for c in passage.code_ids if c in codes),
                pseudonym=participant.pseudonym if participant else "Research team",
                strand=participant.strand.name if participant else "",
                document_title=document.title,
            )
        )
    return Comparison(tuple(similar), _suggest(similar))


def _suggest(similar: Iterable[SimilarPassage]) -> tuple[SuggestedCode, ...]:
    totals: dict[int, list] = {}
    for item in similar:
        for code in item.codes:
            entry = totals.setdefault(code.pk, [code, 0.0, 0])
            entry[1] += item.similarity
            entry[2] += 1
    ranked = sorted(totals.values(), key=lambda entry: (-entry[1], entry[0].name))
    return tuple(SuggestedCode(code, round(score, 4), num) for code, score, num in ranked)


@dataclass(frozen=True)
class MergeSuggestion:
    first: Code
    second: Code
    centroid_similarity: float
    share_first: float  # share of `first`'s passages with a near-identical one under `second`
    share_second: float
    examples: tuple[tuple[str, str, float], ...]  # (quote under first, under second, cosine)


def merge_suggestions(study: Study, *, max_examples: int = 3) -> list[MergeSuggestion]:
    """Pairs of codes whose passages are near-duplicates of each other, with the evidence,
    most alike first. Parent and child are never suggested: a parent groups its children."""
    index = study_index(study)
    if index.vectoriser is None:
        return []
    rows_by_code: dict[int, list[int]] = defaultdict(list)
    for position, passage in enumerate(index.passages):
        for code_id in passage.code_ids:
            rows_by_code[code_id].append(position)
    code_ids = sorted(rows_by_code)
    if len(code_ids) < 2:  # a pair needs two codes
        return []
    centroids = np.vstack(
        [np.asarray(index.matrix[rows_by_code[c]].mean(axis=0)).ravel() for c in code_ids]
    )
    norms = np.linalg.norm(centroids, axis=1)
    norms[norms == 0] = 1.0
    centroids = centroids / norms[:, None]
    centroid_cosines = centroids @ centroids.T
    codes = Code.objects.in_bulk(code_ids)
    suggestions = []
    for a_pos, a in enumerate(code_ids):
        for b_pos in range(a_pos + 1, len(code_ids)):
            b = code_ids[b_pos]
            if codes[a].parent_id == b or codes[b].parent_id == a:
                continue
            centroid = float(centroid_cosines[a_pos, b_pos])
            # Only pairs with something in common are worth the pairwise comparison.
            if centroid < NEAR_DUPLICATE * MERGE_SHARE:
                continue
            rows_a, rows_b = rows_by_code[a], rows_by_code[b]
            pairwise = (index.matrix[rows_a] @ index.matrix[rows_b].T).toarray()
            near = pairwise >= NEAR_DUPLICATE
            share_a = float(near.any(axis=1).mean())
            share_b = float(near.any(axis=0).mean())
            if max(share_a, share_b) < MERGE_SHARE and centroid < MERGE_CENTROID:
                continue
            order = np.argsort(-pairwise, axis=None)[:max_examples]
            examples = tuple(
                (
                    index.passages[rows_a[i // len(rows_b)]].text,
                    index.passages[rows_b[i % len(rows_b)]].text,
                    round(float(pairwise.flat[i]), 3),
                )
                for i in order
                if pairwise.flat[i] >= MIN_SIMILARITY
            )
            suggestions.append(
                MergeSuggestion(codes[a], codes[b], centroid, share_a, share_b, examples)
            )
    suggestions.sort(key=lambda s: -max(s.share_first, s.share_second, s.centroid_similarity))
    return suggestions
