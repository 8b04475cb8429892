"""Complaint analytics for the city dashboard: counts, time series, keyword trends, urgent spikes,
next-week forecasts, sentiment shares, and PNG/SVG renderings with Hangul labels.

Every function takes already analysed :class:`~nlp.types.ComplaintRecord` values and returns frozen
dataclasses (``dataclasses.asdict`` gives JSON). Days are the calendar dates of ``created_at`` as
given, so callers convert timestamps to Asia/Seoul before passing them. Weeks start on Monday.
Empty input gives empty results; unknown ``by``/``period`` values raise ``ValueError``.
"""

from __future__ import annotations

import functools
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from statistics import NormalDist
from typing import TYPE_CHECKING, Literal, get_args

from nlp.types import ComplaintRecord

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

logger = logging.getLogger(__name__)

__all__ = [
    "KOREAN_FONT_CANDIDATES",
    "UNKNOWN",
    "CountRow",
    "Forecast",
    "KeywordTrend",
    "SentimentShare",
    "Spike",
    "TimeSeries",
    "counts",
    "find_korean_font",
    "forecast_next_week",
    "keyword_trends",
    "render_counts_bar",
    "render_time_series",
    "render_wordcloud",
    "sentiment_share",
    "time_series",
    "urgent_spikes",
]

Dimension = Literal["type", "department", "region", "sentiment"]
Period = Literal["day", "week", "month"]
DIMENSIONS: tuple[str, ...] = get_args(Dimension)
PERIODS: tuple[str, ...] = get_args(Period)

UNKNOWN = "unknown"
"""Key for records without a region or sentiment: they still count, under this name."""
TOTAL = "total"
"""Series name of :func:`time_series` when ``by`` is None."""
SENTIMENT_LABELS = ("negative", "neutral", "positive")

# Keyword trends: a keyword is "rising" when its last period beats the mean of the earlier ones by
# half again (with +1 smoothing so a brand-new keyword has a finite growth) and is not a one-off.
RISING_MIN_GROWTH = 0.5
RISING_MIN_COUNT = 3

# Urgent spikes: half a report of pseudo-count in the baseline, so a term never seen before has a
# small but non-zero expected rate and min_count fresh reports of it are a spike, not a division by 0.
SPIKE_PRIOR_COUNT = 0.5
SPIKE_EXAMPLE_IDS = 5

# Forecast smoothing weights, fixed rather than fitted: eight points are too few to fit them.
HOLT_ALPHA = 0.5
HOLT_BETA = 0.3

KOREAN_FONT_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",  # Debian/Ubuntu fonts-nanum
    "/usr/share/fonts/naver-nanum/NanumGothic.ttf",  # Fedora naver-nanum-gothic-fonts
    "/usr/share/fonts/nanum/NanumGothic.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian fonts-noto-cjk
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/AppleSDGothicNeo.ttc",
    "C:/Windows/Fonts/malgun.ttf",
)
IMAGE_DPI = 100
MAX_LINES = 8  # more lines than this are unreadable; the rest are summed into OTHERS
MAX_BARS = 25
MAX_DATE_TICKS = 16
OTHERS = "기타"
NO_DATA = "데이터 없음"
CHART_SUFFIXES = (".png", ".svg")
WORDCLOUD_SUFFIXES = (".png", ".jpg", ".jpeg")


@dataclass(frozen=True)
class CountRow:
    key: str
    period_start: date | None
    count: int


@dataclass(frozen=True)
class TimeSeries:
    """Zero-filled counts: ``series[name][i]`` is the count in the bucket starting on ``dates[i]``."""

    period: str
    by: str | None
    dates: tuple[date, ...]
    series: dict[str, tuple[int, ...]]


@dataclass(frozen=True)
class KeywordTrend:
    """``counts[i]`` is the number of complaints mentioning the keyword in the period ``period_starts[i]``."""

    keyword: str
    total: int
    period_starts: tuple[date, ...]
    counts: tuple[int, ...]
    growth: float  # (last + 1) / (mean of earlier periods + 1) - 1; 0.0 with a single period
    rising: bool


@dataclass(frozen=True)
class Spike:
    """An urgent term reported in one region more often than its baseline explains."""

    region: str
    term: str
    window_start: date
    window_end: date
    count: int
    expected: float
    p_value: float  # P(count or more | Poisson(expected))
    score: float  # p_value on the z scale: 2.0 is as surprising as two standard deviations
    record_ids: tuple[str, ...]  # most recent first, at most SPIKE_EXAMPLE_IDS


@dataclass(frozen=True)
class Forecast:
    key: str
    start: date
    end: date
    predicted: float
    lower: float
    upper: float
    level: float
    history: tuple[int, ...]  # weekly counts the forecast was made from, oldest first


@dataclass(frozen=True)
class SentimentShare:
    """Shares are over analysed complaints only; ``unanalysed`` counts those without a sentiment."""

    period_start: date
    total: int
    unanalysed: int
    counts: dict[str, int]
    shares: dict[str, float]


def counts(records: Iterable[ComplaintRecord], by: Dimension, period: Period | None = None) -> list[CountRow]:
    """Complaints per ``by`` value (and per period when given), by period, then largest count first."""
    _check_choice("by", by, DIMENSIONS)
    if period is not None:
        _check_choice("period", period, PERIODS)
    tally = Counter(
        (_key(record, by), _period_start(record.created_at.date(), period) if period else None) for record in records
    )
    rows = [CountRow(key=key, period_start=start, count=n) for (key, start), n in tally.items()]
    rows.sort(key=lambda row: (row.period_start or date.min, -row.count, row.key))
    return rows


def time_series(
    records: Iterable[ComplaintRecord],
    period: Period = "day",
    by: Dimension | None = None,
    start: date | None = None,
    end: date | None = None,
) -> TimeSeries:
    """Counts per period from ``start`` to ``end`` (inclusive; default: the records' first and last day).

    Every bucket between them is present, zeros included, so a chart shows quiet days as quiet.
    Buckets are aligned to period starts, so the first and last may be only partly inside the range.
    Series are ordered by total, largest first; with ``by=None`` there is one series, ``"total"``.
    """
    _check_choice("period", period, PERIODS)
    if by is not None:
        _check_choice("by", by, DIMENSIONS, none_allowed=True)
    start, end = _as_date(start), _as_date(end)
    if start is not None and end is not None and start > end:
        raise ValueError(f"start={start.isoformat()} is after end={end.isoformat()}; pass start <= end")
    dated = [
        (record.created_at.date(), record)
        for record in records
        if (start is None or record.created_at.date() >= start) and (end is None or record.created_at.date() <= end)
    ]
    if not dated and (start is None or end is None):
        return TimeSeries(period=period, by=by, dates=(), series={})
    first = start if start is not None else min(day for day, _ in dated)
    last = end if end is not None else max(day for day, _ in dated)
    buckets = _period_range(first, last, period)
    index = {bucket: i for i, bucket in enumerate(buckets)}
    series: dict[str, list[int]] = {}
    if by is None:
        series[TOTAL] = [0] * len(buckets)
    for day, record in dated:
        name = TOTAL if by is None else _key(record, by)
        series.setdefault(name, [0] * len(buckets))[index[_period_start(day, period)]] += 1
    ordered = sorted(series.items(), key=lambda item: (-sum(item[1]), item[0]))
    return TimeSeries(period=period, by=by, dates=tuple(buckets), series={name: tuple(v) for name, v in ordered})


def keyword_trends(
    records: Iterable[ComplaintRecord],
    period: Period = "week",
    top: int = 20,
    stopwords: frozenset[str] = frozenset(),
    as_of: date | None = None,
) -> list[KeywordTrend]:
    """The ``top`` keywords by number of complaints mentioning them, with per-period counts and growth.

    A keyword counts once per complaint, so one long complaint repeating a word cannot make a trend.
    Periods run from the first record to ``as_of`` (default: the last record); the last period may be
    incomplete, which understates its growth, so pass the last day of a complete period to compare
    whole periods.
    """
    _check_choice("period", period, PERIODS)
    if top < 1:
        raise ValueError(f"top={top!r} must be at least 1")
    as_of = _as_date(as_of)
    dated = [(r.created_at.date(), r) for r in records if as_of is None or r.created_at.date() <= as_of]
    if not dated:
        return []
    buckets = _period_range(min(day for day, _ in dated), as_of or max(day for day, _ in dated), period)
    index = {bucket: i for i, bucket in enumerate(buckets)}
    per_keyword: defaultdict[str, list[int]] = defaultdict(lambda: [0] * len(buckets))
    for day, record in dated:
        for keyword in {k.strip() for k in record.keywords} - stopwords - {""}:
            per_keyword[keyword][index[_period_start(day, period)]] += 1
    ranked = sorted(per_keyword.items(), key=lambda item: (-sum(item[1]), item[0]))[:top]
    trends = []
    for keyword, per_period in ranked:
        growth = 0.0
        if len(per_period) > 1:
            earlier = per_period[:-1]
            growth = (per_period[-1] + 1) / (sum(earlier) / len(earlier) + 1) - 1
        trends.append(
            KeywordTrend(
                keyword=keyword,
                total=sum(per_period),
                period_starts=tuple(buckets),
                counts=tuple(per_period),
                growth=growth,
                rising=growth >= RISING_MIN_GROWTH and per_period[-1] >= RISING_MIN_COUNT,
            )
        )
    return trends


def urgent_spikes(
    records: Iterable[ComplaintRecord],
    window_days: int = 7,
    baseline_days: int = 28,
    min_count: int = 3,
    z: float = 2.0,
    as_of: date | None = None,
) -> list[Spike]:
    """(region, urgent term) pairs reported unusually often in the last ``window_days`` up to ``as_of``.

    The baseline is the ``baseline_days`` before the window. Its rate, plus a pseudo-count of
    ``SPIKE_PRIOR_COUNT``, scaled to the window length gives the expected count; the pair is a spike
    when at least ``min_count`` reports arrived and seeing that many or more under a Poisson with the
    expected mean is as unlikely as ``z`` standard deviations (``score >= z``). The prior lets a term
    never seen before spike once it has ``min_count`` reports. When the data start inside the baseline,
    only the covered days count as baseline; with no history before the window nothing can be called
    a spike, so the result is empty. A term counts once per complaint; records without a region are
    grouped under ``"unknown"``. Sorted by score, highest first.
    """
    for name, value in (("window_days", window_days), ("baseline_days", baseline_days), ("min_count", min_count)):
        if value < 1:
            raise ValueError(f"{name}={value!r} must be at least 1")
    if z <= 0:
        raise ValueError(f"z={z!r} must be positive")
    as_of = _as_date(as_of)
    dated = [(r.created_at.date(), r) for r in records if as_of is None or r.created_at.date() <= as_of]
    if not dated:
        return []
    as_of = as_of or max(day for day, _ in dated)
    window_start = as_of - timedelta(days=window_days - 1)
    baseline_start = window_start - timedelta(days=baseline_days)
    covered_days = min(baseline_days, (window_start - min(day for day, _ in dated)).days)
    if covered_days <= 0:
        logger.info("no data before %s: urgent spikes need a baseline, none reported", window_start)
        return []
    recent: defaultdict[tuple[str, str], list[tuple[datetime, str]]] = defaultdict(list)
    baseline: Counter[tuple[str, str]] = Counter()
    for day, record in dated:
        if day < baseline_start:
            continue
        region = record.region or UNKNOWN
        for term in set(record.urgent_terms):
            if day >= window_start:
                recent[(region, term)].append((record.created_at, record.id))
            else:
                baseline[(region, term)] += 1
    spikes = []
    for (region, term), hits in recent.items():
        if len(hits) < min_count:
            continue
        expected = (baseline[(region, term)] + SPIKE_PRIOR_COUNT) * window_days / covered_days
        p_value = _poisson_upper_tail(len(hits), expected)
        score = -NormalDist().inv_cdf(min(max(p_value, 1e-300), 1 - 1e-12))
        if score < z:
            continue
        hits.sort(reverse=True)
        spikes.append(
            Spike(
                region=region,
                term=term,
                window_start=window_start,
                window_end=as_of,
                count=len(hits),
                expected=expected,
                p_value=p_value,
                score=score,
                record_ids=tuple(record_id for _, record_id in hits[:SPIKE_EXAMPLE_IDS]),
            )
        )
    spikes.sort(key=lambda s: (-s.score, -s.count, s.region, s.term))
    logger.debug("%d urgent spikes in %s..%s", len(spikes), window_start, as_of)
    return spikes


def forecast_next_week(
    records: Iterable[ComplaintRecord],
    by: Dimension | None = "type",
    as_of: date | None = None,
    weeks: int = 8,
    level: float = 0.8,
) -> list[Forecast]:
    """Complaints expected in the 7 days after ``as_of`` (default: the last record's day), per ``by`` value.

    Method, simple enough to explain to a clerk:

    1. History: counts in the last ``weeks`` rolling 7-day windows ending on ``as_of`` (rolling, so a
       half-finished calendar week never drags the forecast down). If the data start later, only the
       complete 7-day windows they cover are used (at least one).
    2. Point forecast: Holt's linear exponential smoothing (level weight 0.5, trend weight 0.3, trend
       started at the average weekly change) one step ahead, clipped at 0. A steady trend carries on;
       a single odd week moves the forecast only part of the way.
    3. Interval: ± the normal quantile for ``level`` times the larger of the one-step-ahead in-sample
       error (RMSE) and the Poisson spread √max(forecast, 1), since counts vary at least that much
       even when the model is right. The lower bound is clipped at 0.

    Every value seen in the history gets a forecast; sorted by forecast, largest first.
    """
    if by is not None:
        _check_choice("by", by, DIMENSIONS, none_allowed=True)
    if weeks < 1:
        raise ValueError(f"weeks={weeks!r} must be at least 1")
    if not 0 < level < 1:
        raise ValueError(f"level={level!r} must be between 0 and 1, e.g. 0.8 for an 80% interval")
    as_of = _as_date(as_of)
    dated = [(r.created_at.date(), r) for r in records if as_of is None or r.created_at.date() <= as_of]
    if not dated:
        return []
    as_of = as_of or max(day for day, _ in dated)
    covered_days = (as_of - min(day for day, _ in dated)).days + 1
    n_weeks = min(weeks, max(1, covered_days // 7))
    history: defaultdict[str, list[int]] = defaultdict(lambda: [0] * n_weeks)
    for day, record in dated:
        weeks_back = (as_of - day).days // 7
        if weeks_back < n_weeks:
            history[TOTAL if by is None else _key(record, by)][n_weeks - 1 - weeks_back] += 1
    quantile = NormalDist().inv_cdf(0.5 + level / 2)
    forecasts = []
    for key, weekly in history.items():
        predicted, rmse = _holt_one_step(weekly)
        predicted = max(0.0, predicted)
        spread = quantile * max(rmse, math.sqrt(max(predicted, 1.0)))
        forecasts.append(
            Forecast(
                key=key,
                start=as_of + timedelta(days=1),
                end=as_of + timedelta(days=7),
                predicted=predicted,
                lower=max(0.0, predicted - spread),
                upper=predicted + spread,
                level=level,
                history=tuple(weekly),
            )
        )
    forecasts.sort(key=lambda f: (-f.predicted, f.key))
    return forecasts


def sentiment_share(records: Iterable[ComplaintRecord], period: Period = "week") -> list[SentimentShare]:
    """Sentiment label counts and shares per period, zero-filled from the first to the last record.

    Every period carries the same labels (negative, neutral, positive and any other label seen), so
    a stacked chart lines up; a period with no analysed complaint has all shares 0.0.
    """
    _check_choice("period", period, PERIODS)
    dated = [(r.created_at.date(), r) for r in records]
    if not dated:
        return []
    buckets = _period_range(min(day for day, _ in dated), max(day for day, _ in dated), period)
    seen = {record.sentiment for _, record in dated if record.sentiment is not None}
    labels = [*SENTIMENT_LABELS, *sorted(seen - set(SENTIMENT_LABELS))]
    per_bucket = {bucket: Counter[str | None]() for bucket in buckets}
    for day, record in dated:
        per_bucket[_period_start(day, period)][record.sentiment] += 1
    shares = []
    for bucket, tally in per_bucket.items():
        analysed = sum(n for label, n in tally.items() if label is not None)
        shares.append(
            SentimentShare(
                period_start=bucket,
                total=tally.total(),
                unanalysed=tally[None],
                counts={label: tally[label] for label in labels},
                shares={label: tally[label] / analysed if analysed else 0.0 for label in labels},
            )
        )
    return shares


def find_korean_font(font_path: str | Path | None = None, candidates: Sequence[str] = KOREAN_FONT_CANDIDATES) -> Path:
    """The font file used for Hangul: ``font_path`` if given, else the first of ``candidates`` that exists."""
    if font_path is not None:
        path = Path(font_path)
        if not path.is_file():
            raise FileNotFoundError(f"font_path={str(font_path)!r} is not a file; pass a .ttf/.otf/.ttc font file")
        return path
    for candidate in candidates:
        if Path(candidate).is_file():
            return Path(candidate)
    raise FileNotFoundError(
        "no Korean font found (looked for: " + ", ".join(candidates) + "); "
        "install one with `apt-get install fonts-nanum` or pass font_path"
    )


def render_wordcloud(
    frequencies: Mapping[str, int],
    path: str | Path,
    font_path: str | Path | None = None,
    width: int = 800,
    height: int = 450,
) -> Path:
    """Draw a word cloud of ``frequencies`` into ``path`` (.png/.jpg) and return the path.

    Words are laid out horizontally only (vertical Hangul is hard to read) with a fixed random seed,
    so the same data gives the same picture. With no positive frequency, a "데이터 없음" placeholder is
    written instead, so a page can always show the image.
    """
    path = _output_path(path, WORDCLOUD_SUFFIXES)
    _check_size(width, height)
    font = find_korean_font(font_path)
    words = {word: count for word, count in frequencies.items() if count > 0 and word.strip()}
    if not words:
        _render_placeholder(path, font, width, height, title="")
        return path
    from wordcloud import WordCloud  # heavy import, only needed here

    cloud = WordCloud(
        font_path=str(font),
        width=width,
        height=height,
        background_color="white",
        colormap="Dark2",  # dark colours stay readable on white, unlike viridis' yellow
        prefer_horizontal=1.0,
        random_state=0,
    )
    cloud.generate_from_frequencies(words)
    cloud.to_file(str(path))
    logger.debug("word cloud of %d words written to %s", len(words), path)
    return path


def render_time_series(series: TimeSeries, path: str | Path, title: str, width: int = 960, height: int = 540) -> Path:
    """Draw ``series`` as lines into ``path`` (.png or .svg by suffix) and return the path.

    Beyond the ``MAX_LINES - 1`` largest series the rest are summed into one "기타" line.
    """
    path = _output_path(path, CHART_SUFFIXES)
    _check_size(width, height)
    font = find_korean_font()
    if not series.dates or not series.series:
        _render_placeholder(path, font, width, height, title)
        return path
    from matplotlib import dates as mdates
    from matplotlib.ticker import MaxNLocator

    family = _matplotlib_family(font)
    figure, axes = _new_figure(width, height, family)
    for name, values in _fold(list(series.series.items()), MAX_LINES):
        axes.plot(series.dates, values, marker="o", markersize=3, linewidth=1.6, label=name)
    if len(series.dates) <= MAX_DATE_TICKS:
        # One tick per bucket, so each point sits on its own label (auto ticks fall between weeks).
        axes.set_xticks(series.dates, [_bucket_label(day, series.period) for day in series.dates])
    else:
        locator = mdates.AutoDateLocator()
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(
            mdates.ConciseDateFormatter(
                locator,
                formats=["%Y년", "%m월", "%d일", "%H:%M", "%H:%M", "%S.%f"],
                zero_formats=["", "%Y년", "%m월", "%m-%d", "%H:%M", "%H:%M"],
                offset_formats=["", "%Y년", "%Y년 %m월", "%Y-%m-%d", "%Y-%m-%d", "%Y-%m-%d %H:%M"],
            )
        )
        axes.xaxis.get_offset_text().set_fontfamily(family)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(bottom=0)
    years = sorted({day.year for day in series.dates})
    year_span = f"{years[0]}년" if len(years) == 1 else f"{years[0]}–{years[-1]}년"
    period_name = {"day": "날짜", "week": "주 (월요일 시작)", "month": "월"}.get(series.period, "")
    axes.set_xlabel(f"{period_name} · {year_span}", family=family)
    axes.set_ylabel("건수", family=family)
    axes.set_title(title, family=family)
    axes.grid(alpha=0.3)
    if len(series.series) > 1:
        figure.legend(loc="outside right upper", prop={"family": family})
    figure.savefig(path)
    logger.debug("time series of %d series written to %s", len(series.series), path)
    return path


def render_counts_bar(
    rows: Sequence[CountRow], path: str | Path, title: str, width: int = 960, height: int = 540
) -> Path:
    """Draw ``rows`` as horizontal bars, largest on top, into ``path`` (.png or .svg) and return the path.

    Rows from several periods are summed per key, so the chart shows the whole range; beyond the
    ``MAX_BARS - 1`` largest keys the rest are summed into one "기타" bar.
    """
    path = _output_path(path, CHART_SUFFIXES)
    _check_size(width, height)
    font = find_korean_font()
    totals: Counter[str] = Counter()
    for row in rows:
        totals[row.key] += row.count
    if not totals:
        _render_placeholder(path, font, width, height, title)
        return path
    family = _matplotlib_family(font)
    figure, axes = _new_figure(width, height, family)
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    bars = _fold([(key, (count,)) for key, count in ranked], MAX_BARS)
    container = axes.barh([key for key, _ in bars], [count for _, (count,) in bars], color="#3b6ea8")
    axes.invert_yaxis()  # largest on top, as people read a ranking
    axes.bar_label(container, padding=3, family=family)
    axes.margins(x=0.08)
    axes.set_xlabel("건수", family=family)
    axes.set_title(title, family=family)
    axes.grid(axis="x", alpha=0.3)
    figure.savefig(path)
    logger.debug("bar chart of %d keys written to %s", len(bars), path)
    return path


def _check_choice(name: str, value: object, allowed: tuple[str, ...], none_allowed: bool = False) -> None:
    if value not in allowed:
        choices = ("None", *allowed) if none_allowed else allowed
        raise ValueError(f"unknown {name}={value!r}; allowed: {', '.join(choices)}")


def _check_size(width: int, height: int) -> None:
    if width < 50 or height < 50:
        raise ValueError(f"width={width!r}, height={height!r}: both must be at least 50 pixels")


def _as_date(value: date | None) -> date | None:
    # datetime is a date subclass but does not compare with date, so normalise before comparing.
    return value.date() if isinstance(value, datetime) else value


def _key(record: ComplaintRecord, by: str) -> str:
    value = getattr(record, by)
    return value if value else UNKNOWN


def _period_start(day: date, period: str) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def _next_period(start: date, period: str) -> date:
    if period == "week":
        return start + timedelta(days=7)
    if period == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=1)


def _period_range(first: date, last: date, period: str) -> list[date]:
    current, end = _period_start(first, period), _period_start(last, period)
    buckets = []
    while current <= end:
        buckets.append(current)
        current = _next_period(current, period)
    return buckets


def _poisson_upper_tail(k: int, mean: float) -> float:
    """P(X >= k) for X ~ Poisson(mean), summed on the side that avoids cancellation."""
    if k <= 0:
        return 1.0

    def pmf(i: int) -> float:
        return math.exp(i * math.log(mean) - mean - math.lgamma(i + 1))

    if k <= mean:
        return max(0.0, 1.0 - sum(pmf(i) for i in range(k)))
    # Past the mode the terms shrink geometrically, so the sum converges in a few steps.
    total, i = 0.0, k
    while True:
        term = pmf(i)
        total += term
        if term <= total * 1e-16:
            return min(1.0, total)
        i += 1


def _holt_one_step(values: Sequence[int]) -> tuple[float, float]:
    """Holt's linear smoothing: the next value and the RMSE of the one-step-ahead in-sample forecasts."""
    level = float(values[0])
    trend = (values[-1] - values[0]) / (len(values) - 1) if len(values) > 1 else 0.0
    squared_errors = []
    for value in values[1:]:
        squared_errors.append((value - (level + trend)) ** 2)
        previous, level = level, HOLT_ALPHA * value + (1 - HOLT_ALPHA) * (level + trend)
        trend = HOLT_BETA * (level - previous) + (1 - HOLT_BETA) * trend
    rmse = math.sqrt(sum(squared_errors) / len(squared_errors)) if squared_errors else 0.0
    return level + trend, rmse


def _fold(items: list[tuple[str, tuple[int, ...]]], limit: int) -> list[tuple[str, tuple[int, ...]]]:
    """Keep the first ``limit - 1`` items and sum the rest, element-wise, into one ``OTHERS`` item."""
    if len(items) <= limit:
        return items
    rest = [values for _, values in items[limit - 1 :]]
    return [*items[: limit - 1], (OTHERS, tuple(map(sum, zip(*rest, strict=True))))]


def _bucket_label(day: date, period: str) -> str:
    return f"{day.year}.{day.month}" if period == "month" else f"{day.month}/{day.day}"


def _output_path(path: str | Path, suffixes: tuple[str, ...]) -> Path:
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        raise ValueError(f"unsupported image suffix {path.suffix!r} in {str(path)!r}; allowed: {', '.join(suffixes)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@functools.cache
def _matplotlib_family(font: Path) -> list[str]:
    """Register ``font`` with matplotlib once and return a family list for ``fontfamily=``.

    DejaVu Sans comes second so glyphs the Korean font lacks (e.g. the minus sign) fall back to it
    per character instead of turning into boxes.
    """
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font))
    name = font_manager.FontProperties(fname=str(font)).get_name()
    logger.info("charts use the font %s from %s", name, font)
    return [name, "DejaVu Sans"]


def _new_figure(width: int, height: int, family: list[str]) -> tuple[Figure, Axes]:
    # A bare Figure, not pyplot: pyplot keeps global state that is not thread-safe and holds every
    # figure until closed, while the web app renders from several workers. savefig picks Agg for
    # PNG and the SVG backend for SVG by itself.
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width / IMAGE_DPI, height / IMAGE_DPI), dpi=IMAGE_DPI, layout="constrained")
    axes = figure.add_subplot()
    axes.tick_params(labelfontfamily=family)
    return figure, axes


def _render_placeholder(path: Path, font: Path, width: int, height: int, title: str) -> None:
    family = _matplotlib_family(font)
    figure, axes = _new_figure(width, height, family)
    axes.axis("off")
    axes.text(0.5, 0.5, NO_DATA, ha="center", va="center", fontsize=18, color="#777777", family=family)
    if title:
        axes.set_title(title, family=family)
    figure.savefig(path)
    logger.debug("no data: placeholder written to %s", path)
