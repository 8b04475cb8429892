"""Manual ingestion, hybrid Korean retrieval (BM25 over Kiwi morphemes + dense FAISS) and cited answers."""

__all__: list[str] = []
