"""Storylines and story merges (a part of ``Store``)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert, select

from newsdesk.model import Storyline, StoryMerge
from newsdesk.store.base import StoreBase
from newsdesk.store.schema import stories, story_merges, storylines


class StoryStore(StoreBase):
    """Storylines, and which story was merged into which."""

    def record_merges(self, merges: Sequence[StoryMerge]) -> None:
        """Remember each absorbed story id; earlier merges into it now point further on."""
        now = self.now()
        with self.engine.begin() as conn:
            for merge in merges:
                conn.execute(delete(story_merges).where(
                    story_merges.c.absorbed_id == merge.absorbed))
                conn.execute(story_merges.update().where(
                    story_merges.c.into_id == merge.absorbed).values(into_id=merge.into))
                conn.execute(insert(story_merges).values(
                    absorbed_id=merge.absorbed, into_id=merge.into,
                    probability=merge.probability, merged_at=now))

    def merges(self) -> list[StoryMerge]:
        query = select(story_merges).order_by(story_merges.c.merged_at, story_merges.c.absorbed_id)
        with self.engine.connect() as conn:
            return [StoryMerge(r.absorbed_id, r.into_id, r.probability)
                    for r in conn.execute(query)]

    def merged_into(self, story_id: str) -> str | None:
        """The story an absorbed story id lives on in, if it was merged."""
        query = select(story_merges.c.into_id).where(story_merges.c.absorbed_id == story_id)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one_or_none()

    def save_storylines(self, found: Sequence[Storyline]) -> None:
        """Make the stored storylines exactly ``found`` (stories carry their storyline id)."""
        now = self.now()
        with self.engine.begin() as conn:
            conn.execute(delete(storylines))
            for line in found:
                conn.execute(insert(storylines).values(
                    id=line.id, title=line.title, summary=line.summary,
                    first_seen=line.first_seen, last_seen=line.last_seen, updated_at=now))

    def storylines(self) -> list[Storyline]:
        """Storylines, latest activity first, with their stories oldest first."""
        members: dict[str, list[str]] = {}
        story_query = (select(stories.c.id, stories.c.storyline_id)
                       .where(stories.c.storyline_id.is_not(None))
                       .order_by(stories.c.first_seen.nulls_last(), stories.c.id))
        query = select(storylines).order_by(storylines.c.last_seen.desc().nulls_last(),
                                            storylines.c.id)
        with self.engine.connect() as conn:
            for story_id, line_id in conn.execute(story_query):
                members.setdefault(line_id, []).append(story_id)
            return [Storyline(r.id, r.title, tuple(members.get(r.id, ())), r.summary,
                              r.first_seen, r.last_seen) for r in conn.execute(query)]
