"""Dashboard analytics on synthetic complaints whose answers are known, and real renderings with Hangul."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageFont

from nlp.analytics import (
    CountRow,
    counts,
    find_korean_font,
    forecast_next_week,
    keyword_trends,
    render_counts_bar,
    render_time_series,
    render_wordcloud,
    sentiment_share,
    time_series,
    urgent_spikes,
)
from nlp.types import ComplaintRecord

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# matplotlib warns like this when it draws a character as an empty box; here that is a failure.
NO_TOFU = pytest.mark.filterwarnings("error:Glyph .* missing from font")

_ids = iter(range(1_000_000))


def record(
    day: date,
    type: str = "road",
    region: str | None = "나운동",
    department: str = "도로과",
    urgent_terms: tuple[str, ...] = (),
    keywords: tuple[str, ...] = (),
    sentiment: str | None = None,
    hour: int = 10,
) -> ComplaintRecord:
    return ComplaintRecord(
        id=f"c{next(_ids)}",
        created_at=datetime(day.year, day.month, day.day, hour),
        type=type,
        department=department,
        region=region,
        urgent=bool(urgent_terms),
        urgent_terms=urgent_terms,
        keywords=keywords,
        sentiment=sentiment,
    )


def assert_real_image(path: Path, size: tuple[int, int] | None = None) -> None:
    """A PNG that opens, has the expected size and actually has something drawn on it."""
    assert path.read_bytes()[:8] == PNG_MAGIC
    assert path.stat().st_size > 5_000
    with Image.open(path) as image:
        if size is not None:
            assert image.size == size
        pixels = image.convert("L")
        histogram = pixels.histogram()
        non_white = sum(histogram[:240]) / (pixels.width * pixels.height)
        assert 0.01 < non_white < 0.95
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 20


# --- counts -----------------------------------------------------------------------------------------


def test_counts_by_type_are_exact_and_largest_first() -> None:
    monday = date(2025, 3, 3)
    records = [record(monday, "road"), record(monday, "parking"), record(monday, "road"), record(monday, "road")]
    records.append(record(monday + timedelta(days=1), "parking"))

    assert counts(records, by="type") == [CountRow("road", None, 3), CountRow("parking", None, 2)]


def test_counts_per_week_start_on_monday_and_group_missing_regions_as_unknown() -> None:
    records = [
        record(date(2025, 3, 2), region="수송동"),  # Sunday: belongs to the week of Monday 2/24
        record(date(2025, 3, 3), region="나운동"),
        record(date(2025, 3, 9), region="나운동"),  # Sunday of the same week as 3/3
        record(date(2025, 3, 5), region=None),
    ]

    assert counts(records, by="region", period="week") == [
        CountRow("수송동", date(2025, 2, 24), 1),
        CountRow("나운동", date(2025, 3, 3), 2),
        CountRow("unknown", date(2025, 3, 3), 1),
    ]


def test_counts_per_month() -> None:
    records = [record(date(2025, 1, 31)), record(date(2025, 2, 1)), record(date(2025, 2, 28))]

    assert counts(records, by="department", period="month") == [
        CountRow("도로과", date(2025, 1, 1), 1),
        CountRow("도로과", date(2025, 2, 1), 2),
    ]


def test_unknown_by_and_period_name_the_value_and_the_choices() -> None:
    with pytest.raises(ValueError) as error:
        counts([], by="kind")  # type: ignore[arg-type]
    assert str(error.value) == "unknown by='kind'; allowed: type, department, region, sentiment"

    with pytest.raises(ValueError) as error:
        counts([], by="type", period="year")  # type: ignore[arg-type]
    assert str(error.value) == "unknown period='year'; allowed: day, week, month"

    with pytest.raises(ValueError) as error:
        time_series([], by="dong")  # type: ignore[arg-type]
    assert str(error.value) == "unknown by='dong'; allowed: None, type, department, region, sentiment"

    with pytest.raises(ValueError, match="unknown period='hour'; allowed: day, week, month"):
        keyword_trends([], period="hour")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown period='quarter'"):
        sentiment_share([], period="quarter")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown by='ward'"):
        forecast_next_week([], by="ward")  # type: ignore[arg-type]


def test_other_bad_arguments_name_the_value() -> None:
    with pytest.raises(ValueError, match=r"start=2025-03-10 is after end=2025-03-01"):
        time_series([], start=date(2025, 3, 10), end=date(2025, 3, 1))
    with pytest.raises(ValueError, match=r"top=0 must be at least 1"):
        keyword_trends([], top=0)
    with pytest.raises(ValueError, match=r"window_days=0 must be at least 1"):
        urgent_spikes([], window_days=0)
    with pytest.raises(ValueError, match=r"z=-1.0 must be positive"):
        urgent_spikes([], z=-1.0)
    with pytest.raises(ValueError, match=r"level=1.5 must be between 0 and 1"):
        forecast_next_week([], level=1.5)


def test_empty_records_give_empty_results() -> None:
    assert counts([], by="type") == []
    assert counts([], by="region", period="week") == []
    empty = time_series([], period="week", by="region")
    assert (empty.dates, empty.series) == ((), {})
    assert keyword_trends([]) == []
    assert urgent_spikes([]) == []
    assert forecast_next_week([]) == []
    assert sentiment_share([]) == []


# --- time series ------------------------------------------------------------------------------------


def test_time_series_fills_quiet_days_with_zeros() -> None:
    records = [record(date(2025, 3, 3)), record(date(2025, 3, 6)), record(date(2025, 3, 6), hour=18)]

    series = time_series(records, period="day")

    assert series.dates == tuple(date(2025, 3, d) for d in range(3, 7))
    assert series.series == {"total": (1, 0, 0, 2)}


def test_time_series_by_region_over_a_fixed_range_of_weeks() -> None:
    records = [
        record(date(2025, 3, 4), region="수송동"),
        record(date(2025, 3, 5), region="나운동"),
        record(date(2025, 3, 19), region="나운동"),
        record(date(2025, 3, 20), region="나운동"),
        record(date(2025, 4, 30), region="나운동"),  # after end: left out
    ]

    series = time_series(records, period="week", by="region", start=date(2025, 2, 26), end=date(2025, 3, 28))

    assert series.dates == (
        date(2025, 2, 24),
        date(2025, 3, 3),
        date(2025, 3, 10),
        date(2025, 3, 17),
        date(2025, 3, 24),
    )
    assert series.series == {"나운동": (0, 1, 0, 2, 0), "수송동": (0, 1, 0, 0, 0)}
    assert list(series.series) == ["나운동", "수송동"]  # largest total first


def test_time_series_over_a_range_without_records_is_all_zeros() -> None:
    series = time_series([], period="day", start=date(2025, 3, 1), end=date(2025, 3, 3))

    assert series.series == {"total": (0, 0, 0)}


# --- keyword trends ---------------------------------------------------------------------------------


def test_keyword_trends_growth_sign_and_rising_flag() -> None:
    weeks = [date(2025, 3, 3) + timedelta(weeks=i) for i in range(4)]
    records = []
    for week, (sinkhole, parking, road) in zip(weeks, [(1, 8, 3), (2, 4, 3), (4, 2, 3), (8, 1, 3)], strict=True):
        records += [record(week, keywords=("싱크홀", "민원")) for _ in range(sinkhole)]
        records += [record(week + timedelta(days=2), keywords=("주차", "주차", "민원")) for _ in range(parking)]
        records += [record(week + timedelta(days=4), keywords=("도로",)) for _ in range(road)]

    trends = {t.keyword: t for t in keyword_trends(records, period="week", stopwords=frozenset({"민원"}))}

    assert set(trends) == {"싱크홀", "주차", "도로"}
    sinkhole, parking, road = trends["싱크홀"], trends["주차"], trends["도로"]
    assert sinkhole.period_starts == tuple(weeks)
    assert sinkhole.counts == (1, 2, 4, 8) and sinkhole.total == 15
    assert parking.counts == (8, 4, 2, 1)  # "주차" twice in one complaint counts once
    assert sinkhole.growth > 0 and sinkhole.rising
    assert parking.growth < 0 and not parking.rising
    assert road.growth == 0 and not road.rising


def test_keyword_trends_keep_the_top_keywords_by_total() -> None:
    day = date(2025, 3, 3)
    records = (
        [record(day, keywords=("소음",))] * 3
        + [record(day, keywords=("악취",))] * 2
        + [record(day, keywords=("가로등",))]
    )

    trends = keyword_trends(records, top=2)

    assert [(t.keyword, t.total, t.growth, t.rising) for t in trends] == [
        ("소음", 3, 0.0, False),
        ("악취", 2, 0.0, False),
    ]


# --- urgent spikes ----------------------------------------------------------------------------------

AS_OF = date(2025, 4, 30)


def steady_and_planted_records() -> list[ComplaintRecord]:
    records = []
    for days_back in range(35):
        day = AS_OF - timedelta(days=days_back)
        # A gas-leak report in 수송동 every day for five weeks: frequent, but nothing new.
        records.append(record(day, region="수송동", urgent_terms=("가스누출",)))
        if days_back % 5 == 0:
            records.append(record(day, region="나운동", urgent_terms=("침수",)))
    # The planted spike: five sinkholes in 나운동 this week, none ever before.
    records += [record(AS_OF - timedelta(days=d), region="나운동", urgent_terms=("싱크홀",)) for d in (0, 1, 2, 4, 6)]
    # Two sinkholes in 조촌동: new too, but below min_count.
    records += [record(AS_OF - timedelta(days=d), region="조촌동", urgent_terms=("싱크홀",)) for d in (1, 3)]
    return records


def test_planted_spike_is_found_and_steady_terms_are_not() -> None:
    records = steady_and_planted_records()

    spikes = urgent_spikes(records, window_days=7, baseline_days=28, min_count=3, z=2.0, as_of=AS_OF)

    assert [(s.region, s.term, s.count) for s in spikes] == [("나운동", "싱크홀", 5)]
    spike = spikes[0]
    assert spike.expected == pytest.approx(0.5 * 7 / 28)
    assert spike.score > 2.0 and spike.p_value < 0.001
    assert (spike.window_start, spike.window_end) == (date(2025, 4, 24), AS_OF)
    sinkholes_in_naun = [r for r in records if r.urgent_terms == ("싱크홀",) and r.region == "나운동"]
    assert spike.record_ids == tuple(r.id for r in sinkholes_in_naun)  # most recent first, as planted


def test_as_of_defaults_to_the_last_record() -> None:
    records = steady_and_planted_records()

    assert urgent_spikes(records) == urgent_spikes(records, as_of=AS_OF)


def test_a_known_term_spikes_when_it_jumps_well_above_its_baseline() -> None:
    records = [record(AS_OF - timedelta(days=d), region="수송동", urgent_terms=("정전",)) for d in range(10, 35, 6)]
    records += [record(AS_OF - timedelta(days=d % 7), region="수송동", urgent_terms=("정전",)) for d in range(9)]

    spikes = urgent_spikes(records, as_of=AS_OF)

    assert [(s.term, s.count) for s in spikes] == [("정전", 9)]
    assert spikes[0].expected == pytest.approx((5 + 0.5) * 7 / 28)


def test_a_baseline_shorter_than_asked_is_scaled_to_the_days_it_covers() -> None:
    # Data start 10 days before the window: 2 reports in 10 days, not 2 in 28, is the baseline rate.
    records = [record(AS_OF - timedelta(days=d), urgent_terms=("정전",)) for d in (16, 12)]
    records += [record(AS_OF - timedelta(days=d), urgent_terms=("정전",)) for d in range(3)]

    spikes = urgent_spikes(records, as_of=AS_OF, z=0.1)

    assert spikes[0].expected == pytest.approx((2 + 0.5) * 7 / 10)


def test_no_history_before_the_window_means_no_spikes() -> None:
    records = [record(AS_OF - timedelta(days=d), urgent_terms=("싱크홀",)) for d in range(5)]

    assert urgent_spikes(records, as_of=AS_OF) == []


# --- forecast ---------------------------------------------------------------------------------------


def weekly_records(as_of: date, weekly: dict[str, list[int]]) -> list[ComplaintRecord]:
    """``weekly[type][i]`` complaints in the i-th rolling 7-day window (oldest first) ending on as_of."""
    records = []
    for type_, per_week in weekly.items():
        for i, n in enumerate(per_week):
            window_end = as_of - timedelta(days=7 * (len(per_week) - 1 - i))
            records += [record(window_end - timedelta(days=j % 7), type=type_) for j in range(n)]
    return records


def test_forecast_follows_a_linear_trend_and_a_flat_series() -> None:
    as_of = date(2025, 4, 27)
    road = [10 + 2 * i for i in range(8)]  # 10, 12, ..., 24: next week should be about 26
    records = weekly_records(as_of, {"road": road, "parking": [5] * 8})

    forecasts = {f.key: f for f in forecast_next_week(records, by="type", as_of=as_of)}

    road_forecast, parking_forecast = forecasts["road"], forecasts["parking"]
    assert road_forecast.history == tuple(road)
    assert road_forecast.predicted == pytest.approx(26, abs=0.5)
    assert road_forecast.lower < road_forecast.predicted < road_forecast.upper
    assert (road_forecast.start, road_forecast.end) == (date(2025, 4, 28), date(2025, 5, 4))
    assert parking_forecast.predicted == pytest.approx(5, abs=0.1)
    # Poisson floor: even a perfectly flat history gets an interval of ±1.28·√5 at 80%.
    assert parking_forecast.upper - parking_forecast.lower == pytest.approx(2 * 1.2816 * 5**0.5, rel=0.01)
    assert [f.key for f in forecast_next_week(records, as_of=as_of)] == ["road", "parking"]


def test_forecast_of_a_falling_series_never_goes_below_zero() -> None:
    as_of = date(2025, 4, 27)
    records = weekly_records(as_of, {"noise": [14, 12, 10, 8, 6, 4, 2, 0]})

    (forecast,) = forecast_next_week(records, as_of=as_of)

    assert forecast.predicted == 0.0 and forecast.lower == 0.0 and forecast.upper > 0


def test_forecast_uses_only_the_complete_weeks_the_data_cover() -> None:
    as_of = date(2025, 4, 27)
    records = weekly_records(as_of, {"road": [7, 14, 21]})  # 7 a week: every day of the oldest week has data
    records.append(record(as_of - timedelta(days=23), type="road"))  # a partly covered fourth week is left out

    (forecast,) = forecast_next_week(records, as_of=as_of)

    assert forecast.history == (7, 14, 21)
    assert forecast.predicted == pytest.approx(28)


# --- sentiment --------------------------------------------------------------------------------------


def test_sentiment_share_per_week() -> None:
    week1, week3 = date(2025, 3, 3), date(2025, 3, 17)
    records = [
        record(week1, sentiment="negative"),
        record(week1, sentiment="negative"),
        record(week1, sentiment="neutral"),
        record(week1, sentiment="positive"),
        record(week1, sentiment=None),
        record(week3, sentiment="neutral"),
    ]

    shares = sentiment_share(records, period="week")

    assert [s.period_start for s in shares] == [week1, date(2025, 3, 10), week3]
    first, quiet, last = shares
    assert (first.total, first.unanalysed) == (5, 1)
    assert first.counts == {"negative": 2, "neutral": 1, "positive": 1}
    assert first.shares == {"negative": 0.5, "neutral": 0.25, "positive": 0.25}
    assert quiet.total == 0 and quiet.shares == {"negative": 0.0, "neutral": 0.0, "positive": 0.0}
    assert last.shares["neutral"] == 1.0


# --- renderings -------------------------------------------------------------------------------------


def test_the_korean_font_draws_hangul_rather_than_boxes() -> None:
    font_path = find_korean_font()
    font = ImageFont.truetype(str(font_path), 40)
    missing = bytes(font.getmask("\u0378"))  # unassigned code point: the font's "missing glyph" box

    for syllable in "싱크홀나운동":
        assert bytes(font.getmask(syllable)) != missing, syllable


def test_font_errors_say_what_to_install() -> None:
    with pytest.raises(FileNotFoundError, match=r"font_path='/nope/NanumGothic.ttf' is not a file"):
        find_korean_font("/nope/NanumGothic.ttf")
    with pytest.raises(FileNotFoundError, match=r"apt-get install fonts-nanum"):
        find_korean_font(candidates=("/nope/a.ttf",))


def test_render_wordcloud_writes_a_real_png(tmp_path: Path) -> None:
    frequencies = {"싱크홀": 40, "불법주차": 30, "가로등": 22, "소음": 18, "악취": 12, "보도블록": 9, "침수": 5}

    path = render_wordcloud(frequencies, tmp_path / "cloud.png", width=640, height=360)

    assert path == tmp_path / "cloud.png"
    assert_real_image(path, size=(640, 360))


@NO_TOFU
def test_render_time_series_png_and_svg(tmp_path: Path) -> None:
    records = [record(date(2025, 3, 3) + timedelta(days=d), region=("나운동", "수송동")[d % 2]) for d in range(40)]
    series = time_series(records, period="week", by="region")

    png = render_time_series(series, tmp_path / "chart.png", "동별 주간 민원 건수")
    svg = render_time_series(series, tmp_path / "charts" / "chart.svg", "동별 주간 민원 건수")

    assert_real_image(png, size=(960, 540))
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")


@NO_TOFU
def test_render_time_series_folds_many_series_and_long_ranges(tmp_path: Path) -> None:
    regions = [f"{name}동" for name in "가나다라마바사아자차카"]
    records = [record(date(2025, 1, 1) + timedelta(days=d), region=regions[d % len(regions)]) for d in range(120)]

    path = render_time_series(time_series(records, period="day", by="region"), tmp_path / "daily.png", "일별 민원")

    assert_real_image(path)


@NO_TOFU
def test_render_counts_bar(tmp_path: Path) -> None:
    rows = counts(
        [record(date(2025, 3, 3), type=t) for t in ["도로", "주차", "주차", "소음"] * 3], by="type", period="week"
    )

    path = render_counts_bar(rows, tmp_path / "bar.png", "유형별 민원 건수")

    assert_real_image(path, size=(960, 540))


@NO_TOFU
def test_renderings_of_nothing_are_placeholders_not_crashes(tmp_path: Path) -> None:
    for path in (
        render_wordcloud({}, tmp_path / "cloud.png"),
        render_time_series(time_series([]), tmp_path / "series.png", "빈 차트"),
        render_counts_bar([], tmp_path / "bar.png", "빈 차트"),
    ):
        assert path.read_bytes()[:8] == PNG_MAGIC
        with Image.open(path) as image:
            assert image.convert("L").getextrema()[0] < 200  # the "데이터 없음" text is drawn


def test_unsupported_image_suffix_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"unsupported image suffix '.gif' .*; allowed: .png, .svg"):
        render_time_series(time_series([]), tmp_path / "chart.gif", "차트")
    with pytest.raises(ValueError, match=r"unsupported image suffix '.svg' .*; allowed: .png, .jpg, .jpeg"):
        render_wordcloud({"도로": 1}, tmp_path / "cloud.svg")
