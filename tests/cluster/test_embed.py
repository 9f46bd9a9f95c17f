"""Sentence embeddings: the shipped MiniLM loads offline and says which texts mean alike; the
fake is deterministic; what is embedded is the title and the lead."""

from __future__ import annotations

import numpy as np

from newsdesk.cluster.embed import DIMS, HashEmbedder, MiniLM, lead_text

SAME_A = "NATO allies agree to raise defence spending at the summit in The Hague"
SAME_B = "Members of the Atlantic alliance pledged bigger military budgets at their Hague meeting"
OTHER = "The village bakery won a prize for its sourdough bread on Sunday"


def test_minilm_puts_paraphrases_closer_than_unrelated_text() -> None:
    vectors = MiniLM(128).embed([SAME_A, SAME_B, OTHER])
    assert vectors.shape == (3, DIMS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    similar, unrelated = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert similar > 0.5 > unrelated + 0.3


def test_minilm_gives_each_text_the_same_vector_alone_or_in_a_batch() -> None:
    """Batches are padded to their longest text; padding must not change a vector."""
    model = MiniLM(128)
    alone = model.embed([OTHER])[0]
    batched = model.embed([SAME_B + " " + SAME_A * 3, OTHER])[1]
    assert float(alone @ batched) > 0.999


def test_minilm_embeds_no_text_as_an_empty_matrix() -> None:
    assert MiniLM(128).embed([]).shape == (0, DIMS)


def test_hash_embedder_is_deterministic_and_unit_length() -> None:
    first, again = HashEmbedder().embed([SAME_A, ""]), HashEmbedder().embed([SAME_A, ""])
    assert np.array_equal(first, again)
    assert abs(float(np.linalg.norm(first[0])) - 1.0) < 1e-5
    assert not first[1].any()


def test_lead_text_is_the_title_then_the_start_of_the_body() -> None:
    assert lead_text("Storm hits", "Roofs  flew\noff. More later.", 11) == "Storm hits. Roofs flew"
    assert lead_text(None, "Roofs flew off.", 100) == "Roofs flew off."
