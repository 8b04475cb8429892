"""Draft minutes (회의록 초안) from a diarized transcript: agenda, extractive summaries, decisions, action items.

Nothing is generated: every summary line, decision and action item is a sentence that was said,
found by rules over Kiwi morphemes and surface patterns of Korean meeting speech, and ranked by
TextRank over sentence embeddings. The clerk edits the draft; the rules only have to make a good
first version and never invent content.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Protocol

import numpy as np

from nlp.dates import find_due_date
from nlp.korean import Analyzer
from nlp.types import Token
from speech.types import ActionItem, AgendaItem, Decision, Minutes, MinutesMetadata, Transcript, TranscriptLine

logger = logging.getLogger(__name__)


class PassageEmbedder(Protocol):
    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class DraftOptions:
    """What the clerk tells the drafter; everything else is found in the transcript."""

    title: str = "회의록"
    held_at: datetime | None = None
    place: str | None = None
    organizer: str | None = None
    # SPEAKER_00 → "김민수 과장", set once by the clerk; unnamed speakers keep their labels.
    speaker_names: Mapping[str, str] = field(default_factory=dict)
    attendees: tuple[str, ...] = ()  # people present who did not speak
    # Departments and teams that can own an action item ("도로과에서 … 해 주세요").
    known_owners: tuple[str, ...] = ()
    summary_ratio: float = 0.2
    max_summary_sentences: int = 5
    min_agenda_sentences: int = 6  # shorter stretches are not split into their own agenda item


@dataclass(frozen=True)
class Sentence:
    index: int  # position in the meeting
    line: int  # transcript line it came from
    text: str
    start: float
    end: float
    speaker: str | None
    tokens: tuple[Token, ...] = ()

    @property
    def compact(self) -> str:
        return re.sub(r"[\s,.!?~…·'\"]+", "", self.text)


FILLERS = re.compile(r"(?:(?<=\s)|^)(?:어+|음+|그+|저+|뭐|아+|에+|이제)(?:[,.]|\s)+")
SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
QUESTION = re.compile(r"(\?|까요|나요|습니까|는지요|을까|ㄹ까|죠\?)\s*$")

AGENDA_MARKER = re.compile(
    r"((?:첫|두|세|네|다섯|여섯|마지막)\s*(?:번째|째)\s*안건|제?\s*\d+\s*(?:호|번)?\s*안건|다음\s*안건|^.{0,12}안건은|^.{0,12}안건으로|"
    r"(?:첫|두|세|네|다섯|마지막)\s*(?:번째|째)\s*(?:로|는)?\s*(?:논의|보고|심의)\s*(?:사항|할\s*건|드릴\s*건)|"
    r"^(?:네\s*)?(?:그럼\s*|자\s*)?(?:첫째|둘째|셋째|넷째|마지막으로|두\s*번째로|세\s*번째로|네\s*번째로)[,\s]|"
    r"의사일정\s*제?\s*\d+\s*항)"
)
AGENDA_TITLE_CUT = re.compile(
    r"(?:에\s*대한\s*(?:건|것|논의|보고)|에\s*대해서?|에\s*관한\s*(?:건|것)|관련(?:해서|한\s*건|\s*건)?|\s*건\s*입니다|\s*건이고|"
    r"입니다|이고요?|으로\s*넘어가|로\s*넘어가|을\s*논의|를\s*논의|부터|\s*하겠습니다|\s*보겠습니다|\s*볼게요|"
    r"\s*(?:간단히|잠깐|좀)\s|[.,]\s|을\s*상정|를\s*상정)"
)
AGENDA_PREFIX = re.compile(
    r"^.*?(?:(?:첫|두|세|네|다섯|여섯|마지막)\s*(?:번째|째)\s*안건(?:은|으로|이)?|제?\s*\d+\s*(?:호|번)?\s*안건(?:은|으로)?|"
    r"다음\s*안건(?:은|으로)?|안건은|안건으로|첫째|둘째|셋째|넷째|마지막으로|두\s*번째로|세\s*번째로|네\s*번째로|"
    r"의사일정\s*제?\s*\d+\s*항)[,\s]*(?:은|는)?\s*"
)
DECISION = re.compile(
    r"(결정(?:하겠|했습니다|하였|합니다|되었|됐|된\s*걸로|된\s*것으로|하도록\s*하겠)|확정(?:하겠|합니다|했|하였|되었|됐|하도록|된\s*걸로)|"
    r"의결(?:되었|됐|하겠|합니다|하였)|가결(?:되었|됐|합니다|을\s*선포)|채택(?:되었|됐|하겠|합니다)|승인(?:되었|됐|하겠|합니다|하기로)|"
    r"합의(?:되었|됐|된\s*(?:걸|것)|했습니다|하였)|하기로\s*(?:했|하였|합|하겠|정리|결정|하죠|하자|하시죠)|기로\s*(?:했|하였|합니다|하겠)|"
    r"(?:걸로|것으로|으로|로)\s*정리(?:하겠|하죠|할게|합니다|되었|됐)|원안대로|이견\s*없으(?:시면|신\s*걸로|므로)|"
    r"결론\s*(?:을\s*)?(?:내겠|내죠|짓겠|내리겠)|"
    r"(?:하는|가는|진행하는|추진하는)\s*(?:걸로|것으로)\s*(?:하겠|하죠|합시다|하시죠|합니다|정하겠|보겠))"
)
NOT_DECISION = re.compile(
    r"(결정했던|결정된\s*바|결정했었|아직|못\s*했|않았|안\s*됐|필요합니다|해야\s*(?:합니다|할|겠)|할\s*수\s*있|되면|된다면|하면\s*어떨|"
    r"작년|지난해|지난번|전에\s*결정|검토\s*후|미정|건지|인지|할지|다음\s*회의|추후|나중에|다시\s*정하)"
)
REQUEST = re.compile(
    r"(주세요|주시기\s*바랍니다|주십시오|주시고|주셨으면|주시길|주시면\s*(?:좋겠|감사)|부탁\s*(?:드립니다|드려요|합니다|드릴게요)|"
    r"바랍니다|맡아\s*주|맡겨|맡기|담당해\s*주|챙겨\s*주|해\s*줘요|하도록\s*하세요|하시기\s*바랍니다|주시면\s*(?:됩니다|돼요|되겠))"
)
COMMITMENT = re.compile(r"(겠습니다|겠어요|겠고요|겠습니다만|도록\s*하겠|게요|할\s*예정입니다|하겠음|드리겠)")
# "…까지 취합이 돼야 합니다": a task with a deadline even when nobody is named.
OBLIGATION = re.compile(r"(?:어|아|여|해|돼|나와|되어)야\s*(?:합니다|해요|돼요|됩니다|할\s*것|하고|되고|하는데|겠)")
REPLY = re.compile(r"^(?:네|예|알겠습니다)(?:[,.\s]|$)")
SELF_SUBJECT = re.compile(r"(제가|저희가|저희\s*(?:과|팀|부서)에서|저희는|저는|우리\s*(?:과|팀)에서|저희\s*쪽에서)")
# Matched against the sentence without spaces and punctuation.
ACKNOWLEDGEMENT = re.compile(
    r"^(?=.)(?:네|예|알겠습니다|네네)*(?:잘)?(?:알겠습니다|그렇게하겠습니다|확인하겠습니다|준비하겠습니다|챙기겠습니다|맞습니다|"
    r"좋습니다|동의합니다)?$"
)
# "…하는 게 좋겠습니다" is an opinion and "모르겠습니다" a doubt, not a commitment.
NOT_COMMITMENT = re.compile(
    r"(다음\s*회의\s*(?:때|에서)|나중에|좋겠|겠습니까|겠어요\?|모르겠|알겠|감사하겠|같겠|어렵겠|힘들겠|필요하겠|되겠습니다|않겠|아니겠|싶습니다)"
)
# Main verbs of running the meeting itself: "회의를 시작하겠습니다", "간단히 보겠습니다", "거수해 주시기
# 바랍니다" are not action items (unless a deadline comes with them).
PROCEDURAL_VERBS = frozenset({
    "시작하다", "마치다", "넘어가다", "개회하다", "폐회하다", "산회하다", "정회하다", "개의하다", "속개하다",
    "선포하다", "종결하다", "표결하다", "소개하다", "말씀하다", "말씀드리다", "설명하다", "설명드리다", "듣다", "보다",
    "하다", "거수하다", "참고하다", "발언하다", "남기다", "두다", "내리다", "감사하다", "마무리하다", "발표하다",
    "이해하다", "양해하다", "있다", "되다", "앉다", "보고하다", "검토보고하다", "정리하다", "끝내다", "점검하다",
})
MEETING_PROCEDURE = frozenset({"시작하다", "마치다", "넘어가다", "개회", "폐회", "산회", "감사하다"})
PERSON_TITLE = re.compile(
    r"(?<![가-힣])([가-힣]{1,3}\s?(?:과장|팀장|주무관|계장|국장|실장|소장|위원장|위원|반장|대리|주임|부시장|시장|동장|센터장|"
    r"담당관|간사|회장|총무))(?:님)?(?!회|실|단)"
)
# A team or office addressed by its name with a subject particle: "소방서에서는", "보건소에서".
ORGANISATION = re.compile(
    r"(?<![가-힣])([가-힣]{2,12}(?:과|팀|서|소|센터|위원회|사업소|본부|단))(?:에서는|에서도|에서|께서는|께서)(?![가-힣])"
)
SUBJECT_PARTICLE = r"(?:님)?\s*(?:에서는|에서도|에서|께서는|께서|이|가|은|는|쪽에서|측에서|쪽|측)(?![가-힣])"
PLACE = re.compile(
    r"((?:[가-힣0-9]+\s){0,2}[가-힣0-9]*(?:회의실|본회의장|상황실|강당|회의장|세미나실|대회의실|소회의실))"
)


class MinutesDrafter:
    """Cheap to construct; ``warm_up()`` loads Kiwi (and the embedder, if it has a warm_up)."""

    def __init__(self, analyzer: Analyzer, embedder: PassageEmbedder | None = None) -> None:
        self.analyzer = analyzer
        self.embedder = embedder

    def warm_up(self) -> None:
        for component in (self.analyzer, self.embedder):
            warm = getattr(component, "warm_up", None)
            if warm is not None:
                warm()

    def draft_transcript(self, transcript: Transcript, options: DraftOptions | None = None) -> Minutes:
        """Minutes of a diarized transcript: speakers named from ``options.speaker_names``, and everyone the
        diarizer heard listed as an attendee (also those of whom no words were recognised)."""
        options = options or DraftOptions()
        names = options.speaker_names
        heard = [names.get(turn.speaker, turn.speaker) for turn in sorted(transcript.turns, key=lambda t: t.start)]
        return self.draft(transcript_lines(transcript, names),
                          replace(options, attendees=tuple(dict.fromkeys([*heard, *options.attendees]))))

    def draft(self, lines: Sequence[TranscriptLine], options: DraftOptions | None = None) -> Minutes:
        """Minutes from transcript lines (speakers already named), in the order they were spoken."""
        options = options or DraftOptions()
        reference = (options.held_at or datetime.now()).date()
        sentences = self._sentences(lines)
        agenda_spans = self._agenda_spans(sentences, options)
        owners = tuple(dict.fromkeys([*options.known_owners, *_named_people(lines)]))
        agenda = tuple(
            self._agenda_item(title, sentences[begin:end], sentences, reference, owners, options)
            for title, begin, end in agenda_spans
        )
        attendees = tuple(dict.fromkeys([*(line.speaker for line in lines if line.speaker), *options.attendees]))
        duration = max((line.end for line in lines), default=0.0)
        metadata = MinutesMetadata(
            title=options.title,
            held_at=options.held_at,
            place=options.place or _place_mentioned(lines),
            attendees=attendees,
            organizer=options.organizer,
            duration=duration or None,
        )
        return Minutes(metadata=metadata, agenda=agenda, transcript=tuple(lines))

    # --- sentences -------------------------------------------------------------------------

    def _sentences(self, lines: Sequence[TranscriptLine]) -> list[Sentence]:
        pieces: list[tuple[int, str, TranscriptLine]] = []
        for line_index, line in enumerate(lines):
            for piece in SENTENCE_END.split(line.text.strip()):
                if piece.strip():
                    pieces.append((line_index, piece.strip(), line))
        token_lists = self.analyzer.tokenize_many([p[1] for p in pieces]) if hasattr(
            self.analyzer, "tokenize_many") else [self.analyzer.tokenize(p[1]) for p in pieces]
        return [
            Sentence(index=i, line=line_index, text=text, start=line.start, end=line.end, speaker=line.speaker,
                     tokens=tuple(tokens))
            for i, ((line_index, text, line), tokens) in enumerate(zip(pieces, token_lists, strict=True))
        ]

    # --- agenda ----------------------------------------------------------------------------

    def _agenda_spans(self, sentences: list[Sentence], options: DraftOptions) -> list[tuple[str, int, int]]:
        """(title, first sentence, end) per agenda item: from the chair's markers, else from topic shifts."""
        starts = []
        numbers_seen: set[str] = set()
        for sentence in sentences:
            if not AGENDA_MARKER.search(sentence.text):
                continue
            # "의사일정 제1항" is named again when it is voted on: only its first mention opens it.
            number = re.search(r"제?\s*(\d+)\s*(?:항|호|번)", sentence.text)
            if number:
                if number.group(1) in numbers_seen:
                    continue
                numbers_seen.add(number.group(1))
            starts.append(sentence.index)
        # "다음 안건으로 넘어가겠습니다. 두 번째 안건은 …": one boundary, titled by the sentence that names it.
        merged: list[int] = []
        for index in starts:
            if merged and index - merged[-1] <= 2:
                continue
            merged.append(index)
        if not merged:
            merged = self._topic_boundaries(sentences, options)
        if not merged:
            return [(_keyword_title(sentences) or options.title, 0, len(sentences))] if sentences else []
        if merged[0] > 0 and merged[0] < options.min_agenda_sentences:
            merged[0] = 0  # opening remarks belong to the first item
        elif merged[0] > 0:
            merged.insert(0, 0)
        spans = []
        for position, begin in enumerate(merged):
            end = merged[position + 1] if position + 1 < len(merged) else len(sentences)
            block = sentences[begin:end]
            spans.append((_agenda_title(block) or _keyword_title(block) or f"안건 {position + 1}", begin, end))
        return spans

    def _topic_boundaries(self, sentences: list[Sentence], options: DraftOptions) -> list[int]:
        """TextTiling over sentence embeddings: cut where adjacent windows are least alike."""
        if self.embedder is None or len(sentences) < 3 * options.min_agenda_sentences:
            return []
        vectors = _unit(self.embedder.embed_passages([s.text for s in sentences]))
        width = options.min_agenda_sentences // 2 or 1
        gaps = []
        for gap in range(width, len(sentences) - width + 1):
            left = vectors[gap - width:gap].mean(axis=0)
            right = vectors[gap:gap + width].mean(axis=0)
            gaps.append(float(left @ right / (np.linalg.norm(left) * np.linalg.norm(right) + 1e-9)))
        scores = np.array(gaps)
        depth = np.array([
            (max(scores[:i + 1]) - s) + (max(scores[i:]) - s) for i, s in enumerate(scores)
        ])
        threshold = depth.mean() + depth.std()
        boundaries: list[int] = []
        for i in np.argsort(-depth):
            if depth[i] <= threshold:
                break
            position = int(i) + width
            if all(abs(position - b) >= options.min_agenda_sentences for b in boundaries) and \
                    options.min_agenda_sentences <= position <= len(sentences) - options.min_agenda_sentences:
                boundaries.append(position)
        return sorted(boundaries)

    def _agenda_item(
        self,
        title: str,
        block: list[Sentence],
        everything: list[Sentence],
        reference: date,
        owners: tuple[str, ...],
        options: DraftOptions,
    ) -> AgendaItem:
        decisions = [s for s in block if is_decision(s)]
        actions = [item for s in block if (item := self._action_item(s, everything, reference, owners))]
        return AgendaItem(
            title=title,
            start=block[0].start if block else None,
            end=block[-1].end if block else None,
            summary=tuple(clean(s.text) for s in self._key_sentences(block, options)),
            decisions=tuple(Decision(text=clean(s.text), start=s.start, speaker=s.speaker) for s in decisions),
            action_items=tuple(actions),
        )

    # --- summary ---------------------------------------------------------------------------

    def _key_sentences(self, block: list[Sentence], options: DraftOptions) -> list[Sentence]:
        """TextRank: the sentences most like the rest of the item, in spoken order."""
        candidates = [s for s in block if _is_content(s)]
        if not candidates:
            return []
        count = min(options.max_summary_sentences, max(1, round(len(candidates) * options.summary_ratio)))
        if len(candidates) <= count:
            return candidates
        if self.embedder is not None:
            vectors = _unit(self.embedder.embed_passages([s.text for s in candidates]))
        else:
            vectors = _unit(_bag_of_morphemes(candidates))
        similarity = np.clip(vectors @ vectors.T, 0.0, None)
        np.fill_diagonal(similarity, 0.0)
        ranks = _pagerank(similarity)
        chosen = sorted(np.argsort(-ranks)[:count])
        return [candidates[i] for i in chosen]

    # --- action items ----------------------------------------------------------------------

    def _action_item(
        self, sentence: Sentence, everything: list[Sentence], reference: date, owners: tuple[str, ...]
    ) -> ActionItem | None:
        text = sentence.text
        if QUESTION.search(text) or ACKNOWLEDGEMENT.match(sentence.compact):
            return None
        request = REQUEST.search(text)
        if is_decision(sentence) and not request:
            return None  # the chair stating a decision: it is listed under 결정사항
        due = find_due_date(text, reference)
        commitment = COMMITMENT.search(text) and not NOT_COMMITMENT.search(text) and not request
        obligation = due is not None and due.deadline and OBLIGATION.search(text)
        if not (request or commitment or obligation):
            return None
        if REPLY.match(text) and _follows_request(sentence, everything):
            return None  # "네, 십사일까지 하겠습니다": the answer to a request already listed
        if due is None:
            verb = main_verb(sentence)
            if verb in PROCEDURAL_VERBS or (verb is None and len(sentence.compact) < 12):
                return None
        if request:
            owner = _addressee(text, owners) or _answering_speaker(sentence, everything)
            due = due or _due_in_reply(sentence, everything, reference)
        elif commitment:
            owner = _addressee(text, owners, subject_only=True) or sentence.speaker
        else:
            owner = _addressee(text, owners, subject_only=True)
        return ActionItem(
            task=clean(text),
            owner=owner,
            due=due.value if due else None,
            due_text=due.text if due else None,
            start=sentence.start,
            speaker=sentence.speaker,
        )


def main_verb(sentence: Sentence) -> str | None:
    """The lemma of the verb carrying 겠/ㄹ게요/주세요: "보내 드리겠습니다" → 보내다, "시작 하겠습니다" → 시작하다,
    "설명 부탁드립니다" → 설명하다."""
    tokens = sentence.tokens
    anchors = [i for i, t in enumerate(tokens) if (t.tag == "EP" and t.form == "겠") or (
        t.tag == "EF" and "게" in t.form) or (t.tag == "VX" and t.form in ("주", "드리"))]
    anchor = anchors[-1] if anchors else len(tokens)
    for index in range(anchor - 1, -1, -1):
        token = tokens[index]
        if token.tag == "XSV" and index > 0:
            return tokens[index - 1].form + "하다"
        if token.tag in ("VV", "VA") and token.lemma in ("드리다", "부탁드리다", "부탁하다") and index > 0:
            previous = tokens[index - 1]
            if previous.tag == "NNG" and previous.form == "부탁" and index > 1:
                previous = tokens[index - 2]
            return previous.form + "하다" if previous.tag == "NNG" else None
        if token.tag in ("VV", "VA"):
            return token.lemma
        if token.tag == "NNG" and index + 1 < len(tokens) and tokens[index + 1].lemma == "하다":
            return token.form + "하다"
    return None


def _follows_request(sentence: Sentence, everything: list[Sentence]) -> bool:
    previous = [s for s in everything[max(0, sentence.index - 2):sentence.index] if s.speaker != sentence.speaker]
    return any(REQUEST.search(s.text) for s in previous)


def _due_in_reply(sentence: Sentence, everything: list[Sentence], reference: date):
    """A request without a date, answered "네, 십사일까지 하겠습니다": the reply sets the due date."""
    for following in everything[sentence.index + 1:sentence.index + 3]:
        if following.speaker != sentence.speaker and REPLY.match(following.text):
            return find_due_date(following.text, reference)
    return None


def is_decision(sentence: Sentence) -> bool:
    text = sentence.text
    return bool(DECISION.search(text)) and not NOT_DECISION.search(text) and not QUESTION.search(text)


def _addressee(text: str, owners: tuple[str, ...], subject_only: bool = False) -> str | None:
    """The department or person a request names: "도로과에서", "김 주무관이", "박 팀장님께서"."""
    if subject_only and not re.search(r"(에서|께서|이|가)\s", text):
        return None
    if SELF_SUBJECT.search(text) and subject_only:
        return None
    found: list[tuple[int, str]] = []
    for owner in owners:
        for match in re.finditer(re.escape(owner) + SUBJECT_PARTICLE, text):
            found.append((match.start(), owner))
    for match in ORGANISATION.finditer(text):
        found.append((match.start(), match.group(1)))
    for match in PERSON_TITLE.finditer(text):
        found.append((match.start(), re.sub(r"\s+", " ", match.group(1)).strip()))
    if not found:
        return None
    return min(found, key=lambda pair: pair[0])[1]


def _answering_speaker(sentence: Sentence, everything: list[Sentence]) -> str | None:
    """A request to no one by name is owned by whoever answers "네, 알겠습니다" right after."""
    for following in everything[sentence.index + 1:sentence.index + 3]:
        if following.speaker != sentence.speaker and re.match(r"^(네|예|알겠|그렇게하겠|확인하겠|준비하겠|챙기겠)",
                                                              following.compact):
            return following.speaker
    return None


def _agenda_title(block: list[Sentence]) -> str | None:
    for sentence in block[:3]:
        if not AGENDA_MARKER.search(sentence.text):
            continue
        rest = AGENDA_PREFIX.sub("", sentence.text, count=1)
        rest = AGENDA_TITLE_CUT.split(rest, maxsplit=1)[0]
        rest = re.sub(r"^(?:은|는|으로|로|이|가)\s+", "", rest).strip(" .,?!")
        if 2 <= len(rest) <= 60 and not re.fullmatch(r"(넘어가|넘어가겠습니다|다음|그럼|자)", rest):
            return rest
    return None


def _keyword_title(block: list[Sentence]) -> str | None:
    nouns = Counter(t.form for s in block for t in s.tokens if t.tag in ("NNG", "NNP") and len(t.form) > 1)
    top = [word for word, _ in nouns.most_common(3)]
    return " · ".join(top) if top else None


def _named_people(lines: Sequence[TranscriptLine]) -> list[str]:
    return [line.speaker for line in lines if line.speaker and not line.speaker.startswith("SPEAKER")]


def _place_mentioned(lines: Sequence[TranscriptLine]) -> str | None:
    for line in lines[:30]:
        match = PLACE.search(line.text)
        if match:
            return match.group(1).strip()
    return None


def _is_content(sentence: Sentence) -> bool:
    if len(sentence.compact) < 12 or ACKNOWLEDGEMENT.match(sentence.compact):
        return False
    lemmas = {t.lemma for t in sentence.tokens}
    return not (lemmas & MEETING_PROCEDURE and len(sentence.compact) < 30)


def clean(text: str) -> str:
    """Drop spoken fillers ("어, 음,") so minutes read as written text."""
    return re.sub(r"\s+", " ", FILLERS.sub("", text)).strip()


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


def _bag_of_morphemes(sentences: Sequence[Sentence]) -> np.ndarray:
    vocabulary: dict[str, int] = {}
    rows = []
    for sentence in sentences:
        counts = Counter(t.lemma for t in sentence.tokens if t.tag in ("NNG", "NNP", "VV", "VA", "SN", "SL"))
        rows.append(counts)
        for lemma in counts:
            vocabulary.setdefault(lemma, len(vocabulary))
    matrix = np.zeros((len(sentences), max(1, len(vocabulary))), dtype=np.float32)
    for row, counts in enumerate(rows):
        for lemma, count in counts.items():
            matrix[row, vocabulary[lemma]] = count
    return matrix


def _pagerank(weights: np.ndarray, damping: float = 0.85, iterations: int = 50) -> np.ndarray:
    size = weights.shape[0]
    totals = weights.sum(axis=1, keepdims=True)
    transition = np.where(totals > 0, weights / np.maximum(totals, 1e-12), 1.0 / size)
    ranks = np.full(size, 1.0 / size)
    for _ in range(iterations):
        ranks = (1 - damping) / size + damping * transition.T @ ranks
    return ranks


def transcript_lines(transcript: Transcript, speaker_names: Mapping[str, str] | None = None) -> tuple[
        TranscriptLine, ...]:
    """The transcript as minutes lines, with the clerk's names for the diarizer's speaker labels."""
    names = speaker_names or {}
    return tuple(
        TranscriptLine(
            start=segment.start,
            end=max(segment.end, segment.start),
            speaker=names.get(segment.speaker, segment.speaker) if segment.speaker else None,
            text=segment.text,
        )
        for segment in transcript.segments
        if segment.text.strip()
    )


def transcript_from_lines(lines: Sequence[TranscriptLine], language: str = "ko") -> Transcript:
    """The minutes' (edited, named) transcript lines as a Transcript for the SRT/VTT writers."""
    from speech.types import Segment, TranscriptionInfo

    duration = max((line.end for line in lines), default=0.0)
    return Transcript(
        info=TranscriptionInfo(language=language, language_probability=1.0, duration=duration),
        segments=tuple(Segment(start=line.start, end=line.end, text=line.text, speaker=line.speaker)
                       for line in lines),
    )
