"""Korean date expressions in speech and text, resolved against a reference day.

Minutes need due dates ("십이월 십오일까지", "다음 주 금요일", "이달 말까지") as real dates. Whisper
writes numbers either as digits or as Sino-Korean words, so words are turned into digits first,
but only in date positions: "예산 이월" must stay a carry-over, not February.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

SINO_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6, "칠": 7, "팔": 8, "구": 9}
WEEKDAYS = {"월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6}
NUMBER_WORD = "[일이삼사오육륙칠팔구십]+"
# What may follow a day number for it to be a date and not, say, "이 일" (this work).
DAY_TAIL = r"(?=\s*(?:까지|까진|안에|에|전|날|자|이전|부터|로|쯤|경|\s*[.,]|$))"
NATIVE_COUNTS = {"하루": 1, "이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "열흘": 10, "보름": 15}


def sino_number(word: str) -> int | None:
    """'십오' → 15, '이십일' → 21, '삼' → 3; None for anything that is not a Sino-Korean number up to 99."""
    if not word or any(ch not in SINO_DIGITS and ch != "십" for ch in word):
        return None
    if "십" not in word:
        return SINO_DIGITS[word] if len(word) == 1 else None
    tens_part, _, ones_part = word.partition("십")
    if "십" in ones_part or len(tens_part) > 1 or len(ones_part) > 1:
        return None
    tens = SINO_DIGITS[tens_part] if tens_part else 1
    ones = SINO_DIGITS[ones_part] if ones_part else 0
    return tens * 10 + ones


def _digits(word: str, unit: str, low: int, high: int, original: str) -> str:
    value = sino_number(word)
    return f"{value}{unit}" if value is not None and low <= value <= high else original


def digitize_dates(text: str) -> str:
    """Spell-out month/day numbers as digits: '십이월 십오일까지' → '12월 15일까지'.

    Regex backtracking splits "십오일" into the number "십오" and the unit "일".
    """
    # A month word counts only before a day number or 말/초/중순: "이월 예산" stays as spoken.
    text = re.sub(
        rf"(?<![가-힣])({NUMBER_WORD})월(?=\s*(?:\d+|{NUMBER_WORD})일|\s*(?:말|초|중순|초순|하순))",
        lambda m: _digits(m.group(1), "월", 1, 12, m.group(0)),
        text,
    )
    text = re.sub(
        rf"(?<=\d월)(\s*)({NUMBER_WORD})일", lambda m: m.group(1) + _digits(m.group(2), "일", 1, 31, m.group(2) + "일"),
        text,
    )
    return re.sub(rf"(?<![가-힣])({NUMBER_WORD})일{DAY_TAIL}", lambda m: _digits(m.group(1), "일", 1, 31, m.group(0)),
                  text)


@dataclass(frozen=True)
class DateMention:
    """A date found in text: the resolved day and the words it was said with."""

    value: date
    text: str
    deadline: bool  # followed by 까지/안에/이내: a due date rather than a mention


def _next_on_or_after(reference: date, day: int) -> date:
    year, month = reference.year, reference.month
    for _ in range(13):
        last = calendar.monthrange(year, month)[1]
        if day <= last:
            candidate = date(year, month, day)
            if candidate >= reference:
                return candidate
        month += 1
        if month > 12:
            year, month = year + 1, 1
    raise ValueError(f"day {day} does not exist")


def _month_end(year: int, month: int) -> date:
    while month > 12:
        year, month = year + 1, month - 12
    return date(year, month, calendar.monthrange(year, month)[1])


def _week_start(reference: date, weeks_ahead: int) -> date:
    return reference - timedelta(days=reference.weekday()) + timedelta(weeks=weeks_ahead)


_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일"), "ymd"),
    (re.compile(r"(?<!\d)(\d{4})[.\-/]\s*(\d{1,2})[.\-/]\s*(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(?<!\d)(\d{1,2})\s*월\s*(\d{1,2})\s*일"), "md"),
    (re.compile(r"(?<![\d.])(\d{1,2})/(\d{1,2})(?![\d/])"), "md"),
    (re.compile(r"(?:(이번|다음|다다음|오는)\s*(?:달|월)|이달|(\d{1,2})\s*월)\s*(말|초|중순|하순|중)"), "month_part"),
    (re.compile(r"(이번|다음|다다음|오는)?\s*(?:주|週)?\s*([월화수목금토일])요일"), "weekday"),
    (re.compile(r"(이번|다음|다다음)\s*주(?=\s*(?:까지|중|안|내|말))"), "week"),
    (re.compile(r"(연말|올해\s*말|연내|올해\s*안|금년\s*말|상반기|하반기|내년\s*초)"), "year_part"),
    (re.compile(r"(오늘|금일|내일|명일|모레|글피)"), "relative_day"),
    (re.compile(r"(\d+)\s*(일|주|개월|달)\s*(?:안에|이내|내로|내에|후|뒤)"), "span"),
    (re.compile(r"(하루|이틀|사흘|나흘|닷새|열흘|보름|일주일|한\s*달|두\s*달|한\s*주|두\s*주)\s*(?:안에|이내|내로|내에|후|뒤)"),
     "native_span"),
    (re.compile(r"(?<![\d가-힣])(\d{1,2})\s*일" + DAY_TAIL), "d"),
    (re.compile(r"(?<![가-힣\d])(월\s*말|금월\s*말)"), "this_month_end"),
]
_DEADLINE_TAIL = re.compile(r"^\s*(?:까지|까진|안에|안으로|이내|내로|내에|중으로|중에|전까지|전에|마감)")


def _resolve(kind: str, match: re.Match, reference: date) -> date | None:
    groups = match.groups()
    if kind == "ymd":
        return date(int(groups[0]), int(groups[1]), int(groups[2]))
    if kind == "md":
        month, day = int(groups[0]), int(groups[1])
        candidate = date(reference.year, month, day)
        # Said in December about "1월 10일": next year. A date up to a month back is a past mention.
        return candidate if candidate >= reference - timedelta(days=31) else date(reference.year + 1, month, day)
    if kind == "month_part":
        relative, month_number, part = groups
        if month_number:
            month = int(month_number)
            year = reference.year if month >= reference.month else reference.year + 1
        else:
            offset = {"다음": 1, "오는": 1, "다다음": 2}.get(relative or "", 0)
            year, month = reference.year, reference.month + offset
            while month > 12:
                year, month = year + 1, month - 12
        if part in ("말", "하순", "중"):
            return _month_end(year, month)
        return date(year, month, 10 if part == "초" else 20)
    if kind == "d":
        return _next_on_or_after(reference, int(groups[0]))
    if kind == "weekday":
        relative, weekday = groups
        target = WEEKDAYS[weekday]
        if relative == "다음":
            return _week_start(reference, 1) + timedelta(days=target)
        if relative == "다다음":
            return _week_start(reference, 2) + timedelta(days=target)
        if relative == "이번":
            return _week_start(reference, 0) + timedelta(days=target)
        # Bare "금요일까지" / "오는 금요일": the next such day after today.
        days_ahead = (target - reference.weekday()) % 7 or 7
        return reference + timedelta(days=days_ahead)
    if kind == "week":
        weeks = {"이번": 0, "다음": 1, "다다음": 2}[groups[0]]
        return _week_start(reference, weeks) + timedelta(days=4)  # the working week ends on Friday
    if kind == "year_part":
        phrase = re.sub(r"\s+", "", groups[0])
        if phrase == "상반기":
            return date(reference.year, 6, 30)
        if phrase == "내년초":
            return date(reference.year + 1, 1, 31)
        return date(reference.year, 12, 31)
    if kind == "this_month_end":
        return _month_end(reference.year, reference.month)
    if kind == "relative_day":
        return reference + timedelta(days={"오늘": 0, "금일": 0, "내일": 1, "명일": 1, "모레": 2, "글피": 3}[groups[0]])
    if kind == "span":
        amount, unit = int(groups[0]), groups[1]
        if unit == "일":
            return reference + timedelta(days=amount)
        if unit == "주":
            return reference + timedelta(weeks=amount)
        return _add_months(reference, amount)
    if kind == "native_span":
        phrase = re.sub(r"\s+", "", groups[0])
        if phrase in NATIVE_COUNTS:
            return reference + timedelta(days=NATIVE_COUNTS[phrase])
        if phrase in ("일주일", "한주"):
            return reference + timedelta(weeks=1)
        if phrase == "두주":
            return reference + timedelta(weeks=2)
        return _add_months(reference, 1 if phrase == "한달" else 2)
    return None


def _add_months(reference: date, months: int) -> date:
    month = reference.month - 1 + months
    year = reference.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(reference.day, calendar.monthrange(year, month)[1]))


def find_dates(text: str, reference: date) -> list[DateMention]:
    """Every date expression in ``text``, in order, resolved against ``reference`` (the meeting day)."""
    digitized = digitize_dates(text)
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, DateMention]] = []
    for pattern, kind in _PATTERNS:
        for match in pattern.finditer(digitized):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            # Taken even when it is no real date, so "2월 30일" does not come back as a bare "30일".
            taken.append((match.start(), match.end()))
            try:
                value = _resolve(kind, match, reference)
            except ValueError:  # 2월 30일 and the like: not a date
                continue
            if value is None:
                continue
            deadline = bool(_DEADLINE_TAIL.match(digitized[match.end():])) or kind in ("span", "native_span", "week")
            found.append((match.start(), DateMention(value=value, text=match.group(0).strip(), deadline=deadline)))
    return [mention for _, mention in sorted(found, key=lambda pair: pair[0])]


def find_due_date(text: str, reference: date) -> DateMention | None:
    """The deadline in a sentence: the first date said with 까지/안에/이내, else the first date after today."""
    mentions = find_dates(text, reference)
    for mention in mentions:
        if mention.deadline:
            return mention
    # "오늘은 …" opens many sentences: today counts only when said as a deadline ("오늘까지").
    future = [m for m in mentions if m.value > reference]
    return future[0] if future else None
