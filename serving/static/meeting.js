// One meeting: transcript synced with the recording, speaker names, the draft's decisions and action items, exports.
"use strict";
const base = `/api/minutes/meetings/${MEETING_ID}`;
let version = 0, minutes = null;

function clock(seconds) { const s = Math.floor(seconds); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`; }

async function waitForJob(meeting) {
  const box = document.getElementById("job-box");
  while (meeting.job && ["queued", "running"].includes(meeting.job.status)) {
    box.classList.remove("hidden");
    document.getElementById("job-progress").value = meeting.job.progress;
    document.getElementById("job-label").textContent = `전사 중 ${Math.round(meeting.job.progress)}%`;
    await new Promise(r => setTimeout(r, 1500));
    meeting = await api(base);
  }
  box.classList.add("hidden");
  return meeting;
}

async function load() {
  const meeting = await waitForJob(await api(base));
  document.getElementById("meeting-title").textContent = meeting.title;
  document.getElementById("meeting-meta").textContent =
    [meeting.place, meeting.held_at && meeting.held_at.slice(0, 16).replace("T", " "), meeting.status].filter(Boolean).join(" · ");
  const audio = document.getElementById("audio");
  audio.src = `${base}/audio`; audio.classList.remove("hidden");
  audio.onerror = () => audio.classList.add("hidden");  // deleted after approval
  const transcript = await api(`${base}/transcript`);
  const names = meeting.speaker_names || {};
  document.getElementById("transcript").replaceChildren(...transcript.segments.map(s => el("p", {
      tabindex: 0, onclick: () => { audio.currentTime = s.start; audio.play().catch(() => {}); } },
    el("span", { class: "muted" }, `[${clock(s.start)}] `), el("span", { class: "spk" }, `${names[s.speaker] || s.speaker || ""} `), s.text)));
  document.getElementById("speakers").replaceChildren(...meeting.speakers.map(label => el("label", {}, `${label} 이름 `,
    el("input", { type: "text", value: names[label] || "", "data-label": label, onchange: renameSpeaker }))));
  const current = await api(`${base}/minutes`);
  version = current.version; minutes = current.minutes;
  document.getElementById("version").textContent = `버전 ${version}`;
  document.getElementById("agenda").replaceChildren(...minutes.agenda.map(a => el("div", {},
    el("h3", {}, a.title), el("ul", {}, a.summary.map(line => el("li", {}, line))))));
  document.getElementById("decisions").value = minutes.agenda.flatMap(a => a.decisions.map(d => d.text)).join("\n");
  document.getElementById("actions").value = minutes.agenda.flatMap(a => a.action_items.map(i =>
    [i.owner || "", i.task, i.due || ""].join(" · "))).join("\n");
  document.getElementById("exports").replaceChildren(...["docx", "hwpx", "pdf", "txt", "srt", "vtt"].map(fmt =>
    el("a", { class: "button secondary", href: "#", onclick: (e) => { e.preventDefault(); exportAs(fmt, false); } }, fmt.toUpperCase())),
    el("a", { class: "button", href: "#", onclick: (e) => { e.preventDefault(); exportAs("docx", true); } }, "공개용 DOCX"));
}

function exportAs(format, isPublic) {
  let reason = "";
  if (!isPublic) { reason = prompt("원본(개인정보 포함)을 내려받는 사유를 입력하세요 (접속기록에 남습니다)"); if (!reason) return; }
  location.href = `${base}/export?format=${format}&public=${isPublic}&reason=${encodeURIComponent(reason)}`;
}

async function renameSpeaker(event) {
  try {
    const saved = await api(`${base}/speakers`, { method: "PUT", json: { base_version: version,
      names: { [event.target.dataset.label]: event.target.value } } });
    version = saved.version; await load();
  } catch (problem) { showError(document.getElementById("minutes-error"), problem); }
}

function edited() {
  // Decisions and action items typed by the clerk replace the drafted ones, under the first agenda item.
  const decisions = document.getElementById("decisions").value.split("\n").map(s => s.trim()).filter(Boolean).map(text => ({ text }));
  const actions = document.getElementById("actions").value.split("\n").map(s => s.trim()).filter(Boolean).map(line => {
    const [owner, task, due] = line.split("·").map(s => s.trim());
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(due || "");
    return task ? { owner: owner || null, task, due: iso ? due : null, due_text: due || null } : { task: owner };
  });
  const agenda = minutes.agenda.length ? minutes.agenda.map(a => ({ ...a, decisions: [], action_items: [] }))
                                       : [{ title: "안건", summary: [], decisions: [], action_items: [] }];
  agenda[0] = { ...agenda[0], decisions, action_items: actions };
  return { ...minutes, agenda };
}

document.getElementById("save").addEventListener("click", async () => {
  try {
    const saved = await api(`${base}/minutes`, { method: "PUT", json: { base_version: version, minutes: edited() } });
    version = saved.version; document.getElementById("version").textContent = `버전 ${version} 저장됨`;
    minutes = (await api(`${base}/minutes`)).minutes;
  } catch (problem) { showError(document.getElementById("minutes-error"), problem); }
});
document.getElementById("approve").addEventListener("click", async () => {
  try { await api(`${base}/approve`, { method: "POST", json: { base_version: version } }); await load(); }
  catch (problem) { showError(document.getElementById("minutes-error"), problem); }
});

load().catch(problem => showError(document.getElementById("minutes-error"), problem));
