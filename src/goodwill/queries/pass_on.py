"""Who else would be interested in this? The pass-it-on ranking, read only."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Set
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
from django.db.models import Q, QuerySet

from goodwill import clock
from goodwill.errors import InvalidInput, NotFound
from goodwill.habits.matching import Match, Query, build_query, concept_weights, words
from goodwill.habits.meaning import DIMENSIONS, encode_one, encode_roughly
from goodwill.habits.meaning.pieces import windows
from goodwill.habits.meaning.score import (
    KIND_WEIGHTS,
    LISTED,
    STANDS_OUT,
    best_matches,
    closest_words,
    digest,
)
from goodwill.models import Item, Person, Share
from goodwill.models.base import Owner
from goodwill.queries.compiled import Compiled, padded
from goodwill.search.model_upgrade import pending

# Which of the people nearest in meaning are the owner's active ones: compiled once (a Person
# page's ideas rank once per need); `padded` keeps a handful of IN-list shapes.
_ACTIVE = Compiled(
    lambda owner_id, ids: Person.objects.filter(owner_id=owner_id, pk__in=ids, archived_at__isnull=True).values_list(
        "pk", flat=True
    )
)
POOL = 100  # candidates the full-text index hands to the ranker
MEANING_POOL = 50  # candidates the vector index adds
KEPT = "kept item"  # NotFound.thing for a kept item: each front door adds its own hint
TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_|ref$)")


def clean_item(text: str, url: str | None = None, tags: list[str] | None = None) -> tuple[str, str, list[str]]:
    """Validate what is passed on: words are required, the URL must look like one."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise InvalidInput('nothing to pass on; describe it in words, e.g. "New SEC guidance on fintech custody"')
    url = (url or "").strip()
    if url and not re.match(r"^https?://[^\s/]+\.[^\s]+$", url, re.I):
        raise InvalidInput(f'"{url}" is not a web address; give it as https://…')
    tag_list = [t.strip().lstrip("#").lower() for part in (tags or []) for t in part.split(",") if t.strip()]
    return cleaned, url, list(dict.fromkeys(tag_list))


def item_key(title: str, url: str = "") -> str:
    """The same item: the same address without tracking parameters, or the same words."""
    if url:
        parts = urlsplit(url.strip())
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not TRACKING.match(k.lower())])
        host = parts.netloc.lower().removeprefix("www.")
        basis = urlunsplit(("", host, parts.path.rstrip("/"), query, ""))
    else:
        basis = " ".join(words(title))
    return hashlib.sha1(basis.encode()).hexdigest()


@dataclass
class Ranked:
    rank: int
    person_id: int
    name: str
    score: float
    reasons: list[str]
    private_reason: bool = False  # a reason comes from my private notes: never put it in a message
    top_reason_kind: str = ""
    top_reason_text: str = ""
    top_reason_shareable: bool = False


@dataclass
class PassOnRanking:
    text: str
    url: str
    tags: list[str]
    key: str
    concepts: list[str]
    people: list[Ranked]
    already_got_it: list[str] = field(default_factory=list)
    # No one in the network stands out for it: `people` is empty because no one reached the line
    # (habits.meaning.score.STANDS_OUT), and no one got it already. Empty because everyone it
    # suits already got it is not "nobody": then `already_got_it` names them.
    nobody: bool = False
    # Set while the stored vectors are made again for a new model (search.model_upgrade): the
    # ranking is by shared words alone until then, and this says so, with how far it has come.
    meaning_rebuilding: str = ""


def rank_people(
    owner: Owner,
    query: Query,
    *,
    exclude: Set[int] = frozenset(),
    limit: int = 10,
    pool: int = POOL,
    kinds: set[str] | None = None,
    min_score: float = LISTED,
    query_vector: np.ndarray | None = None,
    say_which_words: bool = True,
    indexed: bool = False,
) -> list[Match]:
    """People who stand out for a query among my active people, best first, with reasons.

    Candidates come from both indexes: the full-text one (shared words) and the
    vector one (shared meaning); habits.meaning.score ranks them on both. No one
    under `min_score` is named (pass_on_ranking then asks whether the best one
    stands out at all). A caller that has the query's vector already passes it, and one
    that doesn't quote the item's words (ideas) skips finding them: then no model runs.
    `indexed`: the caller brought the index up to date just before (ideas rank once per
    need, and need not check it each time). With `kinds`, both indexes look only at those
    kinds of field, as the scoring does."""
    from goodwill import search
    from goodwill.search import model_upgrade, vectors
    from goodwill.search.documents import candidates

    if not indexed:
        search.ensure_current(owner)
    documents = search.indexed_count(owner)  # for both rankings' idf: counted once
    kind_weights = [KIND_WEIGHTS[k] if kinds is None or k in kinds else 0.0 for k in vectors.KINDS]
    # While the stored vectors are another model's, meaning is left out: words alone.
    by_meaning = model_upgrade.is_current(owner.pk)
    # The vector index checked once: for a small network's kept text lists (SQLite) and the
    # nearest people; the candidates' vectors come from the same index, as the scoring asks.
    with vectors.settled():
        hits = search.search(owner, query.search_terms(), limit=pool, exclude=exclude, kinds=kinds, documents=documents)
        near: list[tuple[int, float]] = []
        similarity = None
        if by_meaning:
            if query_vector is None:
                query_vector = encode_one(query.meaning_text())
            near, similarity = vectors.nearest(owner.pk, query_vector, MEANING_POOL, kind_weights, exclude)
        else:
            query_vector = np.zeros(DIMENSIONS, dtype=np.float32)
        near_ids = set(_ACTIVE.rows(owner_id=owner.pk, ids=padded([pid for pid, _ in near])))
        ids = list(dict.fromkeys([pid for pid, _ in hits] + [pid for pid, _ in near if pid in near_ids]))
        pool_people = candidates(ids, kinds)
        weights = concept_weights(query, pool_people, documents)
    vectors_of = similarity.vectors_of if similarity is not None else _no_vectors
    today = clock.today()
    lightest = min(w for w in kind_weights if w > 0)
    matches = best_matches(
        query,
        weights,
        pool_people,
        query_vector,
        vectors_of,
        today,
        similarity,
        lightest=lightest,
        limit=limit,
        min_score=min_score,
    )
    if say_which_words and by_meaning:
        _say_which_words(query.text, matches, {m.person_id: vectors_of(m.person_id) for m in matches})
    return matches


def _no_vectors(person_id: int) -> dict[str, np.ndarray]:
    return {}


def _say_which_words(text: str, matches: list[Match], found: dict[int, dict[str, np.ndarray]]) -> None:
    """Fill in, for reasons that matched by meaning only, the item's words closest to them."""
    todo = [
        (m, r) for m in matches for r in m.reasons if not r.matched and digest(r.text) in found.get(m.person_id, {})
    ]
    if not todo:
        return
    runs = windows(text)
    run_vectors = encode_roughly(runs)
    for m, r in todo:
        r.near = closest_words(found[m.person_id][digest(r.text)], runs, run_vectors)


def meaning_vectors(owner: Owner, person_ids: list[int], *, indexed: bool = False) -> dict[int, dict[str, np.ndarray]]:
    """The field vectors of these people, brought up to date first unless `indexed` says the
    caller just did (for ideas and intros)."""
    from goodwill import search
    from goodwill.search import model_upgrade, vectors

    if not indexed:
        search.ensure_current(owner)
    if not model_upgrade.is_current(owner.pk):  # another model's: words alone, as rank_people
        return {}
    return vectors.vectors_of(person_ids, owner.pk)


def shares_of_item(owner: Owner, title: str, url: str = "") -> QuerySet[Share]:
    """Who already got this item: the one rule for "the same item", used by the ranking, the
    service that records a share, and the ideas. The same link (tracking parameters aside), or
    the same words under any link or none."""
    same = Q(item__key__in={item_key(title, url), item_key(title)}) | Q(item__title__iexact=title)
    return Share.objects.filter(same, owner=owner)


def item_vector(item: Item) -> np.ndarray:
    """The item's meaning, kept with it: made when it is kept or passed on, and again only
    when its text or the model changed (the digest names both). A person page's ideas rank
    kept items with it, so they need no model."""
    from goodwill.search.vectors import from_bytes, to_bytes

    text = build_query(item.title, item.tags).meaning_text()
    key = digest(text)
    if item.meaning_digest == key and item.meaning is not None:
        return from_bytes(item.meaning)
    raw = to_bytes(encode_one(text))
    Item.objects.filter(pk=item.pk).update(meaning_digest=key, meaning=raw)
    item.meaning_digest, item.meaning = key, raw
    return from_bytes(raw)  # as it will be read next time: ranked the same on every page


def item_query(title: str, tags: list[str]) -> Query:
    """What an item is matched on; an item with no words to match on is refused (ranking it
    or keeping it for later would find no one, ever)."""
    query = build_query(title, tags)
    if not query.concepts:
        raise InvalidInput(
            f'"{title}" has no words to match on; add a few specific words or tags', code="no-match-words"
        )
    return query


def naming_line(owner: Owner) -> float:
    """The score someone must reach to be named, by pass-on, ideas and suggested pairs alike. The
    line weighs meaning and words together; while meaning is rebuilt for a new model (words alone,
    which seldom reach it), whoever words find is named, beside the notice that says so."""
    from goodwill.search import model_upgrade

    return STANDS_OUT if model_upgrade.is_current(owner.pk) else 0.0


def meaning_rebuilding(owner: Owner) -> str:
    """The notice a page of matches shows while meaning is rebuilt ("" when it is current)."""
    upgrade = pending(owner)
    return upgrade.line() if upgrade is not None else ""


def pass_on_ranking(
    owner: Owner, text: str, *, url: str = "", tags: list[str] | None = None, limit: int = 10
) -> PassOnRanking:
    title, url, tag_list = clean_item(text, url, tags)
    key = item_key(title, url)
    got = list(shares_of_item(owner, title, url).select_related("person").order_by("person__name"))
    query = item_query(title, tag_list)
    matches = rank_people(owner, query, exclude={s.person_id for s in got}, limit=limit)
    # No one stands out: say so, rather than name people for a stray word.
    if matches and matches[0].score < naming_line(owner):
        matches = []
    people = []
    for n, m in enumerate(matches, 1):
        top = m.reasons[0]
        people.append(
            Ranked(
                rank=n,
                person_id=m.person_id,
                name=m.name,
                score=round(m.score, 3),
                reasons=[r.describe() for r in m.reasons],
                private_reason=any(r.confidentiality == "private" for r in m.reasons),
                top_reason_kind=top.kind,
                top_reason_text=top.text,
                top_reason_shareable=top.confidentiality == "shareable" and top.kind in ("need", "interest", "offer"),
            )
        )
    return PassOnRanking(
        text=title,
        url=url,
        tags=tag_list,
        key=key,
        concepts=[c.label for c in query.concepts],
        people=people,
        already_got_it=[s.person.name for s in got],
        nobody=not people and not got,
        meaning_rebuilding=meaning_rebuilding(owner),
    )


def shares_of(owner: Owner, person: Person | None = None, limit: int = 50) -> list[Share]:
    rows = Share.objects.filter(owner=owner).select_related("item", "person").order_by("-created_at", "-id")
    if person is not None:
        rows = rows.filter(person=person)
    return list(rows[:limit])


@dataclass
class KeptItem:
    """Something kept for later: an item no one has been given yet."""

    id: int
    title: str
    text: str  # the whole text given (the title, when it was no longer than one)
    url: str
    tags: list[str]
    kept_at: datetime


def as_kept(item: Item) -> KeptItem:
    """An Item as the kept list shows it."""
    return KeptItem(item.pk, item.title, item.text or item.title, item.url, list(item.tags or []), item.created_at)


def _kept(owner: Owner) -> QuerySet[Item]:
    """Kept for later: the owner's items that no one got (yet). Passing one on makes it history."""
    return Item.objects.filter(owner=owner, shares__isnull=True)


def kept_items(owner: Owner, limit: int = 50) -> list[KeptItem]:
    """What I kept for later, newest first. Each item's ranking is fresh on demand (kept_ranking):
    who stands out changes as people's needs and interests do."""
    rows = _kept(owner).order_by("-created_at", "-id")[:limit]
    return [as_kept(i) for i in rows]


def same_kept(owner: Owner, title: str, url: str = "") -> Item | None:
    """The kept item that is this item by the one rule of shares_of_item (the same link, or the
    same words under any link or none), the newest first; None when it is not kept."""
    same = Q(key__in={item_key(title, url), item_key(title)}) | Q(title__iexact=title[:500])
    return _kept(owner).filter(same).order_by("-created_at", "-id").first()


def kept_item(owner: Owner, item_id: object) -> Item:
    """One kept item; anyone else's, one passed on already, or none: NotFound."""
    try:
        return Item.objects.filter(shares__isnull=True).get_owned(owner, item_id)
    except NotFound:
        raise NotFound(f"no kept item with id {str(item_id).strip()}", thing=KEPT) from None


def kept_ranking(owner: Owner, item_id: object, *, limit: int = 10) -> tuple[KeptItem, PassOnRanking]:
    """A kept item and who stands out for it now."""
    kept = as_kept(kept_item(owner, item_id))
    return kept, pass_on_ranking(owner, kept.text, url=kept.url, tags=kept.tags or None, limit=limit)
