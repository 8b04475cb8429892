// Clerk desk: the department's queue (urgent on top, live alert for new urgent ones) and one complaint at a time.
"use strict";
const STATUS = { received: "접수", assigned: "배정", in_progress: "처리 중", answered: "답변 완료", closed: "종결" };
let current = null, seenUrgent = null;

async function loadQueue() {
  const rows = await api("/api/clerk/complaints");
  const urgent = new Set(rows.filter(r => r.urgent).map(r => r.receipt_no));
  if (seenUrgent) {
    const fresh = [...urgent].filter(r => !seenUrgent.has(r));
    if (fresh.length) {
      const alert = document.getElementById("alert");
      alert.textContent = `긴급 민원 ${fresh.length}건이 새로 접수되었습니다: ${fresh.join(", ")}`;
      alert.classList.remove("hidden");
    }
  }
  seenUrgent = urgent;
  document.getElementById("queue-empty").classList.toggle("hidden", rows.length > 0);
  document.getElementById("queue").replaceChildren(...rows.map(r => el("tr", { class: r.urgent ? "urgent" : "" },
    el("td", {}, el("a", { href: "#", onclick: (e) => { e.preventDefault(); open(r.receipt_no); } }, r.receipt_no),
       el("div", { class: "muted" }, r.created_at.slice(0, 16).replace("T", " "))),
    el("td", {}, r.urgent ? el("span", { class: "badge urgent" }, `긴급 ${r.urgent_terms.join(", ")}`) : null,
       " ", r.text_masked.slice(0, 120)),
    el("td", {}, NAMES.types[r.type] || r.type || ""), el("td", {}, STATUS[r.status] || r.status))));
}

async function open(receipt) {
  const error = document.getElementById("detail-error");
  error.classList.add("hidden");
  document.getElementById("mask-value").value = "";  // nothing of the previous complaint stays on screen
  document.getElementById("mask-done").classList.add("hidden");
  try {
    current = await api(`/api/clerk/complaints/${receipt}`);
  } catch (problem) { showError(error, problem); return; }
  showDetail();
}

function showDetail() {
  document.getElementById("detail").classList.remove("hidden");
  document.getElementById("detail-title").textContent = `${current.receipt_no} · ${STATUS[current.status] || current.status}`;
  showMaskedText(current.text_masked, current.names_to_review || []);
  const evidence = current.analysis.evidence || {};
  const candidates = (current.analysis.department_candidates || [])
    .map(c => `${NAMES.departments[c.code] || c.code} ${c.score.toFixed(2)}`).join(", ");
  document.getElementById("detail-evidence").textContent =
    `배정 근거: ${(evidence.department || []).join(", ") || "-"} · 후보: ${candidates}`;
  document.getElementById("revealed").classList.add("hidden");
  document.getElementById("reassign-to").value = current.department;
  document.getElementById("reply-text").value = current.reply || "";
  document.getElementById("similar").replaceChildren(...(current.analysis.similar || []).map(s => el("li", {},
    el("strong", {}, s.title), " ", s.reply.slice(0, 160), " ",
    el("button", { type: "button", class: "secondary", onclick: () => { document.getElementById("reply-text").value = s.reply; } },
       "답변에 쓰기"))));
}

async function act(path, json) {
  const error = document.getElementById("detail-error");
  error.classList.add("hidden");
  try {
    current = await api(`/api/clerk/complaints/${current.receipt_no}/${path}`, { method: "POST", json });
    showDetail();
    await loadQueue();
  }
  catch (problem) { showError(error, problem); }
}

document.getElementById("reveal").addEventListener("click", async () => {
  const reason = prompt("개인정보를 보는 사유를 입력하세요 (접속기록에 남습니다)");
  if (!reason) return;
  try {
    const revealed = await api(`/api/clerk/complaints/${current.receipt_no}/reveal`, { method: "POST", json: { reason } });
    const box = document.getElementById("revealed");
    box.replaceChildren(el("p", {}, revealed.text), el("p", {}, `연락처: ${revealed.contact || "없음"}`));
    box.classList.remove("hidden");
  } catch (problem) { showError(document.getElementById("detail-error"), problem); }
});
// Words the name scorer thinks may be a name the masker left are marked where the server found them (start/end
// offsets into the masked text); a click or Enter/Space puts one in the mask field.
function showMaskedText(text, review) {
  const chars = Array.from(text);  // the server counts characters (code points), not UTF-16 units: 😡 is one
  const slice = (from, to) => chars.slice(from, to).join("");
  const pieces = [];
  let cursor = 0;
  for (const word of [...review].sort((a, b) => a.start - b.start)) {
    if (word.start < cursor || word.end <= word.start || word.end > chars.length) continue;
    const pick = () => pickForMasking(word.text);
    pieces.push(slice(cursor, word.start), el("mark", {
      class: "review", tabindex: "0", role: "button", title: "이름일 수 있습니다: 누르면 가릴 칸에 들어갑니다",
      onclick: pick, onkeydown: event => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pick(); } },
    }, slice(word.start, word.end)));
    cursor = word.end;
  }
  pieces.push(slice(cursor));
  document.getElementById("detail-text").replaceChildren(...pieces);
  const distinct = new Set(review.map(word => word.text)).size;
  const note = document.getElementById("review-note");
  note.textContent = distinct ? `이름일 수 있는 낱말 ${distinct}개를 노란색으로 표시했습니다. 이름이면 눌러서 가리세요.` : "";
  note.classList.toggle("hidden", !distinct);
}

function pickForMasking(word) {
  document.getElementById("mask-missed").open = true;
  document.getElementById("mask-value").value = word;
  document.getElementById("mask-type").value = "NAME";
  document.getElementById("mask-value").focus();
}

// Something the masker missed: the clerk selects it in the text (or types it) and masks it everywhere it is stored.
document.getElementById("detail-text").addEventListener("mouseup", () => {
  const selected = String(window.getSelection()).trim();
  if (selected.length >= 2 && selected.length <= 64) document.getElementById("mask-value").value = selected;
});
document.getElementById("mask").addEventListener("click", async () => {
  const value = document.getElementById("mask-value").value.trim(), type = document.getElementById("mask-type").value;
  const error = document.getElementById("detail-error"), done = document.getElementById("mask-done");
  error.classList.add("hidden");
  done.classList.add("hidden");
  if (value.length < 2) { showError(error, new Error("가릴 내용을 2자 이상 선택하거나 입력하세요")); return; }
  try {
    const result = await api(`/api/clerk/complaints/${current.receipt_no}/mask`, { method: "POST", json: { value, type } });
    const draft = document.getElementById("reply-text").value;  // a reply being written survives the refresh
    current = result;
    showDetail();
    document.getElementById("reply-text").value = draft;
    document.getElementById("mask-value").value = "";
    done.textContent = `${result.masked}곳을 ${document.getElementById("mask-type").selectedOptions[0].textContent}(으)로 가렸습니다.`;
    done.classList.remove("hidden");
    await loadQueue();
  } catch (problem) { showError(error, problem); }
});
document.getElementById("reassign").addEventListener("click", () => act("reassign", { department: document.getElementById("reassign-to").value }));
document.getElementById("reply").addEventListener("click", () => act("reply", { text: document.getElementById("reply-text").value }));

// Interpreter calls from the kiosks (only on the desk department's pages): polled often, a citizen is waiting.
const CALL_STATUS = { waiting: "대기", accepted: "응대 중", done: "완료", cancelled: "취소" };
const PAGE_TITLE = document.title;

async function loadInterpreterCalls() {
  const box = document.getElementById("interpreter-calls");
  let calls;
  try { calls = await api("/api/clerk/interpreter-calls"); } catch { return; }
  const open = calls.filter(c => ["waiting", "accepted"].includes(c.status));
  box.classList.toggle("hidden", open.length === 0);
  const waiting = open.filter(c => c.status === "waiting").length;
  document.title = waiting ? `(수어통역 호출 ${waiting}) ${PAGE_TITLE}` : PAGE_TITLE;
  const act = (call, step) => async () => {
    try { await api(`/api/clerk/interpreter-calls/${call.id}/${step}`, { method: "POST" }); }
    catch (problem) { alert(problem.message); }
    loadInterpreterCalls();
  };
  document.getElementById("interpreter-list").replaceChildren(...open.map(c => el("li", {},
    el("strong", {}, c.kiosk), ` · ${new Date(c.created_at).toLocaleTimeString("ko-KR", { hour: "2-digit", minute: "2-digit" })} 호출 · ${CALL_STATUS[c.status]}`,
    c.accepted_by ? ` (${c.accepted_by})` : "", " ",
    c.status === "waiting" ? el("button", { type: "button", onclick: act(c, "accept") }, "응대하기")
                           : el("button", { type: "button", class: "secondary", onclick: act(c, "done") }, "응대 완료"))));
}

loadQueue();
setInterval(loadQueue, 15000);
if (document.getElementById("interpreter-calls")) { loadInterpreterCalls(); setInterval(loadInterpreterCalls, 5000); }
