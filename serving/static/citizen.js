// Citizen page: streamed, cited answers; a hand-off opens the complaint form pre-filled and pre-routed.
"use strict";
const log = document.getElementById("chat-log");
const history = [];

async function streamAnswer(question, bubble) {
  const response = await fetch("/api/chat/stream", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ question, history: history.slice(-4) }),
  });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(typeof body.detail === "string" ? body.detail : "질문을 처리하지 못했습니다.");
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "", answer = null;
  const text = el("p");
  bubble.append(text);
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut); buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] || "null");
      if (event === "sentence") text.append(data + " ");
      if (event === "answer") answer = data;
    }
  }
  return answer;
}

function showCitations(bubble, answer) {
  if (!answer.citations.length) return;
  bubble.append(el("p", { class: "muted" }, "출처:"));
  bubble.append(el("ol", { class: "citations" }, answer.citations.map(c =>
    el("li", {}, c.url ? el("a", { href: c.url, target: "_blank", rel: "noopener" }, c.title)
                       : el("a", { href: `/sources/${encodeURIComponent(c.id)}` }, c.title),
       c.section ? ` · ${c.section}` : ""))));
}

function offerHandoff(bubble, question, answer) {
  const where = answer.department_name ? `${answer.department_name}(으)로` : "담당 부서로";
  bubble.append(el("p", {}, answer.handoff ? "안내서에서 답을 찾지 못했습니다. " : "",
    el("button", { type: "button", class: answer.handoff ? "" : "secondary", onclick: () => {
      document.getElementById("complaint-text").value = question;
      const routed = document.getElementById("routed");
      routed.textContent = `이 질문은 ${where} 접수됩니다. 내용을 확인하고 접수해 주세요.`;
      routed.classList.remove("hidden");
      document.getElementById("complaint").scrollIntoView();
      document.getElementById("complaint-text").focus();
    } }, `민원으로 접수하기 (${answer.department_name || "담당자 연결"})`)));
}

document.getElementById("chat-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = document.getElementById("question"), button = document.getElementById("ask");
  const error = document.getElementById("chat-error");
  const question = input.value.trim();
  if (!question) return;
  error.classList.add("hidden");
  log.append(el("div", { class: "msg me" }, question));
  const bubble = el("div", { class: "msg bot" });
  log.append(bubble);
  input.value = ""; button.disabled = true;
  try {
    const answer = await streamAnswer(question, bubble);
    history.push(question);
    if (answer) { showCitations(bubble, answer); offerHandoff(bubble, question, answer); }
  } catch (problem) { bubble.remove(); showError(error, problem); }
  finally { button.disabled = false; input.focus(); }
});

document.getElementById("complaint-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const error = document.getElementById("complaint-error"), receipt = document.getElementById("receipt");
  const button = document.getElementById("file");
  error.classList.add("hidden");
  const contact = document.getElementById("contact").value.trim();
  if (contact && !document.getElementById("consent").checked) {
    showError(error, new Error("연락처를 남기려면 개인정보 수집·이용에 동의해 주세요."));
    document.getElementById("consent").focus();
    return;
  }
  button.disabled = true;
  try {
    const filed = await api("/api/complaints", { method: "POST", json: {
      text: document.getElementById("complaint-text").value, region: document.getElementById("region").value || null,
      contact: contact || null, consent: document.getElementById("consent").checked } });
    receipt.replaceChildren(
      el("strong", {}, `접수되었습니다. 접수번호 ${filed.receipt_no}`),
      el("p", {}, `담당 부서: ${filed.department.name}${filed.department.phone ? " (" + filed.department.phone + ")" : ""}`),
      el("a", { href: `/status/${filed.receipt_no}` }, "처리 상태 보기"));
    receipt.classList.remove("hidden");
    event.target.reset();
  } catch (problem) { showError(error, problem); }
  finally { button.disabled = false; }
});
