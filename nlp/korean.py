"""Korean text layer: normalisation, Kiwi morphology, a spaCy pipeline over Kiwi morphemes, term matching.

Kiwi (kiwipiepy) is the default analyzer; konlpy's Okt is an optional alternative behind the same
``tokenize`` interface. spaCy has no Korean model and ``spacy.blank("ko")`` wants mecab, so the
pipeline is built with a Kiwi tokenizer registered in ``spacy.registry.tokenizers``.
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from nlp.errors import AnalyzerUnavailableError
from nlp.types import Token

logger = logging.getLogger(__name__)

# Morphemes that carry content. Particles (J*), endings (E*), derivational suffixes (XS*) and
# punctuation are dropped, so "불이 났어요", "불났음" and "불이 나" all become 불 + 나.
CONTENT_TAGS = frozenset(
    {"NNG", "NNP", "NNB", "NR", "NP", "VV", "VA", "VX", "VCN", "MAG", "MM", "XR", "SL", "SH", "SN"}
)
NOUN_TAGS = frozenset({"NNG", "NNP", "XR", "SL", "SH"})
PREDICATE_TAGS = frozenset({"VV", "VA", "VX"})
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
SPACES = re.compile(r"\s+")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class UserWord:
    form: str
    tag: str = "NNG"
    score: float = 0.0


@dataclass(frozen=True)
class SlangRules:
    """Whole-token replacements and regex patterns from ``data/dictionaries/slang.yaml``."""

    replacements: Mapping[str, str]
    patterns: tuple[tuple[str, str], ...] = ()


class Analyzer(Protocol):
    name: str

    def tokenize(self, text: str) -> list[Token]: ...


def _base_tag(tag: str) -> str:
    return tag.split("-", 1)[0]  # Kiwi marks irregular conjugation as VA-I, VV-R, ...


def _lemma(form: str, tag: str) -> str:
    return form + "다" if _base_tag(tag) in PREDICATE_TAGS else form


_LAST_GUESSED_MORPHEME_ID = 3  # Kiwi's ids 2 and 3 stand for a guessed common and proper noun


def _kiwi_token(t) -> Token:
    return Token(form=t.form, tag=_base_tag(t.tag), start=t.start, end=t.end, lemma=_lemma(t.form, t.tag),
                 guessed=t.id <= _LAST_GUESSED_MORPHEME_ID)


class KiwiAnalyzer:
    """Kiwi with the city's user dictionary. Cheap to construct; the model loads in ``warm_up()``."""

    name = "kiwi"

    def __init__(self, user_words: Iterable[UserWord] = ()) -> None:
        self.user_words = tuple(user_words)
        for word in self.user_words:
            if not word.form or " " in word.form:
                raise ValueError(f"user word {word.form!r} must be one token without spaces")
        self._kiwi = None
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        with self._lock:
            if self._kiwi is not None:
                return
            from kiwipiepy import Kiwi

            kiwi = Kiwi()
            for word in self.user_words:
                kiwi.add_user_word(word.form, word.tag, word.score)
            kiwi.tokenize("초기화")  # the first call builds internal tables; pay it here, not per request
            self._kiwi = kiwi

    def tokenize(self, text: str) -> list[Token]:
        self.warm_up()
        return [_kiwi_token(t) for t in self._kiwi.tokenize(text)]

    def tokenize_many(self, texts: Sequence[str]) -> list[list[Token]]:
        self.warm_up()
        return [[_kiwi_token(t) for t in r] for r in self._kiwi.tokenize(list(texts))]

    def has_unknown_word(self, text: str) -> bool:
        """Whether Kiwi had to guess part of ``text`` as a word outside its dictionary (허광수, 석다온), where
        진정서 and 정상+화 are dictionary words. Kiwi gives a guessed noun one of the first morpheme ids."""
        return any(token.guessed for token in self.tokenize(text))

    def space(self, text: str) -> str:
        """Insert missing spaces ("도로가푹꺼졌어요" → "도로가 푹 꺼졌어요")."""
        self.warm_up()
        return self._kiwi.space(text, reset_whitespace=False)


class OktAnalyzer:
    """konlpy's Okt (GPL, needs Java): an optional alternative; it has no user dictionary here."""

    name = "okt"

    def __init__(self) -> None:
        try:
            from konlpy.tag import Okt
        except ImportError as error:
            raise AnalyzerUnavailableError("konlpy is not installed: pip install konlpy (needs Java)") from error
        self._okt = Okt()

    _TAGS: Mapping[str, str] = {"Noun": "NNG", "Verb": "VV", "Adjective": "VA", "Adverb": "MAG", "Number": "SN",
                                "Alpha": "SL", "Josa": "JX", "Eomi": "EF", "Punctuation": "SF"}

    def tokenize(self, text: str) -> list[Token]:
        tokens, cursor = [], 0
        for form, tag in self._okt.pos(text, stem=True):
            start = text.find(form, cursor)
            start = cursor if start < 0 else start
            kiwi_tag = self._TAGS.get(tag, "SW")
            # Okt gives predicates in dictionary form (나다); Kiwi-style tokens carry the stem as form.
            stem = form[:-1] if kiwi_tag in PREDICATE_TAGS and form.endswith("다") else form
            tokens.append(Token(form=stem, tag=kiwi_tag, start=start, end=start + len(stem), lemma=form))
            cursor = start + len(stem)
        return tokens


def clean_unicode(text: str) -> str:
    """NFC, no zero-width characters, full-width ASCII folded (０１０ → 010), whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = ZERO_WIDTH.sub("", text)
    text = LONE_SURROGATE.sub("", text)  # only reachable through JSON escapes; no analyzer can encode them
    text = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)
    return SPACES.sub(" ", text).strip()


def normalize(text: str, slang: SlangRules) -> str:
    """Clean Unicode, then apply the slang/typo dictionary (땜에 → 때문에, ㅠㅠ removed)."""
    text = clean_unicode(text)
    for pattern, replacement in slang.patterns:
        text = re.sub(pattern, replacement, text)
    words = [slang.replacements.get(word, word) for word in text.split(" ")]
    return SPACES.sub(" ", " ".join(w for w in words if w)).strip()


def compact(text: str) -> str:
    """Text without spaces: "싱크 홀" and "싱크홀" compare equal."""
    return SPACES.sub("", text)


def jamo(text: str) -> str:
    """Hangul syllables decomposed into conjoining jamo (났 → ᄂ ᅡ ᆻ)."""
    return unicodedata.normalize("NFD", text)


def content_tokens(tokens: Sequence[Token]) -> list[Token]:
    return [token for token in tokens if token.tag in CONTENT_TAGS]


def keywords(tokens: Sequence[Token], stopwords: frozenset[str] = frozenset()) -> list[str]:
    """Nouns (and roots, foreign words) in order, without stopwords or one-syllable noise.

    Predicates are left out: 나오다, 알리다 top every word cloud and say nothing about the topic.
    """
    return [t.lemma for t in tokens if t.tag in NOUN_TAGS and len(t.lemma) > 1 and t.lemma not in stopwords]


# --- spaCy over Kiwi morphemes ----------------------------------------------------------------------

_SPACY_TOKENIZER = "civicai.kiwi_content_tokenizer.v1"


class KiwiContentTokenizer:
    """spaCy tokenizer whose tokens are Kiwi's content morphemes, with ``lemma_`` and ``tag_`` set."""

    def __init__(self, vocab, analyzer: Analyzer) -> None:
        self.vocab = vocab
        self.analyzer = analyzer

    def __call__(self, text: str):
        return self.doc_from_tokens(content_tokens(self.analyzer.tokenize(text)))

    def doc_from_tokens(self, tokens: Sequence[Token]):
        from spacy.tokens import Doc

        words = [t.form for t in tokens]
        spaces = [nxt.start > cur.end for cur, nxt in itertools.pairwise(tokens)] + [False]
        doc = Doc(self.vocab, words=words, spaces=spaces[: len(words)])
        for spacy_token, token in zip(doc, tokens, strict=False):
            spacy_token.lemma_ = token.lemma
            spacy_token.tag_ = token.tag
        return doc


def _register_spacy_tokenizer() -> None:
    import spacy

    if _SPACY_TOKENIZER in spacy.registry.tokenizers.get_all():
        return

    @spacy.registry.tokenizers(_SPACY_TOKENIZER)
    def create_tokenizer():
        def make(nlp):
            # Replaced by the caller's analyzer right after construction (see SpacyPipeline).
            return KiwiContentTokenizer(nlp.vocab, KiwiAnalyzer())

        return make


class SpacyPipeline:
    """``spacy.blank("ko")`` on Kiwi morphemes, for PhraseMatcher/EntityRuler rules over the dictionaries."""

    def __init__(self, analyzer: Analyzer) -> None:
        import spacy

        _register_spacy_tokenizer()
        self.nlp = spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": _SPACY_TOKENIZER}}})
        self.tokenizer = KiwiContentTokenizer(self.nlp.vocab, analyzer)
        self.nlp.tokenizer = self.tokenizer

    def doc(self, tokens: Sequence[Token]):
        return self.tokenizer.doc_from_tokens(content_tokens(tokens))


def _tokenize_all(analyzer: Analyzer, texts: Sequence[str]) -> list[list[Token]]:
    many = getattr(analyzer, "tokenize_many", None)
    return many(texts) if many else [analyzer.tokenize(text) for text in texts]


def _is_reliable_pattern(term: str, doc) -> bool:
    """A lemma pattern must keep most of the term and hold a noun or predicate.

    Kiwi sometimes misreads a fragment out of context ("너무 어두" loses 어두 and would match any 너무);
    such terms are matched by their surface form only.
    """
    kept = sum(len(token.text) for token in doc)
    has_content = any(token.tag_ in NOUN_TAGS or token.tag_ in PREDICATE_TAGS for token in doc)
    return has_content and kept >= 0.6 * len(compact(term))


class TermMatcher:
    """Finds dictionary terms in analysed text, two ways, so conjugation and spacing both work.

    1. spaCy PhraseMatcher on lemmas of content morphemes: "불이 났어요" matches the term "불이 나".
    2. Space-free substring: "싱크 홀" and "싱크홀" match "싱크홀" even where Kiwi splits it.
    3. For terms ending in a verb or adjective stem, a jamo-level substring of the stem without
       particles, so contractions match however Kiwi reads them: "불났어요" (불나+았) matches
       "불이 나" because 불나 is a jamo prefix of 불났. Noun-final terms never match this way
       (가스 must not match 가슴).
    """

    def __init__(self, pipeline: SpacyPipeline, analyzer: Analyzer, terms: Mapping[str, str]) -> None:
        from spacy.matcher import PhraseMatcher

        self.pipeline = pipeline
        self.matcher = PhraseMatcher(pipeline.nlp.vocab, attr="LEMMA")
        self.term_keys = dict(terms)  # surface term -> key reported on a match
        self.compact_terms = {compact(term): key for term, key in self.term_keys.items() if len(compact(term)) >= 2}
        self._labels: dict[int, str] = {}
        self.stem_terms: dict[str, str] = {}  # jamo of a predicate-final term -> key
        terms_in_order = list(self.term_keys)
        for term, tokens in zip(terms_in_order, _tokenize_all(analyzer, terms_in_order), strict=True):
            content = content_tokens(tokens)
            if content and content[-1].tag in PREDICATE_TAGS:
                for variant in (compact(term), "".join(token.form for token in content)):
                    if len(variant) >= 2:
                        self.stem_terms.setdefault(jamo(variant), self.term_keys[term])
            doc = pipeline.doc(tokens)
            if not _is_reliable_pattern(term, doc):
                continue
            key = self.term_keys[term]
            self._labels[pipeline.nlp.vocab.strings.add(key)] = key
            self.matcher.add(key, [doc])

    def find(self, text: str, tokens: Sequence[Token]) -> dict[str, str]:
        """{key: the text that matched}, first occurrence of each key."""
        found: dict[str, str] = {}
        doc = self.pipeline.doc(tokens)
        for match_id, start, end in self.matcher(doc):
            key = self._labels.get(match_id, self.pipeline.nlp.vocab.strings[match_id])
            found.setdefault(key, doc[start:end].text)
        surface = compact(text)
        for term, key in self.compact_terms.items():
            if key not in found and term in surface:
                found[key] = term
        surface_jamo = jamo(surface)
        for term, key in self.stem_terms.items():
            if key not in found and term in surface_jamo:
                found[key] = unicodedata.normalize("NFC", term)
        return found
