"""Korean Sign Language guidance: text → gloss → pose → video, fingerspelling, sign recognition."""

__all__: list[str] = []
