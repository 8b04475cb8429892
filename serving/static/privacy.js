// Privacy officer: the monthly access review, the log's integrity, and data-subject requests.
"use strict";
const fail = (problem) => showError(document.getElementById("privacy-error"), problem);

document.getElementById("review-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const month = document.getElementById("month").value;
  try {
    const response = await fetch(`/api/privacy/audit/report?month=${encodeURIComponent(month)}&format=markdown`, { credentials: "same-origin" });
    if (!response.ok) throw new Error((await response.json()).detail || "보고서를 만들지 못했습니다");
    document.getElementById("report").textContent = await response.text();
  } catch (problem) { fail(problem); }
});

document.getElementById("verify").addEventListener("click", async () => {
  try {
    const check = await api("/api/privacy/audit/verify");
    const box = document.getElementById("verify-result");
    box.textContent = check.ok ? `이상 없음: 접속기록 ${check.rows}건의 해시 체인이 맞습니다.`
                               : `위·변조 의심: 일련번호 ${check.first_bad_seq} — ${check.problem}`;
    box.classList.remove("hidden");
  } catch (problem) { fail(problem); }
});

function subjectQuery() {
  return { contact: document.getElementById("subject-contact").value || null,
           receipt_no: document.getElementById("subject-receipt").value || null,
           reason: document.getElementById("subject-reason").value };
}

function showSubjects(rows) {
  document.getElementById("subjects").replaceChildren(...rows.map(r => el("tr", {}, el("td", {}, r.receipt_no),
    el("td", {}, r.created_at.slice(0, 10)), el("td", {}, r.status), el("td", {}, r.department || ""),
    el("td", {}, r.erased ? "파기됨" : ""))));
}

document.getElementById("subject-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try { showSubjects(await api("/api/privacy/subjects/search", { method: "POST", json: subjectQuery() })); }
  catch (problem) { fail(problem); }
});
document.getElementById("subject-export").addEventListener("click", async () => {
  try {
    const data = await api("/api/privacy/subjects/export", { method: "POST", json: subjectQuery() });
    const link = el("a", { href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" })),
                           download: "정보주체_열람.json" });
    link.click();
  } catch (problem) { fail(problem); }
});
document.getElementById("subject-delete").addEventListener("click", async () => {
  if (!confirm("이 정보주체의 민원 원문과 연락처를 모두 파기합니다. 되돌릴 수 없습니다.")) return;
  try { showSubjects(await api("/api/privacy/subjects/delete", { method: "POST", json: subjectQuery() })); }
  catch (problem) { fail(problem); }
});
