"use client";

import type { ErrorInfo } from "next/error";

// Replaces the root layout when it fails, so no providers or dictionaries are available:
// a plain bilingual message is all we can safely render.
export default function GlobalError({ retry }: ErrorInfo) {
  return (
    <html lang="ru">
      <body
        style={{ fontFamily: "system-ui, sans-serif", padding: "4rem 1rem", textAlign: "center" }}
      >
        <title>Pult</title>
        <h1 style={{ fontSize: "1.25rem" }}>Что-то пошло не так · Something went wrong</h1>
        <p style={{ color: "#475569" }}>
          Повторите попытку. Если ошибка повторяется, сообщите администратору.
          <br />
          Try again. If it keeps happening, tell your administrator.
        </p>
        <button
          type="button"
          onClick={retry}
          style={{ marginTop: "1.5rem", padding: "0.5rem 1rem" }}
        >
          Повторить · Try again
        </button>
      </body>
    </html>
  );
}
