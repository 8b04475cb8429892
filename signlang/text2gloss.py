"""Korean text → KSL gloss sequence.

A whole sentence found in the sentence DB is used as authored. Otherwise: Kiwi morphemes →
lemmas → word-DB lookup (compound nouns joined first), particles and endings dropped, numbers
signed digit by digit in KSL's place-value way (400 → 4 100), names and unknown words
fingerspelled (지문자) as jamo, then simple KSL ordering: time first, topic (은/는) next,
negation and the question marker last. Every gloss carries its source.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from nlp.korean import Analyzer, clean_unicode
from nlp.types import Token
from signlang.lexicon import Lexicon, sentence_key
from signlang.types import Gloss

logger = logging.getLogger(__name__)

QUESTION_GLOSS = "물음"
NEGATION_GLOSSES = ("안", "못")
REQUEST_GLOSS = "부탁"
# Unknown words of these kinds are fingerspelled; anything else unknown (particles, endings, suffixes,
# punctuation, dependent nouns, auxiliaries other than the polite request 주세요 → 부탁) has no sign.
FINGERSPELL_TAGS = frozenset({"NNG", "NNP", "SL", "XR", "VV", "VA"})
# 하다/되다 only carry tense and politeness after a noun (신청하다 = 신청 + 하다): the noun is the sign.
LIGHT_VERBS = frozenset({"하다", "되다"})
QUESTION_ENDINGS = ("까", "나요", "가요", "니", "냐", "는지")

CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
JUNGSEONG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
JONGSEONG = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ",
             "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")
PLACES = (("10000", 10_000), ("1000", 1_000), ("100", 100), ("10", 10))


def to_jamo(word: str) -> list[str]:
    """Hangul syllables decomposed into the letters a fingerspeller shows (김 → ㄱ ㅣ ㅁ)."""
    letters: list[str] = []
    for char in word:
        code = ord(char) - 0xAC00
        if 0 <= code < 11_172:
            letters.append(CHOSEONG[code // 588])
            letters.append(JUNGSEONG[(code % 588) // 28])
            if code % 28:
                letters.append(JONGSEONG[code % 28])
        elif char.strip():
            letters.append(char.upper())
    return letters


def number_glosses(value: int) -> list[str]:
    """KSL numbers by place value: 14 → 10 4, 400 → 4 100, 2026 → 2 1000 2 10 6, 0 → 0."""
    if value == 0:
        return ["0"]
    glosses: list[str] = []
    if value >= 100_000_000:
        return [str(d) for d in str(value)]  # beyond the word DB: digit by digit
    for name, place in PLACES:
        count, value = divmod(value, place)
        if count:
            glosses.extend([*number_glosses(count), name] if count > 1 else [name])
    if value:
        glosses.append(str(value))
    return glosses


class TextToGloss:
    def __init__(self, lexicon: Lexicon, analyzer: Analyzer) -> None:
        self.lexicon = lexicon
        self.analyzer = analyzer

    def translate(self, text: str) -> list[Gloss]:
        text = clean_unicode(text)
        if not text:
            return []
        sentence = self.lexicon.sentences.get(sentence_key(text))
        if sentence is not None:
            return [Gloss(g, "number" if g.isdigit() else "sentence", (text,)) for g in sentence.glosses]
        tokens = self.analyzer.tokenize(text)
        glosses = self._glosses(tokens)
        return self._reorder(glosses, tokens, is_question=text.rstrip().endswith("?") or self._asks(tokens))

    # --- lookup ------------------------------------------------------------------------------------------

    def _glosses(self, tokens: Sequence[Token]) -> list[tuple[Gloss, str]]:
        """Glosses with a role tag: time, topic, negation, question or plain."""
        out: list[tuple[Gloss, str]] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            # Compound nouns: 전입 + 신고 → 전입신고 when the word DB has it.
            if following is not None and token.tag in {"NNG", "NNP"} and following.tag in {"NNG", "NNP"}:
                joined = token.form + following.form
                if self.lexicon.gloss_for(joined):
                    out.append((Gloss(self.lexicon.words[joined], "lexicon", (joined,)), self._role(i, 2, tokens)))
                    i += 2
                    continue
            out.extend((gloss, self._role(i, 1, tokens)) for gloss in self._token_glosses(token, tokens, i))
            i += 1
        return out

    def _token_glosses(self, token: Token, tokens: Sequence[Token], i: int) -> list[Gloss]:
        if token.tag == "SN":
            digits = "".join(c for c in token.form if c.isdigit())
            if digits:
                return [Gloss(g, "number", (token.form,)) for g in number_glosses(int(digits))]
            return []
        if token.lemma in LIGHT_VERBS:
            return []
        if token.tag == "VX" and token.lemma in {"주다", "드리다"}:
            return [Gloss(REQUEST_GLOSS, "lexicon", (token.form,))] if REQUEST_GLOSS in self.lexicon.entries else []
        for candidate in (token.lemma, token.form):
            gloss = self.lexicon.gloss_for(candidate)
            if gloss:
                return [Gloss(gloss, "lexicon", (token.form,))]
        if token.tag not in FINGERSPELL_TAGS:
            return []
        return [Gloss("-".join(to_jamo(token.form)), "fingerspelling", (token.form,))]

    def _role(self, i: int, width: int, tokens: Sequence[Token]) -> str:
        first = tokens[i]
        gloss = self.lexicon.gloss_for(first.lemma) or self.lexicon.gloss_for(first.form)
        entry = self.lexicon.entries.get(gloss or "")
        if entry is not None and entry.category == "time":
            return "time"
        if first.form in NEGATION_GLOSSES and first.tag == "MAG":
            return "negation"
        after = tokens[i + width] if i + width < len(tokens) else None
        if after is not None and after.tag == "JX" and after.form in {"은", "는"}:
            return "topic"
        return "plain"

    @staticmethod
    def _asks(tokens: Sequence[Token]) -> bool:
        return any(t.tag == "EF" and t.form.endswith(QUESTION_ENDINGS) for t in tokens)

    def _reorder(self, tagged: list[tuple[Gloss, str]], tokens: Sequence[Token], is_question: bool) -> list[Gloss]:
        """KSL order: time, topic, the rest, negation; the question marker closes a yes/no question."""
        order = {"time": 0, "topic": 1, "plain": 2, "negation": 3}
        ordered = [gloss for gloss, role in sorted(tagged, key=lambda item: order[item[1]])]
        has_question_word = any(self.lexicon.entries.get(g.gloss) and self.lexicon.entries[g.gloss].category
                                == "question" for g in ordered)
        if is_question and not has_question_word and QUESTION_GLOSS in self.lexicon.entries:
            ordered.append(Gloss(QUESTION_GLOSS, "lexicon", ("?",)))
        return ordered
