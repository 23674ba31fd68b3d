import { escapeHtml } from "@/server/pbx-simulator/http";
import { phonesScript } from "@/server/pbx-simulator/phones-script";
import type { Structure, Workplace } from "@/server/pbx-simulator/structure";

const style = `
  :root { --ink: #1d2433; --muted: #5b6478; --line: #dfe4ee; --accent: #e30613; --ok: #1f9d55;
    --ring: #f59e0b; --talk: #2563eb; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f3f5f9; color: var(--ink); }
  header.top { background: #fff; border-bottom: 1px solid var(--line); padding: 16px 28px;
    display: flex; flex-wrap: wrap; gap: 16px; align-items: center; justify-content: space-between; }
  h1 { font-size: 20px; margin: 0; } h1 small { color: var(--muted); font-weight: 400; font-size: 14px; }
  .brand { color: var(--accent); font-weight: 700; font-size: 12px; letter-spacing: .06em; }
  #traffic { color: var(--muted); font-size: 13px; }
  form { display: flex; gap: 8px; align-items: center; margin: 0; flex-wrap: wrap; }
  input, select { padding: 7px 10px; border: 1px solid #c9d1df; border-radius: 7px; font-size: 14px;
    background: #fff; min-width: 0; }
  button { padding: 7px 12px; border-radius: 7px; border: 1px solid #c9d1df; background: #fff;
    font-size: 14px; cursor: pointer; } button:hover { filter: brightness(.96); }
  button.ok { background: var(--ok); border-color: var(--ok); color: #fff; }
  button.danger { background: var(--accent); border-color: var(--accent); color: #fff; }
  button.primary { background: var(--talk); border-color: var(--talk); color: #fff; }
  main { padding: 24px 28px; display: grid; gap: 16px; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
    align-items: start; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 16px;
    display: flex; flex-direction: column; gap: 12px; border-top: 4px solid #cbd2dd; }
  .card[data-status=ringing] { border-top-color: var(--ring); box-shadow: 0 0 0 3px rgba(245,158,11,.18); }
  .card[data-status=talking], .card[data-status=calling] { border-top-color: var(--talk); }
  .head { display: flex; gap: 12px; align-items: center; min-width: 0; }
  .avatar { width: 40px; height: 40px; border-radius: 50%; background: #e8ecf3; display: grid;
    place-items: center; font-weight: 600; color: var(--muted); flex: none; }
  .head h2 { font-size: 16px; margin: 0; } .ext { margin: 2px 0 0; color: var(--muted); font-size: 13px; }
  .badge { font-size: 12px; padding: 3px 8px; border-radius: 999px; background: #eef1f6;
    color: var(--muted); white-space: nowrap; }
  .card[data-status=ringing] .badge { background: #fef3c7; color: #92400e; }
  .card[data-status=talking] .badge, .card[data-status=calling] .badge { background: #dbeafe; color: #1e40af; }
  .call-line { display: flex; gap: 10px; align-items: center; font-variant-numeric: tabular-nums;
    font-size: 15px; min-height: 22px; margin: 0; } .timer { margin-left: auto; color: var(--muted); }
  .actions { display: none; gap: 8px; flex-wrap: wrap; }
  .card[data-status=ringing] .when-ringing, .card[data-status=talking] .when-talking,
  .card[data-status=talking] .when-active, .card[data-status=calling] .when-active,
  .card[data-status=idle] .when-idle { display: flex; }
  .actions button { flex: 1 1 0; white-space: nowrap; } .dial input { flex: 1 1 120px; }
  .card[data-status=talking] .transfer { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
  .transfer button { grid-column: span 2; }
  #toast { position: fixed; bottom: 20px; left: 50%; transform: translateX(-50%); background: #a61b1b;
    color: #fff; padding: 10px 16px; border-radius: 8px; font-size: 14px; }`;

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part[0] ?? "")
    .join("")
    .slice(0, 2);
}

function renderCard(workplace: Workplace, all: Workplace[]): string {
  const others = all
    .filter((w) => w.id !== workplace.id)
    .map(
      (w) =>
        `<option value="${escapeHtml(w.id)}">${escapeHtml(`${w.extension} · ${w.name}`)}</option>`,
    )
    .join("");
  return `<article class="card" data-workplace="${escapeHtml(workplace.id)}" data-status="idle" data-call="">
  <div class="head"><div class="avatar">${escapeHtml(initials(workplace.name))}</div>
    <div><h2>${escapeHtml(workplace.name)}</h2><p class="ext">доб. / ext. ${escapeHtml(workplace.extension)}</p></div></div>
  <p class="call-line"><span class="badge">Свободен · Idle</span><span class="peer"></span><span class="timer"></span></p>
  <div class="actions when-ringing"><button class="ok" data-act="answer">Ответить / Answer</button>
    <button class="danger" data-act="decline">Отклонить / Decline</button></div>
  <form class="actions when-talking transfer"><select name="workplace" aria-label="Перевести на сотрудника / Transfer to workplace">${others}</select>
    <input name="number" placeholder="или номер / or number" aria-label="Номер для перевода / Number">
    <button type="submit">Перевести / Transfer</button></form>
  <div class="actions when-active"><button class="danger" data-act="hangup">Положить трубку / Hang up</button></div>
  <form class="actions when-idle dial"><input name="to" required placeholder="+7 999 123-45-67" aria-label="Номер клиента / Number to call">
    <button class="primary" type="submit">Позвонить / Call</button></form>
</article>`;
}

/** One softphone per workplace: enough to demo Pult without real phones. */
export function renderPhonesPage(structure: Structure): string {
  const cards = structure.workplaces.map((w) => renderCard(w, structure.workplaces)).join("\n");
  const numbers = structure.numbers
    .map(
      (n) =>
        `<option value="${escapeHtml(n.number)}">${escapeHtml(`${n.number} · ${n.label}`)}</option>`,
    )
    .join("");
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Демо-телефоны · Demo phones — МТТ Бизнес (симулятор)</title><style>${style}</style></head>
<body data-version="${structure.version}">
<header class="top"><div><div class="brand">МТТ БИЗНЕС · СИМУЛЯТОР</div>
<h1>Демо-телефоны <small>Demo phones</small></h1><div id="traffic">…</div></div>
<form class="incoming" aria-label="Входящий звонок / Incoming call">
<input name="from" value="+79161234567" required aria-label="Кто звонит / Caller">
<select name="to" aria-label="На номер / To number">${numbers}</select>
<button class="primary" type="submit">Входящий звонок / Incoming call</button></form></header>
<main>${cards}</main><div id="toast" role="alert" hidden></div>
<script>${phonesScript}</script></body></html>`;
}

export function renderIndexPage(baseUrl: string): string {
  const link = (path: string, text: string) =>
    `<li><a href="${path}">${escapeHtml(path)}</a> — ${text}</li>`;
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>MTT PBX simulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:720px;margin:40px auto;color:#1d2433;line-height:1.6}</style></head>
<body><h1>Симулятор ВАТС МТТ Бизнес / MTT Business PBX simulator</h1><p>${escapeHtml(baseUrl)}</p><ul>
${link("/phones", "демо-телефоны / demo phones")}
${link("/control/structure", "структура / structure (GET, PUT)")}
${link("/control/calls?active=1", "активные звонки / active calls")}
${link("/control/traffic", "генератор трафика / traffic generator (GET, POST)")}
${link("/control/notifications", "журнал уведомлений / notification log")}
</ul><p>OAuth: <code>/oauth/authorize</code>, <code>/oauth/token</code> · JSON-RPC: <code>POST /vats/v1</code></p></body></html>`;
}
