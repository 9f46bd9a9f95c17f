"""One frozen settings object, built in layers: defaults < ``newsdesk.toml`` < CLI flags.

Every field carries its help text in ``metadata["help"]`` (a test fails when one does not),
and every threshold says where its value came from.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.errors import ConfigError

SETTINGS_FILE_NAME = "newsdesk.toml"


def _setting(default: Any, help: str, low: float | None = None,
             high: float | None = None) -> Any:
    """A setting with its help text and, for numbers, the range it must lie in."""
    return field(default=default, metadata={"help": help, "low": low, "high": high})


@dataclass(frozen=True, slots=True)
class StoreSettings:
    db: str = _setting("newsdesk.db", "Path of the SQLite database file, or an SQLAlchemy URL.")


@dataclass(frozen=True, slots=True)
class IngestSettings:
    max_file_bytes: int = _setting(
        20 * 1024 * 1024,
        "Largest input accepted, in bytes, after decompression; larger inputs are rejected "
        "(too-large). 20 MB is ten times the largest real news page we have seen.",
        low=1,
    )
    binary_control_ratio: float = _setting(
        0.05,
        "Share of control characters above which a file is taken as binary, not text. Text "
        "pages hold none but tab/newline; 5% leaves room for a few stray bytes.",
        low=0.0, high=1.0,
    )


@dataclass(frozen=True, slots=True)
class CleanSettings:
    min_article_chars: int = _setting(
        40,
        "Clean text shorter than this many characters is not an article (rejected as no-text). "
        "The shortest real item in the sample corpus, a one-sentence brief, is ~150 characters; "
        "40 keeps any such brief and drops a lone cookie notice or menu.",
        low=1,
    )
    favor_recall: bool = _setting(
        False,
        "Ask trafilatura to keep more borderline text (more body, more furniture).",
    )
    html_tables: bool = _setting(
        True,
        "Keep text in HTML tables. On the train side (by site) of the Zyte benchmark: F1 "
        "0.964 with tables, 0.957 without (bench/clean.py, trafilatura 2.3.1).",
    )
    html_fast: bool = _setting(
        True,
        "Skip trafilatura's fallback extractors (readability, jusText). On the Zyte train side "
        "this scored the same F1 (0.964 both) in less time.",
    )
    html_precision_min_share: float = _setting(
        1.0,
        "A second trafilatura pass in precision mode replaces the first extraction when it "
        "keeps at least this share of its length (else it cut into the story). On the Zyte "
        "train side: F1 0.973 at 0.5-0.6, 0.971 at 0.7, 0.966 at 0.9, 0.964 without the pass. "
        "1.0 (the default) turns the pass off: on the held-out test side it did not help (F1 "
        "0.962 with it at 0.6, 0.963 without) and it doubles extraction time (2.0x plain "
        "trafilatura against 1.1x; bench/clean.py prints both).",
        low=0.0, high=1.0,
    )
    furniture_threshold: float = _setting(
        0.99195,
        "Least probability from the learned line model (clean/line_model.json) for a plain-text "
        "line that no rule decided to be removed as furniture. Chosen by bench/train_lines.py on "
        "out-of-fold probabilities of its training pages only: the lowest threshold keeping 99% "
        "of content lines (0.99195; the threshold recorded in the model file).",
        low=0.0, high=1.0,
    )
    split_glued: bool = _setting(
        True, "Split a plain-text page that holds several unrelated stories into segments."
    )
    split_max_overlap: float = _setting(
        0.02,
        "A headline-like line starts a new story when the prose after it shares at most this "
        "share of content words with the prose before it (overlap coefficient), with no other "
        "sign of a new story. `python bench/clean.py --sweep` (ECB+ train glued pages; ECB+ "
        "train and Zyte train-side single articles with furniture mid-body): 0.02 best, 0.05 "
        "within 0.002 boundary F1.",
        low=0.0, high=1.0,
    )
    split_max_overlap_after_furniture: float = _setting(
        0.3,
        "The same bar when removed furniture lines sit right above the candidate headline, as "
        "between glued stories. Swept 0.15-0.35: with split_min_body_lines=2, boundary F1 0.927 "
        "at 0.3 and 0.928 at 0.35 (false splits 0.4% both); lower bars miss more stories.",
        low=0.0, high=1.0,
    )
    split_max_overlap_with_head: float = _setting(
        0.15,
        "The same bar when a byline, dateline or reading time sits under the candidate "
        "headline, as under a new story's headline. Swept 0.1-0.3 (the most lenient bar that "
        "applies counts): 0.1-0.15 alike, 0.2 costs 0.001 F1.",
        low=0.0, high=1.0,
    )
    repeated_min_articles: int = _setting(
        5,
        "A short line found in at least this many plain-text pages of one outlet is furniture "
        "(repeated-line): fewer could be one story re-run or updated a few times.",
        low=2,
    )
    repeated_min_share: float = _setting(
        0.3,
        "...and in at least this share of that outlet's plain-text pages (menus and sign-offs "
        "sit on nearly every page; a recurring phrase in real reporting does not).",
        low=0.0, high=1.0,
    )
    split_min_body_lines: int = _setting(
        2,
        "Prose lines (12+ words) each side of a candidate needs before the comparison is "
        "trusted. Swept 1-3: 2 cuts false splits of single articles from 1.6% to 0.4% for "
        "0.002 boundary F1 (a list of one-line items is not a page of stories).",
        low=1,
    )


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    similarity_threshold: float = _setting(
        0.22,
        "Least TF-IDF cosine between two stories' centroids, with at least one shared named "
        "entity, for them to be linked into one storyline (a thread of events). Swept 0.12-0.40 "
        "on ECB+ train with the title-and-word-pair vectors (topic-level B-cubed F1, 3 streams): "
        "0.833 at 0.22, 0.826-0.828 at 0.14, 0.18-0.24, 0.809 at 0.27, 0.762 at 0.35; 0.16 "
        "scored 0.850 but joined the sample corpus's separate threads (storyline F1 0.809 "
        "against 1.000 at 0.22). bench/cluster.py prints storyline scores as 'topic F1'.",
        low=0.0, high=1.0,
    )
    max_features: int = _setting(
        50_000,
        "Size cap of the TF-IDF vocabulary; bounds memory on large corpora.",
        low=1,
    )
    body_ngrams: int = _setting(
        2,
        "Longest word sequence counted as a term of an article's title-and-body TF-IDF vector "
        "(2: words and word pairs). Word pairs name the event ('Kodak Theatre', 'magnitude 6') "
        "where single words are the topic's: ECB+ same-topic pairs, AUC of the body cosine "
        "(title included, terms in 2+ articles) 0.898 -> 0.911 on train; words to 3 words: "
        "0.911 (bench/train_pair_model.py).",
        low=1, high=3,
    )
    lone_term_weight: float = _setting(
        0.5,
        "Weight, against the TF-IDF weight, of a body term no other article of the corpus has. "
        "Such a term never adds to a similarity, only to the vector's length, so a long article "
        "full of its own words looks unlike its own event; at 0 (terms of one article dropped) "
        "small or sparse corpora fall apart: their shared words are mostly chance. Swept 0-1 on "
        "ECB+ train (cross-validation on the whole set; random 25-200 article draws of it for "
        "sparse corpora): 0.5 is the compromise; see bench/train_pair_model.py.",
        low=0.0, high=1.0,
    )
    join_probability: float = _setting(
        0.5,
        "Least probability (pair model, cluster/pair_model.json) that an article belongs to its "
        "best candidate story for it to join that story; below it the article starts a story. "
        "Swept 0.45-0.6 with merge_probability (0.6-0.8) by bench/train_pair_model.py in 5-fold "
        "topic cross-validation on ECB+ train (3 shuffled streams), pair@4: 0.861 (P 0.862) at "
        "0.45/0.6, 0.859 (P 0.864) at 0.5/0.6 (within 0.005 of the best, more precise), "
        "0.853 at 0.6/0.6.",
        low=0.0, high=1.0,
    )
    merge_probability: float = _setting(
        0.6,
        "Least pair-model probability between two stories (one taken as a whole) for the later "
        "one to be merged into the earlier; the absorbed id is recorded. 1.0 switches merging "
        "off. Swept 0.6-0.8 with join_probability on ECB+ train (see join_probability): at "
        "join 0.5, B-cubed F1 0.859 at 0.6 (P 0.864), 0.852 at 0.7 (P 0.869), 0.844 at 0.8.",
        low=0.0, high=1.0,
    )
    storyline_days: int = _setting(
        45,
        "Most days between two stories (last seen of one, first seen of the other) for them to "
        "be linked into one storyline; a developing situation runs over weeks.",
        low=0,
    )
    refine_rounds: int = _setting(
        0,
        "Passes re-assigning the articles of a run once all have arrived, before stories are "
        "merged (cluster/refine.py): an article moves to a candidate story the pair model finds "
        "more probable than its own story without it (by refine_margin, and at least "
        "join_probability); stored articles never move; a pass that moves nothing ends it. Off "
        "(0) by default: what moves depends on which articles share a run, so a corpus ingested "
        "in two batches could end in other stories than in one. In 5-fold topic "
        "cross-validation on ECB+ train (bench/train_pair_model.py) 3 passes gave B-cubed F1 "
        "0.876 vs 0.871 without (join 0.5, merge 0.6; P 0.899 vs 0.889).",
        low=0,
    )
    refine_margin: float = _setting(
        0.0,
        "How much more probable (pair model) another story must be than an article's own "
        "story without it for the article to move there in re-assignment. 0.0 chosen on ECB+ "
        "train (in-sample B-cubed F1 0.884 vs 0.866 at 0.1).",
        low=0.0, high=1.0,
    )
    candidates: int = _setting(
        20,
        "Stories fetched from the nearest-neighbour index per article before the pair model "
        "scores them; a larger number costs time, a smaller one may miss the right story.",
        low=1,
    )
    window_days: int = _setting(
        3,
        "An article is compared only with stories active within this many days of its date, "
        "and stories are merged only within it (undated articles and stories are always "
        "candidates). Reports of one event appear within a day or two of it (every event of "
        "the sample corpus spans at most two days), so look-alike events a week apart are never "
        "joined. Not learnt: ECB+, where the pair model is trained, has no usable dates.",
        low=0,
    )
    embed_tokens: int = _setting(
        128,
        "Word pieces of title and lead embedded per article (all-MiniLM-L6-v2, int8 ONNX). "
        "128 covers a title and the first paragraph or two; 256 doubles the time (≈ 0.13 vs "
        "0.25 s per article on a busy 2-core machine) for text past the lead.",
        low=8, high=512,
    )
    embed_lead_chars: int = _setting(
        600,
        "Characters of the body, after the title, handed to the embedder (the tokenizer cuts "
        "at embed_tokens; 600 characters is about 130 word pieces of English news).",
        low=0,
    )


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    batch_size: int = _setting(
        16,
        "Articles per spaCy batch. Memory peaks near 1 GB at 64 on long articles with "
        "en_core_web_sm (shared/notes/packages.md); 16 keeps it low at the same speed.",
        low=1,
    )
    max_chars: int = _setting(
        100_000,
        "Longest article text, in characters, given to the language model; the rest is not "
        "analysed. Real news articles run under 30,000; this stops a runaway page.",
        low=1,
    )


@dataclass(frozen=True, slots=True)
class FetchSettings:
    user_agent: str = _setting(
        "newsdesk/0.1 (local-first news reader; respects robots.txt)",
        "User-Agent header sent with every request; names newsdesk so site owners can tell.",
    )
    timeout_seconds: float = _setting(
        20.0,
        "Longest wait to connect, for each read, and for a whole response body. 20 s is "
        "generous for a news page (typically well under 2 s) and bounds a stalled server.",
        low=0.01,
    )
    retries: int = _setting(
        2,
        "Extra attempts after a network error, a timeout or a 429/5xx answer.",
        low=0, high=10,
    )
    backoff_seconds: float = _setting(
        1.0,
        "Wait before the first retry; doubles on each further retry (1 s, 2 s, ...).",
        low=0.0,
    )
    max_redirects: int = _setting(
        5,
        "Most redirects followed for one request (each hop is checked by the address guard). "
        "Real news links take 1-3 hops (http->https, tracking, canonical).",
        low=0, high=30,
    )
    max_response_bytes: int = _setting(
        10 * 1024 * 1024,
        "Largest response body accepted as sent on the wire; larger ones are stopped "
        "(too-large). 10 MB is five times the largest real news page we have seen.",
        low=1,
    )
    max_decompressed_bytes: int = _setting(
        20 * 1024 * 1024,
        "Largest response body accepted once gzip/deflate is undone; stops decompression "
        "bombs. Same bound as ingest.max_file_bytes.",
        low=1,
    )
    allow_addresses: str = _setting(
        "",
        "Private, loopback, link-local or reserved networks the fetcher may reach anyway, "
        "comma-separated CIDR (e.g. '127.0.0.0/8' for a local server, '10.0.0.0/8' for an "
        "intranet; 'all' turns the guard off). Empty: public addresses only (SSRF guard).",
    )
    politeness_seconds: float = _setting(
        1.0,
        "Least time between two requests to the same host. One request a second per host is "
        "the usual courtesy for crawlers.",
        low=0.0,
    )
    concurrency: int = _setting(
        4,
        "Pages fetched at once (across hosts; one host is still paced by politeness_seconds).",
        low=1, high=64,
    )
    max_pages_per_poll: int = _setting(
        500,
        "Most new pages fetched from one feed or sitemap in one poll; the rest wait for the "
        "next poll (a first poll of a big sitemap would otherwise run for hours).",
        low=1,
    )
    max_attempts: int = _setting(
        3,
        "Polls on which a listed page that failed (network error, 5xx) is tried again before "
        "it is given up.",
        low=1,
    )
    watch_every_seconds: float = _setting(
        900.0,
        "Time between two polls of every source in `newsdesk watch` (--every overrides). "
        "15 minutes is what feed readers default to.",
        low=0.0,
    )


@dataclass(frozen=True, slots=True)
class FigureSettings:
    conversion_tolerance: float = _setting(
        0.05,
        "Largest relative gap between a stated money conversion and the ECB reference rate "
        "on the publication day before it is flagged as wrong; also how close an implied rate "
        "must be for a conversion to decide which dollar a bare \"$\" is. 5% is the issue's "
        "rule; reporters' rounding to two or three significant figures stays under 3% on the "
        "sample corpus's 17 money conversions.",
        low=0.0, high=1.0,
    )
    unit_conversion_tolerance: float = _setting(
        0.05,
        "Largest relative gap between a stated unit conversion (\"40 nautical miles (74 km)\") "
        "and pint's before it is flagged. Rounding to two significant figures errs up to 5% "
        "(\"8 nautical miles (15km)\" is 1.3% off); a miles/nautical-miles mix-up is 15%.",
        low=0.0, high=1.0,
    )
    max_chars: int = _setting(
        100_000,
        "Longest article text, in characters, searched for figures (as extract.max_chars).",
        low=1,
    )


@dataclass(frozen=True, slots=True)
class QuoteSettings:
    batch_size: int = _setting(
        32,
        "Sentence runs per spaCy parse batch (only sentences with a cue "
        "word are parsed; they are short, so 32 stays well under the 1 GB peak of "
        "shared/notes/packages.md).",
        low=1,
    )
    max_chars: int = _setting(
        100_000,
        "Longest article text, in characters, searched for quotations; as extract.max_chars.",
        low=1,
    )
    min_indirect_words: int = _setting(
        3,
        "Fewest words a reported clause needs to count as indirect speech; below it "
        "(\"he said so\") there is no claim to report. Swept 1-5 on PolNeAR train content.",
        low=1,
    )
    min_cue_rate: float = _setting(
        0.3,
        "Learnt cue words (bench/train_cues.py, PolNeAR train) join the hand-listed ones when "
        "they head an attribution at least this share of the times they occur in train. "
        "Chosen on PolNeAR dev with bench/quotes.py: with the cue gate, span F1 content/"
        "source/cue .505/.684/.652 at 0.3 and .510/.696/.660 at 0.2, but 0.2 parses 12% "
        "more text and drops sample-corpus quote precision from .671 to .658.",
        low=0.0, high=1.0,
    )
    min_cue_score: float = _setting(
        0.4,
        "Least score of the cue gate (extract/cue_gate.py, logistic regression learnt on "
        "PolNeAR train by bench/train_cue_gate.py) for a cue with no quotation attached to "
        "count as an attribution. Chosen on PolNeAR dev with bench/quotes.py: with the wider "
        "candidates (min_candidate_rate 0.2), content/source/cue exact F1 .517/.709/.670 at "
        "0.4, .518/.707/.670 at 0.5, .511/.708/.662 at 0.3.",
        low=0.0, high=1.0,
    )
    min_candidate_rate: float = _setting(
        0.2,
        "Attribution candidates (find_attributions only; the quote list keeps min_cue_rate): "
        "learnt cue words heading an attribution at least this share of the times they occur "
        "in PolNeAR train (beliefs, plans, findings: \"wants\", \"shows\"); the cue gate "
        "decides. "
        "Chosen on PolNeAR dev with bench/quotes.py (gate at 0.4): exact F1 content/source/"
        "cue .513/.708/.668 at 0.1, .516/.703/.667 at 0.2, .511/.695/.659 at 0.3 (no wider "
        "words); per CPU-second 25.5 articles at 0.2 against 28 at 0.3 in the same run.",
        low=0.0, high=1.0,
    )
    span_tagger: bool = _setting(
        True,
        "find_attributions tags cue, source and content spans with the CRF learnt on PolNeAR "
        "train (extract/span_tagger.py, bench/train_span_tagger.py), reading the rules' "
        "attributions as features, combined with them by learnt choices (extract/"
        "content_choice.py); False: the rules alone. PolNeAR dev exact F1 content/source/"
        "cue .550/.746/.691 with it, .522/.713/.670 without (bench/quotes.py), at 20.4-22 "
        "against 30.8 articles per CPU-second (load 0.5-3).",
    )
    name_edit_distance: int = _setting(
        1,
        "Most letter edits (after folding accents) between two spellings of a first name or "
        "a surname taken for one person when the rest of the name agrees and the two appear "
        "in one story: Vestergard/Vestergaard, Stoltenburg/Stoltenberg, Olav/Olaf are one "
        "edit apart (the cases the issue lists); more would merge real, distinct names.",
        low=0, high=3,
    )
    min_fuzzy_name_chars: int = _setting(
        4,
        "Shortest name part (in letters) that may match a spelling one edit away; shorter "
        "parts (Li/Lu, Ng) must match exactly.",
        low=1,
    )


@dataclass(frozen=True, slots=True)
class DedupeSettings:
    shingle_words: int = _setting(
        3,
        "Words per shingle for near-duplicate detection. Three survives light edits (a spelling "
        "change breaks only three shingles) while stock phrases rarely make up a text.",
        low=1,
    )
    containment_threshold: float = _setting(
        0.6,
        "Least share of the shorter text's shingles found in the longer one for two articles to "
        "be copies. Edited wire copies in the sample corpus score 0.75-0.95; different reports "
        "of one event stay under 0.15.",
        low=0.0, high=1.0,
    )
    lsh_threshold: float = _setting(
        0.3,
        "Jaccard level at which MinHash LSH reports a candidate pair (checked exactly after). "
        "Lower than the containment threshold so trimmed copies (lower Jaccard) are still found.",
        low=0.0, high=1.0,
    )
    num_perm: int = _setting(
        128, "MinHash permutations: more is more exact and slower (datasketch default).", low=16,
    )
    min_shingles: int = _setting(
        20,
        "Texts with fewer shingles than this are only matched exactly: too short to be told "
        "from a shared stock phrase.",
        low=1,
    )
    passage_words: int = _setting(
        8, "Shortest shared word run shown as evidence of a copy by `newsdesk show`.", low=1,
    )


@dataclass(frozen=True, slots=True)
class CompareSettings:
    min_quote_words: int = _setting(
        3,
        "Fewest words a quote needs to be matched with another outlet's: shorter fragments "
        "(\"deliberate\") match too much by chance. Set by hand; the sample's shortest gold "
        "remark reported by two outlets has 9 words.",
        low=1,
    )
    quote_overlap: float = _setting(
        0.6,
        "Share of the shorter quote's words that must align, in order, with the other's for "
        "both to report one remark (a truncation aligns fully). Swept 0.4-0.9 on the sample "
        "gold's 7 wording variants: all grouped and no false group from 0.5 to 0.7.",
        low=0.0, high=1.0,
    )
    unattributed_overlap: float = _setting(
        0.85,
        "Alignment share needed to join a quote whose speaker is unknown to a group "
        "(stricter than ``quote_overlap``, since the speaker cannot confirm it). Set by hand.",
        low=0.0, high=1.0,
    )
    figure_tolerance: float = _setting(
        0.02,
        "Relative difference two exact figures may have and still agree (rounding: 2.14bn vs "
        "2.1bn). 2% covers rounding to two significant digits.",
        low=0.0, high=1.0,
    )
    approximate_tolerance: float = _setting(
        0.10,
        "Relative difference allowed when either figure is approximate (\"about\", \"nearly\", "
        "\"a dozen\") or was converted from another currency at a reference rate; 10% spans "
        "rounding to one significant digit and a month of exchange-rate drift.",
        low=0.0, high=1.0,
    )
    max_conflict_ratio: float = _setting(
        3.0,
        "Largest ratio between two disagreeing values of one subject still reported as a "
        "conflict; a wider gap is two different quantities (an overrun and the total, a day "
        "and two years) the subject text failed to tell apart. Set by hand: every gold "
        "conflict of the sample is under 1.3.",
        low=1.0,
    )
    subject_similarity: float = _setting(
        0.5,
        "Share of content words two figures' subjects (or sentences) must share for the "
        "figures to be about the same thing. Set by hand on the sample's 3 conflicts.",
        low=0.0, high=1.0,
    )
    sentence_overlap: float = _setting(
        0.5,
        "Share of the shorter sentence's content words another sentence must share to count "
        "as its counterpart (the same claim, perhaps reworded). Swept 0.3-0.7 on the sample's "
        "11 only-here sentences: all found from 0.4 to 0.6; 0.5 reports fewest others.",
        low=0.0, high=1.0,
    )
    conflict_overlap: float = _setting(
        0.75,
        "Share of content words two sentences must share before a differing number, date, "
        "name or word counts as a conflict rather than a different statement. Set by hand.",
        low=0.0, high=1.0,
    )
    min_sentence_words: int = _setting(
        6,
        "Fewest words a sentence needs to be reported as a claim or as only-here (shorter "
        "ones are headings, datelines, captions). Set by hand.",
        low=1,
    )
    name_similarity: float = _setting(
        0.75,
        "Character similarity (rapidfuzz ratio, 0-1) above which two different names are "
        "one name misspelt (Stoltenberg/Stoltenburg is 0.91) rather than two people.",
        low=0.0, high=1.0,
    )


@dataclass(frozen=True, slots=True)
class Settings:
    store: StoreSettings = field(
        default_factory=StoreSettings, metadata={"help": "Where the data is kept."}
    )
    ingest: IngestSettings = field(
        default_factory=IngestSettings, metadata={"help": "Reading files and records."}
    )
    clean: CleanSettings = field(
        default_factory=CleanSettings, metadata={"help": "Main text and metadata extraction."}
    )
    cluster: ClusterSettings = field(
        default_factory=ClusterSettings, metadata={"help": "Grouping articles into stories."}
    )
    extract: ExtractSettings = field(
        default_factory=ExtractSettings, metadata={"help": "Entities, quotes and figures."}
    )
    fetch: FetchSettings = field(
        default_factory=FetchSettings,
        metadata={"help": "Fetching URLs, feeds and sitemaps; the watch loop."},
    )
    figures: FigureSettings = field(
        default_factory=FigureSettings,
        metadata={"help": "Money, percentages, counts, quantities and dates."},
    )
    quotes: QuoteSettings = field(
        default_factory=QuoteSettings,
        metadata={"help": "Quotations, their speakers, and people across outlets."},
    )
    dedupe: DedupeSettings = field(
        default_factory=DedupeSettings, metadata={"help": "Syndicated and near-duplicate copies."}
    )
    compare: CompareSettings = field(
        default_factory=CompareSettings,
        metadata={"help": "Comparing outlets: wordings, corroboration, conflicts, only-here."},
    )

    @classmethod
    def load(
        cls, path: Path | None = None, overrides: Mapping[str, Any] | None = None
    ) -> Settings:
        """Defaults, then the TOML file (``path`` or ``./newsdesk.toml`` if present), then
        ``overrides`` given as dotted keys, e.g. ``{"store.db": "x.db"}``."""
        settings = cls()
        toml_path = path if path is not None else Path(SETTINGS_FILE_NAME)
        if path is not None and not path.is_file():
            raise ConfigError(f"{path}: settings file not found")
        if toml_path.is_file():
            settings = settings.with_values(_read_toml(toml_path), origin=str(toml_path))
        if overrides:
            settings = settings.with_values(_nest(overrides), origin="command line")
        return settings

    def with_values(self, values: Mapping[str, Any], origin: str) -> Settings:
        """A copy with ``values`` (``{"section": {"field": value}}``) applied."""
        changed: dict[str, Any] = {}
        for section_name, section_values in values.items():
            section = _section(self, section_name, origin)
            if not isinstance(section_values, Mapping):
                raise ConfigError(f"{origin}: [{section_name}] must be a table of settings")
            changed[section_name] = _apply(section, section_name, section_values, origin)
        return dataclasses.replace(self, **changed)


def iter_fields(settings: Settings) -> Iterator[tuple[str, Any, str]]:
    """Every leaf setting as (dotted name, current value, help text)."""
    for section_field in dataclasses.fields(settings):
        section = getattr(settings, section_field.name)
        for leaf in dataclasses.fields(section):
            name = f"{section_field.name}.{leaf.name}"
            yield name, getattr(section, leaf.name), leaf.metadata.get("help", "")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read settings ({exc})") from exc


def _nest(dotted: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    nested: dict[str, dict[str, Any]] = {}
    for key, value in dotted.items():
        section, _, name = key.partition(".")
        if not name:
            raise ConfigError(f"setting '{key}' must be written section.name, e.g. store.db")
        nested.setdefault(section, {})[name] = value
    return nested


def _section(settings: Settings, name: str, origin: str) -> Any:
    known = [f.name for f in dataclasses.fields(settings)]
    if name not in known:
        raise ConfigError(f"{origin}: unknown settings section [{name}]; known: {', '.join(known)}")
    return getattr(settings, name)


def _apply(section: Any, section_name: str, values: Mapping[str, Any], origin: str) -> Any:
    fields = {f.name: f for f in dataclasses.fields(section)}
    changes = {}
    for name, value in values.items():
        if name not in fields:
            known = ", ".join(fields)
            raise ConfigError(f"{origin}: unknown setting {section_name}.{name}; known: {known}")
        default = getattr(type(section)(), name)
        dotted = f"{section_name}.{name}"
        changes[name] = _in_range(_coerce(value, type(default), dotted, origin),
                                  fields[name].metadata, dotted, origin)
    return dataclasses.replace(section, **changes)


def _coerce(value: Any, wanted: type, name: str, origin: str) -> Any:
    if isinstance(value, wanted) and not (wanted is int and isinstance(value, bool)):
        return value
    if isinstance(value, str):
        return _parse_text(value, wanted, name, origin)
    if wanted is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    raise ConfigError(f"{origin}: {name} must be {wanted.__name__}, got {value!r}")


def _in_range(value: Any, meta: Mapping[str, Any], name: str, origin: str) -> Any:
    low, high = meta.get("low"), meta.get("high")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if (low is not None and not value >= low) or (high is not None and not value <= high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise ConfigError(f"{origin}: {name} must be {bounds}, got {value!r}")
    return value


def _parse_text(text: str, wanted: type, name: str, origin: str) -> Any:
    if wanted is bool:
        if text.lower() in {"true", "yes", "1", "on"}:
            return True
        if text.lower() in {"false", "no", "0", "off"}:
            return False
    else:
        try:
            return wanted(text)
        except ValueError:
            pass
    raise ConfigError(f"{origin}: {name} must be {wanted.__name__}, got {text!r}")
