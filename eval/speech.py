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
