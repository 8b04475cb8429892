// Minutes workspace: upload with a real progress bar (bytes sent, then the job's progress), and the meeting list.
"use strict";
const STATUS = { uploaded: "업로드됨", transcribing: "전사 중", drafted: "초안", approved: "확정", published: "공개",
                 failed: "실패", cancelled: "취소" };

function minutesText(seconds) { return seconds == null ? "" : `${Math.floor(seconds / 60)}분 ${Math.round(seconds % 60)}초`; }

async function loadMeetings() {
  const meetings = await api("/api/minutes/meetings");
  document.getElementById("meetings").replaceChildren(...meetings.map(m => el("tr", {},
    el("td", {}, el("a", { href: `/clerk/minutes/${m.id}` }, m.title)),
    el("td", {}, STATUS[m.status] || m.status, m.job && m.job.status === "running" ? ` ${Math.round(m.job.progress)}%` : ""),
    el("td", {}, minutesText(m.duration)), el("td", {}, m.created_at.slice(0, 16).replace("T", " ")))));
}

function upload(form) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/minutes/meetings");
    request.setRequestHeader("X-CSRF-Token", csrfToken);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) setProgress(event.loaded / event.total * 100, "올리는 중");
    };
    request.onload = () => {
      const body = JSON.parse(request.responseText || "{}");
      if (request.status === 202) resolve(body);
      else reject(new Error(typeof body.detail === "string" ? body.detail : `업로드 실패 (${request.status})`));
    };
    request.onerror = () => reject(new Error("네트워크 오류로 업로드하지 못했습니다"));
    request.send(form);
  });
}

function setProgress(percent, label, eta) {
  document.getElementById("progress-box").classList.remove("hidden");
  document.getElementById("progress").value = percent;
  document.getElementById("progress-label").textContent =
    `${label} ${Math.round(percent)}%` + (eta ? ` · 남은 시간 약 ${minutesText(eta)}` : "");
}

async function follow(meeting) {
  for (;;) {
    const job = await api(`/api/minutes/jobs/${meeting.job.id}`);
    if (job.status === "succeeded") { setProgress(100, "완료"); location.href = `/clerk/minutes/${meeting.id}`; return; }
    if (job.status === "failed" || job.status === "cancelled") throw new Error(job.error || "작업이 중단되었습니다");
    setProgress(job.progress, job.status === "queued" ? "대기 중" : "전사·화자 분리 중", job.eta_seconds);
    await new Promise(r => setTimeout(r, 1000));
  }
}

document.getElementById("upload-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const error = document.getElementById("upload-error"), button = document.getElementById("upload");
  error.classList.add("hidden"); button.disabled = true;
  const form = new FormData(event.target);
  for (const key of ["place", "speakers", "hotwords"]) if (!form.get(key)) form.delete(key);
  try { const meeting = await upload(form); await loadMeetings(); await follow(meeting); }
  catch (problem) { showError(error, problem); }
  finally { button.disabled = false; }
});

loadMeetings();
