"""Sign-language evaluation: how much of the kiosk's guidance the word and sentence DBs cover."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from eval.complaints import read_jsonl
from eval.metrics import Timing
from eval.report import BenchContext, Section
from nlp.dictionaries import load_dictionaries
from nlp.korean import KiwiAnalyzer
from signlang import TextToGloss, load_lexicon

DATA = Path(__file__).resolve().parent / "data"


def gloss_coverage(context: BenchContext) -> Section:
    lexicon = load_lexicon(context.config_dir / "signlang")
    analyzer = KiwiAnalyzer(load_dictionaries(context.config_dir).user_words)
    analyzer.warm_up()
    translator = TextToGloss(lexicon, analyzer)
    rows = read_jsonl(DATA / "kiosk_sentences.jsonl")
    sources: Counter[str] = Counter()
    spelled: Counter[str] = Counter()
    timings = []
    oov_spelled = oov_total = 0
    for row in rows:
        start = time.perf_counter()
        glosses = translator.translate(row["text"])
        timings.append(time.perf_counter() - start)
        if row.get("out_of_vocabulary"):
            spelled_tokens = {t for g in glosses if g.source == "fingerspelling" for t in g.tokens}
            for word in row.get("oov_words", ()):
                oov_total += 1
                oov_spelled += any(word.startswith(t) or t.startswith(word) for t in spelled_tokens)
            continue
        sources.update(g.source for g in glosses)
        spelled.update(t for g in glosses if g.source == "fingerspelling" for t in g.tokens)
    total = sum(sources.values())
    coverage = (total - sources["fingerspelling"]) / max(1, total)
    timing = Timing(tuple(timings))
    markdown = "\n".join([
        f"Word DB: {len(lexicon.entries)} glosses, sentence DB: {len(lexicon.sentences)} sentences, all authored "
        "from public descriptions and **not reviewed by Deaf KSL signers** (`reviewed: false`); no facial grammar; "
        "not a replacement for an interpreter. Rendering and recognition are measured in the next section.",
        "",
        f"On {sum(1 for r in rows if not r.get('out_of_vocabulary'))} kiosk sentences "
        f"(`eval/data/kiosk_sentences.jsonl`): {total} glosses, **coverage {coverage:.3f}** "
        f"(lexicon {sources['lexicon']}, sentence DB {sources['sentence']}, numbers {sources['number']}, "
        f"fingerspelled {sources['fingerspelling']}; target ≥ 0.85). "
        f"Most fingerspelled: {', '.join(f'{w} ({n})' for w, n in spelled.most_common(8))}.",
        f"Out-of-vocabulary words (names, rare nouns) fingerspelled: {oov_spelled}/{oov_total}. "
        f"Text → gloss time per sentence: {timing.describe(1000, 'ms', 1)}.",
    ])
    return Section("Sign-language guidance (text → gloss)", markdown,
                   {"coverage": coverage, "sources": dict(sources), "oov_fingerspelled": [oov_spelled, oov_total]})
