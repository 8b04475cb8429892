"""The petition categories recovered from the shipped file's row blocks tile the file exactly."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from eval.complaints import DATA, petition_categories
from serving.settings import PROJECT_ROOT

CONFIG_DIR = PROJECT_ROOT / "data"


def test_every_petition_gets_one_of_the_17_categories() -> None:
    labelled = petition_categories(CONFIG_DIR)
    sizes = Counter(category for _, category in labelled)
    assert len(labelled) == 825
    assert len(sizes) == 17
    assert sorted(sizes.values()) == [34, 41] + [50] * 15


@pytest.mark.parametrize(("row", "category", "title_word"), [
    (490, "안전/환경", "직무유기"),
    (491, "외교/통일/국방", "군단장"),
    (540, "외교/통일/국방", "징용자"),
    (541, "육아/교육", "유치원"),
    (690, "일자리", "갑질"),
    (691, "저출산/고령화대책", "임산부"),
    (725, "정치개혁", "민중당"),
])
def test_block_edges_fall_where_the_topic_changes(row: int, category: str, title_word: str) -> None:
    petition, found = petition_categories(CONFIG_DIR)[row]
    assert (found, title_word in petition["title"]) == (category, True)


def test_blocks_that_no_longer_tile_the_file_are_refused(tmp_path) -> None:
    spec = yaml.safe_load((DATA / "petition_categories.yaml").read_text(encoding="utf-8"))
    gap = {**spec, "blocks": [spec["blocks"][0], {**spec["blocks"][1], "first": 51}, *spec["blocks"][2:]]}
    short = {**spec, "blocks": spec["blocks"][:-1]}
    for broken in (gap, short):
        path = tmp_path / "blocks.yaml"
        path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
        with pytest.raises(ValueError, match="petition block"):
            petition_categories(CONFIG_DIR, path)
