// The browser side of /phones: polls GET /control/phones every second and posts actions to the
// control API. Plain ES2020 in a string, served inline; it only patches text and data attributes
// so half-typed numbers in the forms survive the refresh.
export const phonesScript = String.raw`
const labels = { idle: "Свободен · Idle", ringing: "Звонит · Ringing", calling: "Вызов клиента · Calling", talking: "Разговор · Talking" };
const version = Number(document.body.dataset.version);
const toast = document.getElementById("toast");

function showError(message) {
  toast.textContent = message;
  toast.hidden = false;
  clearTimeout(showError.timer);
  showError.timer = setTimeout(() => (toast.hidden = true), 4000);
}

async function post(path, body) {
  const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body || {}) });
  if (!res.ok) {
    const data = await res.json().catch(() => ({}));
    showError((data.error && data.error.message) || "HTTP " + res.status);
  }
  await poll();
}

function elapsed(since) {
  const sec = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 1000));
  return String(Math.floor(sec / 60)).padStart(2, "0") + ":" + String(sec % 60).padStart(2, "0");
}

async function poll() {
  let data;
  try {
    data = await (await fetch("/control/phones", { cache: "no-store" })).json();
  } catch {
    document.getElementById("traffic").textContent = "Симулятор недоступен · Simulator unreachable";
    return;
  }
  if (data.version !== version) return location.reload();
  for (const w of data.workplaces) {
    const card = document.querySelector('[data-workplace="' + CSS.escape(w.id) + '"]');
    if (!card) return location.reload();
    card.dataset.status = w.status;
    card.dataset.call = w.call ? w.call.callId : "";
    card.querySelector(".badge").textContent = labels[w.status] || w.status;
    card.querySelector(".peer").textContent = w.call ? (w.call.direction === "incoming" ? "← " : "→ ") + w.call.peer : "";
    card.querySelector(".timer").textContent = w.call ? elapsed(w.call.since) : "";
  }
  const t = data.traffic;
  document.getElementById("traffic").textContent = t.isRunning
    ? "Трафик · Traffic: " + t.callsPerMinute + "/мин, активных · active " + t.activeCalls + ", всего · total " + t.generatedCalls
    : "Трафик выключен · Traffic off";
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-act]");
  if (!button) return;
  const card = button.closest(".card");
  if (!card.dataset.call) return;
  const act = button.dataset.act;
  const body = act === "answer" ? { workplaceId: card.dataset.workplace } : {};
  post("/control/calls/" + encodeURIComponent(card.dataset.call) + "/" + act, body);
});

document.addEventListener("submit", (event) => {
  const form = event.target;
  event.preventDefault();
  const fields = new FormData(form);
  const card = form.closest(".card");
  if (form.classList.contains("dial")) {
    post("/control/click-to-call", { workplaceId: card.dataset.workplace, to: String(fields.get("to")).replace(/[^+\d]/g, "") });
  } else if (form.classList.contains("transfer")) {
    const number = String(fields.get("number")).replace(/[^+\d]/g, "");
    const target = number ? { number } : { workplaceId: String(fields.get("workplace")) };
    if (card.dataset.call) post("/control/calls/" + encodeURIComponent(card.dataset.call) + "/transfer", { target });
  } else if (form.classList.contains("incoming")) {
    post("/control/calls", { from: String(fields.get("from")).replace(/[^+\d]/g, ""), to: String(fields.get("to")) });
  }
});

setInterval(poll, 1000);
poll();
`;
