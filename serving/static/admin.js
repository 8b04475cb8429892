// Admin: users, configuration files (checked by the server before saving), manuals, sign lexicon overview.
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

async function loadSigns() {
  const entries = await api("/api/sign/lexicon");
  const reviewed = entries.filter(e => e.reviewed).length;
  document.getElementById("sign-summary").textContent = `${entries.length}개 항목, 검수 완료 ${reviewed}개`;
  document.getElementById("sign-entries").replaceChildren(...entries.slice(0, 400).map(e => el("tr", {},
    el("td", {}, e.gloss), el("td", {}, e.words.join(", ")), el("td", {}, String(e.hands)),
    el("td", {}, e.reviewed ? "검수됨" : "검수 전"), el("td", {}, e.recorded_pose ? "있음" : ""))));
}

Promise.all([loadUsers(), loadConfig(), loadSigns()]).catch(fail);
