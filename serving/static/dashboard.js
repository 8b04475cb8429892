// Complaint dashboard: numbers from /api/clerk/dashboard, pictures from its PNG endpoints, same filters for both.
"use strict";

function query() {
  const days = document.getElementById("days").value;
  const department = document.getElementById("department").value;
  return new URLSearchParams(department ? { days, department } : { days }).toString();
}

function rows(target, items, cells) {
  document.getElementById(target).replaceChildren(...items.map(item => el("tr", {}, ...cells(item).map(c => el("td", {}, c)))));
}

async function load() {
  const error = document.getElementById("dashboard-error");
  error.classList.add("hidden");
  let data;
  try {
    data = await api(`/api/clerk/dashboard?${query()}`);
  } catch (problem) { showError(error, problem); return; }
  document.getElementById("total").textContent = `${data.complaints}건`;
  document.getElementById("urgent").textContent = `${data.urgent}건`;
  const predicted = data.forecast_next_week.reduce((sum, f) => sum + f.predicted, 0);
  document.getElementById("forecast-total").textContent = data.complaints ? `약 ${Math.round(predicted)}건` : "–";
  rows("spikes", data.urgent_spikes, s => [s.region === "unknown" ? "미상" : s.region, s.term,
    `${s.window_start} ~ ${s.window_end}`, String(s.count), s.expected.toFixed(1)]);
  document.getElementById("spikes-empty").classList.toggle("hidden", data.urgent_spikes.length > 0);
  rows("by-type", data.by_type, r => [NAMES.types[r.key] || r.key, String(r.count)]);
  rows("by-region", data.by_region, r => [r.key === "unknown" ? "미상" : r.key, String(r.count)]);
  rows("forecast", data.forecast_next_week, f => [NAMES.types[f.key] || f.key, f.predicted.toFixed(1),
    `${f.lower.toFixed(0)}–${f.upper.toFixed(0)}`]);
  document.getElementById("rising").replaceChildren(...data.keyword_trends.filter(t => t.rising).slice(0, 10)
    .map(t => el("li", {}, `${t.keyword} (${t.total}건, +${Math.round(t.growth * 100)}%)`)));
  const suffix = `?${query()}`;
  document.getElementById("chart-weekly").src = `/api/clerk/dashboard/weekly_by_type.png${suffix}`;
  document.getElementById("chart-wordcloud").src = `/api/clerk/dashboard/wordcloud.png${suffix}`;
  document.getElementById("chart-departments").src = `/api/clerk/dashboard/by_department.png${suffix}`;
}

document.getElementById("days").addEventListener("change", load);
document.getElementById("department").addEventListener("change", load);
load();
