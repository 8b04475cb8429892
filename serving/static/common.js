// Shared by the pages: JSON calls that carry the CSRF token of the signed-in session, and safe text output.
"use strict";
const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content || "";

async function api(path, options = {}) {
  const headers = { ...(options.headers || {}) };
  if (options.json !== undefined) { headers["Content-Type"] = "application/json"; options.body = JSON.stringify(options.json); }
  if (csrfToken) headers["X-CSRF-Token"] = csrfToken;
  const response = await fetch(path, { ...options, headers, credentials: "same-origin" });
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    const detail = body && body.detail;
    const message = Array.isArray(detail) ? detail.map(d => `${(d.loc || []).slice(-1)[0]}: ${d.msg}`).join(", ")
                                          : (detail || `오류 ${response.status}`);
    throw new Error(message);
  }
  return body;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "class") node.className = value; else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function showError(target, error) { target.textContent = error.message || String(error); target.classList.remove("hidden"); }

// A short camera clip (kiosk sign input, admin template recording): countdown, `seconds` of video, camera off.
// `say` shows progress to the person in front of the camera. Rejects when there is no camera or no permission.
async function recordClip(camera, seconds, say) {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  try {
    camera.srcObject = stream; camera.classList.remove("hidden"); await camera.play();
    const recorder = new MediaRecorder(stream, { mimeType: "video/webm" });
    const chunks = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    for (let left = 3; left > 0; left--) { say(`${left}초 뒤에 녹화합니다…`); await new Promise(r => setTimeout(r, 1000)); }
    say(`수어로 말해 주세요 (${seconds}초)`);
    const stopped = new Promise(r => { recorder.onstop = r; });
    recorder.start();
    await new Promise(r => setTimeout(r, seconds * 1000));
    recorder.stop();
    await stopped;
    return new Blob(chunks, { type: "video/webm" });
  } finally {
    stream.getTracks().forEach(track => track.stop());
    camera.classList.add("hidden");
  }
}
