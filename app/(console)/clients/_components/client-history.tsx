"use client";

import Link from "next/link";
import { CallRecordingsPanel } from "@/app/(console)/_components/recording-player/call-recordings-panel";
import type { inferRouterOutputs } from "@trpc/server";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { formatDateTime } from "@/lib/i18n/translate";
import type { AppRouter } from "@/server/api/root";
import { Badge } from "@/lib/ui/badge";
import { formatDuration } from "@/lib/ui/format-duration";
import { formatPhone } from "@/lib/ui/format-phone";

type Detail = inferRouterOutputs<AppRouter>["clients"]["get"];

function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: React.ReactNode;
  testId: string;
}) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white" data-testid={testId}>
      <h2 className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900">
        {title}
      </h2>
      <div className="px-4 py-3 text-sm">{children}</div>
    </section>
  );
}

export function ClientCalls({ calls, total }: { calls: Detail["calls"]; total: number }) {
  const { t, locale } = useI18n();
  return (
    <Section title={t("clients.calls.title", { count: total })} testId="client-calls">
      {calls.length === 0 ? (
        <p className="text-slate-600">{t("clients.calls.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {calls.map((call) => (
            <li key={call.id}>
              <Link
                href={`/calls/${call.id}`}
                className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 hover:bg-slate-50"
                data-testid="client-call"
              >
                <span className="w-36 text-slate-700">
                  {formatDateTime(locale, call.startedAt)}
                </span>
                <span className="text-slate-600">{t(`live.direction.${call.direction}`)}</span>
                <span className="text-slate-600 tabular-nums">
                  {formatPhone(call.direction === "OUT" ? call.toNumber : call.fromNumber)}
                </span>
                <span className="flex-1 text-slate-700">{call.manager?.name ?? ""}</span>
                <Badge
                  tone={call.result === "ANSWERED" ? "success" : call.result ? "danger" : "neutral"}
                >
                  {t(`screenPop.result.${call.result ?? "none"}`)}
                </Badge>
                <span className="w-12 text-right tabular-nums">
                  {formatDuration(call.talkSec ?? 0)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function ClientAssignments({ assignments }: { assignments: Detail["assignments"] }) {
  const { t, locale } = useI18n();
  const none = t("clients.noManager");
  return (
    <Section title={t("clients.history.title")} testId="client-assignments">
      {assignments.length === 0 ? (
        <p className="text-slate-600">{t("clients.history.none")}</p>
      ) : (
        <ol className="space-y-2">
          {assignments.map((a) => (
            <li key={a.id} className="text-slate-700" data-testid="client-assignment">
              <p>
                <span className="text-slate-500">{formatDateTime(locale, a.createdAt)} · </span>
                {t("clients.history.change", {
                  from: a.fromManager?.name ?? none,
                  to: a.toManager?.name ?? none,
                })}
              </p>
              <p className="text-xs text-slate-500">
                {a.changedBy
                  ? t("clients.history.by", { name: a.changedBy.name })
                  : t("clients.history.bySystem")}
                {a.reason ? ` · ${translateReason(t, a.reason)}` : ""}
                {a.restoreAt
                  ? ` · ${t("clients.history.until", { date: formatDateTime(locale, a.restoreAt) })}`
                  : ""}
              </p>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function translateReason(t: ReturnType<typeof useI18n>["t"], reason: string): string {
  if (reason === "created") return t("clients.history.reasonCreated");
  if (reason === "restored") return t("clients.history.reasonRestored");
  if (reason === "import") return t("clients.history.reasonImport");
  return reason;
}

export function ClientTasks({ tasks }: { tasks: Detail["tasks"] }) {
  const { t, locale } = useI18n();
  return (
    <Section title={t("clients.tasks.title")} testId="client-tasks">
      {tasks.length === 0 ? (
        <p className="text-slate-600">{t("clients.tasks.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {tasks.map((task) => (
            <li key={task.id} className="py-2" data-testid="client-task">
              <p className="font-medium text-slate-800">
                {task.kind === "CALLBACK" ? t("clients.tasks.callback") : t("clients.tasks.other")}
                {task.assignee ? (
                  <span className="font-normal text-slate-600"> · {task.assignee.name}</span>
                ) : null}
              </p>
              {task.note ? <p className="text-slate-700">{task.note}</p> : null}
              <p className="text-xs text-slate-500">
                {task.dueAt
                  ? t("clients.tasks.due", { date: formatDateTime(locale, task.dueAt) })
                  : t("clients.tasks.created", { date: formatDateTime(locale, task.createdAt) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

const RECORDINGS_SHOWN = 5;

/** The latest recorded conversations with the client, each playable in place. */
export function ClientRecordings({ calls }: { calls: Detail["calls"] }) {
  const { t, locale } = useI18n();
  const recorded = calls.filter((call) => call.hasRecording);
  const shown = recorded.slice(0, RECORDINGS_SHOWN);
  return (
    <Section title={t("clients.recordings.title")} testId="client-recordings">
      {shown.length === 0 ? (
        <p className="text-slate-600">{t("clients.recordings.none")}</p>
      ) : (
        <ul className="space-y-4">
          {shown.map((call) => (
            <li key={call.id} className="space-y-2">
              <Link
                href={`/calls/${call.id}`}
                className="text-brand-700 flex flex-wrap gap-x-3 text-sm font-medium hover:underline"
              >
                <span>{formatDateTime(locale, call.startedAt)}</span>
                <span className="text-slate-600">{call.manager?.name ?? ""}</span>
              </Link>
              <CallRecordingsPanel callId={call.id} />
            </li>
          ))}
        </ul>
      )}
      {recorded.length > shown.length ? (
        <p className="mt-3 text-xs text-slate-500">
          {t("clients.recordings.more", { shown: shown.length })}
        </p>
      ) : null}
    </Section>
  );
}
