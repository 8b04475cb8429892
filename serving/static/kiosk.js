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
  const shown = config.services.filter(s => !["yes", "no", "interpreter"].includes(s.id));
  document.getElementById("services").replaceChildren(...shown.map(s =>
    el("button", { type: "button", "data-service": s.id, onclick: () => show(s) }, s.label)));
}

async function signToMe() {
  const status = document.getElementById("kiosk-status");
  let stream;
  try { stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false }); }
  catch { status.textContent = "카메라를 사용할 수 없습니다. 버튼을 눌러 주세요."; return; }
  const camera = document.getElementById("camera");
  camera.srcObject = stream; camera.classList.remove("hidden"); await camera.play();
  const recorder = new MediaRecorder(stream, { mimeType: "video/webm" });
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  for (let second = 3; second > 0; second--) { status.textContent = `${second}초 뒤에 녹화합니다…`; await new Promise(r => setTimeout(r, 1000)); }
  status.textContent = "수어로 말해 주세요 (3초)";
  recorder.start();
  await new Promise(r => setTimeout(r, 3000));
  recorder.stop();
  await new Promise(r => { recorder.onstop = r; });
  stream.getTracks().forEach(track => track.stop());
  camera.classList.add("hidden");
  status.textContent = "알아보는 중…";
  const form = new FormData();
  form.append("file", new Blob(chunks, { type: "video/webm" }), "sign.webm");
  try {
    const result = await api("/api/sign/recognize", { method: "POST", body: form });
    if (result.unknown || !result.service) { status.textContent = "수어를 알아보지 못했습니다. 버튼을 눌러 주세요."; return; }
    status.textContent = `알아본 수어: ${result.gloss}`;
    show(services[result.service]);
  } catch (problem) { status.textContent = problem.message; }
}

document.getElementById("sign-to-me").addEventListener("click", signToMe);
document.getElementById("replay").addEventListener("click", () => current && speak(current.guidance));
document.getElementById("interpreter").addEventListener("click", () => {
  show(services.interpreter);
  document.getElementById("kiosk-status").textContent = "수어통역사를 호출했습니다. 잠시 기다려 주세요.";
});
load();
