// Admin: users, configuration files (checked by the server before saving), manuals, the sign lexicon editor,
// recorded poses and the kiosk's recognition templates.
"use strict";
function say(text) { const box = document.getElementById("admin-message"); box.textContent = text; box.classList.remove("hidden"); }
function fail(problem) { showError(document.getElementById("admin-error"), problem); }
const ROLE = { clerk: "담당 공무원", admin: "관리자", privacy_officer: "개인정보 보호책임자" };

async function loadUsers() {
  const users = await api("/api/admin/users");
  document.getElementById("users").replaceChildren(...users.map(u => el("tr", {},
    el("td", {}, u.username), el("td", {}, u.display_name), el("td", {}, ROLE[u.role] || u.role),
    el("td", {}, u.department || ""), el("td", {}, u.active ? "사용" : "중지"))));
}

document.getElementById("user-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await api("/api/admin/users", { method: "POST", json: {
      username: document.getElementById("new-username").value, password: document.getElementById("new-password").value,
      role: document.getElementById("new-role").value, department: document.getElementById("new-department").value || null } });
    say("사용자를 추가했습니다."); event.target.reset(); await loadUsers();
  } catch (problem) { fail(problem); }
});

async function loadConfig() {
  const name = document.getElementById("config-name").value;
  document.getElementById("config-text").value = (await api(`/api/admin/config/${name}`)).text;
}
document.getElementById("config-name").addEventListener("change", () => loadConfig().catch(fail));
document.getElementById("config-save").addEventListener("click", async () => {
  const name = document.getElementById("config-name").value;
  try { await api(`/api/admin/config/${name}`, { method: "PUT", json: { text: document.getElementById("config-text").value } }); say(`${name} 저장했습니다.`); }
  catch (problem) { fail(problem); }
});

document.getElementById("manual-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData();
  form.append("file", document.getElementById("manual-file").files[0]);
  form.append("visibility", document.getElementById("manual-visibility").value);
  try { const added = await api("/api/admin/manuals", { method: "POST", body: form }); say(`${added.file}: 문서 ${added.documents}개를 색인했습니다.`); }
  catch (problem) { fail(problem); }
});

// --- sign lexicon: list, edit form (with look-alike warnings and a preview), recorded poses, templates ---
const HAND_FIELDS = { handshape: "수형", location: "수위", orientation: "수향", movement: "수동" };
let signEntries = [];

async function loadSigns() {
  signEntries = await api("/api/sign/lexicon");
  const reviewed = signEntries.filter(e => e.reviewed).length;
  document.getElementById("sign-summary").textContent = `${signEntries.length}개 항목, 검수 완료 ${reviewed}개`;
  document.getElementById("sign-entries").replaceChildren(...signEntries.slice(0, 400).map(e => el("tr", {},
    el("td", {}, el("a", { href: "#sign-form", onclick: () => fillSignForm(e) }, e.gloss)),
    el("td", {}, e.words.join(", ")), el("td", {}, String(e.hands)),
    el("td", {}, e.reviewed ? "검수됨" : "검수 전"), el("td", {}, e.recorded_pose ? "있음" : ""))));
}

async function buildSignForm() {
  const codes = await api("/api/sign/lexicon/codes");
  const options = (table) => Object.entries(table).map(([code, text]) => el("option", { value: code }, `${code} — ${text}`));
  for (const hand of ["dominant", "nondominant"]) {
    document.getElementById(`sign-${hand}`).replaceChildren(...Object.entries(HAND_FIELDS).map(([field, name]) => {
      const table = field === "movement" ? { none: "움직임 없음", ...codes.movements } : codes[`${field}s`];
      return el("div", {}, el("label", { for: `sign-${hand}-${field}` }, name),
                el("select", { id: `sign-${hand}-${field}` }, options(table)));
    }));
  }
  document.getElementById("sign-nonmanual").replaceChildren(...codes.nonmanuals.map(n => el("option", { value: n }, n)));
  const commands = (await api("/api/sign/kiosk")).commands;
  document.getElementById("template-gloss").replaceChildren(...commands.map(c => el("option", { value: c.gloss }, c.gloss)));
  showHands();
}

function showHands() {
  document.getElementById("sign-nondominant-set").classList.toggle("hidden", document.getElementById("sign-hands").value !== "2");
}

function fillSignForm(entry) {
  const set = (id, value) => { document.getElementById(id).value = value; };
  set("sign-gloss", entry.gloss); set("sign-words", entry.words.join(", ")); set("sign-hands", String(entry.hands));
  set("sign-nonmanual", entry.nonmanual); set("sign-duration", entry.duration_s); set("sign-note", entry.note || "");
  document.getElementById("sign-reviewed").checked = entry.reviewed;
  for (const hand of ["dominant", "nondominant"]) {
    if (!entry[hand]) continue;
    for (const field of Object.keys(HAND_FIELDS)) set(`sign-${hand}-${field}`, entry[hand][field]);
  }
  showHands();
  document.getElementById("sign-lookalikes").classList.add("hidden");
}

function handFromForm(hand) {
  return Object.fromEntries(Object.keys(HAND_FIELDS).map(f => [f, document.getElementById(`sign-${hand}-${f}`).value]));
}

document.getElementById("sign-hands").addEventListener("change", showHands);
document.getElementById("sign-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const gloss = document.getElementById("sign-gloss").value.trim();
  const hands = Number(document.getElementById("sign-hands").value);
  const body = {
    words: document.getElementById("sign-words").value.split(",").map(w => w.trim()).filter(Boolean),
    hands, dominant: handFromForm("dominant"), nondominant: hands === 2 ? handFromForm("nondominant") : null,
    nonmanual: document.getElementById("sign-nonmanual").value,
    duration_s: Number(document.getElementById("sign-duration").value),
    reviewed: document.getElementById("sign-reviewed").checked, note: document.getElementById("sign-note").value,
  };
  const warning = document.getElementById("sign-lookalikes");
  try {
    const saved = await api(`/api/sign/lexicon/${encodeURIComponent(gloss)}`, { method: "PUT", json: body });
    say(`수어 '${saved.gloss}'를 저장했습니다.`);
    warning.replaceChildren(...(saved.look_alikes.length ? [
      el("strong", {}, "비슷해 보이는 수어가 있습니다: "),
      saved.look_alikes.map(p => `${p.gloss} (거리 ${p.distance.toFixed(2)})`).join(", "),
      " — 키오스크가 구별하지 못하고, 보는 사람도 헷갈릴 수 있습니다. 수형·수위·움직임을 바꿔 보세요."] : []));
    warning.classList.toggle("hidden", !saved.look_alikes.length);
    await loadSigns();
  } catch (problem) { fail(problem); }
});
document.getElementById("sign-preview").addEventListener("click", () => {
  const preview = `/api/sign/lexicon/${encodeURIComponent(document.getElementById("sign-gloss").value.trim())}/video`;
  const video = document.getElementById("sign-preview-video");
  video.src = `${preview}?t=${Date.now()}`;
  document.getElementById("sign-preview-pose").src = `${preview}?format=pose&t=${Date.now()}`;
  document.getElementById("sign-preview-box").classList.remove("hidden");
  video.play().catch(() => {});
});
document.getElementById("pose-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const gloss = document.getElementById("sign-gloss").value.trim();
  const form = new FormData();
  form.append("file", document.getElementById("pose-file").files[0]);
  try { await api(`/api/sign/lexicon/${encodeURIComponent(gloss)}/pose`, { method: "POST", body: form }); say(`'${gloss}'를 녹화한 포즈로 바꿨습니다.`); await loadSigns(); }
  catch (problem) { fail(problem); }
});

async function enrolTemplate(clip) {
  const gloss = document.getElementById("template-gloss").value;
  const status = document.getElementById("template-status");
  const form = new FormData();
  form.append("file", clip, clip.name || "template.webm");
  status.textContent = "등록하는 중…";
  try {
    const enrolled = await api(`/api/sign/templates/${encodeURIComponent(gloss)}`, { method: "POST", body: form });
    status.textContent = `'${gloss}' 템플릿 ${enrolled.templates}개 등록됨. 새 거부 기준 ${enrolled.threshold.views.toFixed(3)}.`;
  } catch (problem) { status.textContent = problem.message; }
}
document.getElementById("template-record").addEventListener("click", async () => {
  const status = document.getElementById("template-status");
  let clip;
  try { clip = await recordClip(document.getElementById("template-camera"), 3, (text) => { status.textContent = text; }); }
  catch { status.textContent = "카메라를 사용할 수 없습니다. 영상 파일을 올려 주세요."; return; }
  await enrolTemplate(clip);
});
document.getElementById("template-file").addEventListener("change", (event) => {
  if (event.target.files[0]) enrolTemplate(event.target.files[0]);
});

Promise.all([loadUsers(), loadConfig(), loadSigns(), buildSignForm()]).catch(fail);
