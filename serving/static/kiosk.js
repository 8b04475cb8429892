// Kiosk: each button shows the guidance as Korean text, sign video and voice; "sign to me" records a short
// clip from the camera and asks the server which kiosk command it was.
"use strict";
let services = {}, commands = {}, current = null;

function show(service) {
  current = service;
  document.getElementById("guidance").textContent = service.guidance;
  const video = document.getElementById("sign-video");
  video.src = `/api/sign/video?text=${encodeURIComponent(service.guidance)}`;
  video.play().catch(() => {});
  speak(service.guidance);
}

function speak(text) {
  const voice = document.getElementById("voice");
  voice.src = `/api/sign/speech?text=${encodeURIComponent(text)}`;
  voice.play().catch(() => {});
}

async function load() {
  const config = await api("/api/sign/kiosk");
  services = Object.fromEntries(config.services.map(s => [s.id, s]));
  commands = config.commands;
  const shown = config.services.filter(s => !["yes", "no", "interpreter", "interpreter_accepted"].includes(s.id));
  document.getElementById("services").replaceChildren(...shown.map(s =>
    el("button", { type: "button", "data-service": s.id, onclick: () => show(s) }, s.label)));
}

async function signToMe() {
  const status = document.getElementById("kiosk-status");
  let clip;
  try { clip = await recordClip(document.getElementById("camera"), 3, (text) => { status.textContent = text; }); }
  catch { status.textContent = "카메라를 사용할 수 없습니다. 버튼을 눌러 주세요."; return; }
  status.textContent = "알아보는 중…";
  const form = new FormData();
  form.append("file", clip, "sign.webm");
  try {
    const result = await api("/api/sign/recognize", { method: "POST", body: form });
    if (result.unknown || !result.service) { status.textContent = "수어를 알아보지 못했습니다. 버튼을 눌러 주세요."; return; }
    status.textContent = `알아본 수어: ${result.gloss}`;
    show(services[result.service]);
  } catch (problem) { status.textContent = problem.message; }
}

document.getElementById("sign-to-me").addEventListener("click", signToMe);
document.getElementById("replay").addEventListener("click", () => {
  if (!current) return;
  const video = document.getElementById("sign-video");
  video.currentTime = 0; video.play().catch(() => {});
  speak(current.guidance);
});
// Slower signing for citizens who find the avatar fast; it stays on for the next answers.
document.getElementById("slow").addEventListener("click", (event) => {
  const slow = event.currentTarget.getAttribute("aria-pressed") !== "true";
  event.currentTarget.setAttribute("aria-pressed", String(slow));
  event.currentTarget.textContent = slow ? "보통 속도로 보기" : "천천히 보기";
  const video = document.getElementById("sign-video");
  video.defaultPlaybackRate = video.playbackRate = slow ? 0.6 : 1;
});
// Interpreter call: the staff desk sees it at once; the kiosk follows it until someone accepts or it ends.
let call = null, callTimer = null;
const CALL_TEXT = {
  waiting: (c) => `수어통역사를 호출했습니다. 잠시 기다려 주세요.${c.waiting_ahead ? ` (앞에 ${c.waiting_ahead}명 대기)` : ""}`,
  accepted: () => "직원이 호출을 확인했습니다. 곧 이곳으로 옵니다.",
  done: () => "통역 응대가 끝났습니다. 감사합니다.",
  cancelled: () => "호출을 취소했습니다.",
};

function showCall(state) {
  if (state.status === "accepted" && call?.status !== "accepted") show(services.interpreter_accepted);
  call = state;
  document.getElementById("kiosk-status").textContent = CALL_TEXT[state.status](state);
  const open = ["waiting", "accepted"].includes(state.status);
  document.getElementById("cancel-call").classList.toggle("hidden", !open);
  if (!open) { clearInterval(callTimer); callTimer = null; call = null; }
}

async function followCall() {
  try { showCall(await api(`/api/sign/interpreter-calls/${call.id}`)); } catch { /* keep the last state; retry */ }
}

document.getElementById("interpreter").addEventListener("click", async () => {
  show(services.interpreter);
  const kiosk = document.body.dataset.kiosk || null;
  try {
    showCall(await api("/api/sign/interpreter-calls", { method: "POST", json: { kiosk } }));
    if (!callTimer) callTimer = setInterval(followCall, 10000);
  } catch (problem) {
    document.getElementById("kiosk-status").textContent = `호출하지 못했습니다. 창구 직원에게 알려 주세요. (${problem.message})`;
  }
});
document.getElementById("cancel-call").addEventListener("click", async () => {
  if (!call) return;
  try { showCall(await api(`/api/sign/interpreter-calls/${call.id}/cancel`, { method: "POST" })); }
  catch (problem) { document.getElementById("kiosk-status").textContent = problem.message; }
});
load();
