import { escapeHtml } from "@/server/pbx-simulator/http";

const style = `
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f1f4f9;
    margin: 0; min-height: 100vh; display: grid; place-items: center; color: #1d2433; }
  main { background: #fff; padding: 32px 36px; border-radius: 14px; width: 340px;
    box-shadow: 0 6px 28px rgba(20, 40, 80, .12); }
  .brand { color: #e30613; font-weight: 700; letter-spacing: .04em; font-size: 13px; }
  h1 { font-size: 20px; margin: 6px 0 4px; } p.sub { margin: 0 0 20px; color: #5b6478; font-size: 14px; }
  label { display: block; font-size: 13px; color: #3a4356; margin: 14px 0 6px; }
  input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: 10px 12px;
    border: 1px solid #c9d1df; border-radius: 8px; font-size: 15px; }
  .actions { display: flex; gap: 10px; margin-top: 22px; }
  button { flex: 1; padding: 10px; border-radius: 8px; border: 0; font-size: 15px; cursor: pointer; }
  button.primary { background: #e30613; color: #fff; } button.secondary { background: #e8ecf3; }
  .error { background: #fde8e8; color: #a61b1b; padding: 10px 12px; border-radius: 8px; font-size: 14px; }
  .client { font-size: 13px; color: #5b6478; margin-top: 18px; word-break: break-all; }`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>${style}</style></head><body><main>${body}</main></body></html>`;
}

export type LoginPageParams = {
  clientId: string;
  redirectUri: string;
  responseType: string;
  scope: string;
  state: string | null;
  login: string;
  error: string | null;
};

export function renderLoginPage(params: LoginPageParams): string {
  const hidden = (name: string, value: string | null) =>
    value === null ? "" : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const error = params.error ? `<p class="error" role="alert">${escapeHtml(params.error)}</p>` : "";
  return page(
    "МТТ Бизнес — вход / MTT Business sign in",
    `<div class="brand">МТТ БИЗНЕС · СИМУЛЯТОР</div>
<h1>МТТ Бизнес — вход</h1><p class="sub">MTT Business sign in</p>${error}
<form method="post" action="/oauth/authorize">
${hidden("response_type", params.responseType)}${hidden("client_id", params.clientId)}
${hidden("redirect_uri", params.redirectUri)}${hidden("scope", params.scope)}${hidden("state", params.state)}
<label for="login">Логин / Login</label>
<input id="login" name="login" type="text" autocomplete="username" required value="${escapeHtml(params.login)}">
<label for="password">Пароль / Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="actions">
<button class="primary" type="submit" name="action" value="allow">Войти / Sign in</button>
<button class="secondary" type="submit" name="action" value="deny" formnovalidate>Отказать / Deny</button>
</div></form>
<p class="client">Приложение / Application: <b>${escapeHtml(params.clientId)}</b><br>→ ${escapeHtml(params.redirectUri)}</p>`,
  );
}

export function renderErrorPage(message: string): string {
  return page(
    "МТТ Бизнес — ошибка / MTT Business error",
    `<div class="brand">МТТ БИЗНЕС · СИМУЛЯТОР</div><h1>Ошибка авторизации</h1>
<p class="sub">Authorization error</p><p class="error" role="alert">${escapeHtml(message)}</p>`,
  );
}
