import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getServerCaller } from "@/server/api/caller";
import { requireSessionUser } from "@/server/auth/session";
import { canReviewQuality } from "@/server/policy/policy";
import { getTranslator } from "@/server/i18n/locale";
import { formatPhone } from "@/lib/ui/format-phone";
import { Icon } from "@/lib/ui/icon";
import { CallButton } from "@/app/(console)/_components/call-actions/call-button";
import { isTransferable } from "@/app/(console)/_components/call-actions/is-transferable";
import { TransferDialog } from "@/app/(console)/_components/call-actions/transfer-dialog";
import { counterpartOf } from "@/app/(console)/calls/_components/call-format";
import { ResultBadge } from "@/app/(console)/calls/_components/result-badge";
import { CallFacts } from "@/app/(console)/calls/[id]/_components/call-facts";
import { CallRecordings } from "@/app/(console)/calls/[id]/_components/call-recordings";
import { CallRouting } from "@/app/(console)/calls/[id]/_components/call-routing";
import { CallTimeline } from "@/app/(console)/calls/[id]/_components/call-timeline";
import { QualityWorkspace } from "@/app/(console)/calls/[id]/_components/quality/quality-workspace";

type CallPageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** ?t=<seconds> (a transcript search hit): where to start playing. */
function startAtOf(value: string | string[] | undefined): number | undefined {
  const seconds = typeof value === "string" ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 && seconds < 86_400 ? seconds : undefined;
}

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("call.metaTitle") };
}

async function loadCall(id: string) {
  const caller = await getServerCaller();
  try {
    return await caller.calls.detail({ id });
  } catch (error) {
    // Unknown, another company's, or not this manager's: the same 404, existence not revealed.
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
}

export default async function CallPage({ params, searchParams }: CallPageProps) {
  const { id } = await params;
  const startAtSec = startAtOf((await searchParams).t);
  const [call, { t, locale }, user] = await Promise.all([
    loadCall(id),
    getTranslator(),
    requireSessionUser(),
  ]);
  const who = call.client?.name ?? formatPhone(counterpartOf(call));
  return (
    <div className="space-y-6" data-testid="call-detail" data-call-id={call.id}>
      <Link
        href="/calls"
        className="text-brand-700 inline-flex items-center gap-1 text-sm font-medium hover:underline"
        data-testid="call-back"
      >
        <Icon name="chevronDown" className="size-4 rotate-90" />
        {t("call.back")}
      </Link>
      <header className="flex flex-wrap items-center gap-3">
        <h1
          className="text-2xl font-semibold tracking-tight text-slate-900"
          data-testid="call-title"
        >
          {t(`call.title.${call.direction}`)} · {who}
        </h1>
        <ResultBadge t={t} call={call} testId="call-result" />
        <div className="ml-auto flex flex-wrap items-start gap-2">
          {isTransferable(call) ? (
            <TransferDialog callId={call.id} currentWorkplaceId={call.workplace?.id} />
          ) : null}
          {/^\+\d{7,15}$/.test(counterpartOf(call)) ? (
            <CallButton phone={counterpartOf(call)} clientId={call.client?.id} />
          ) : null}
        </div>
      </header>
      <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
        <CallFacts call={call} t={t} locale={locale} />
        <div className="min-w-0 space-y-6">
          <CallTimeline call={call} t={t} locale={locale} />
          {call.routing ? <CallRouting routing={call.routing} t={t} /> : null}
        </div>
      </div>
      {/* Full width: a reviewer's scorecard sits beside the player. */}
      <QualityWorkspace
        callId={call.id}
        viewerId={user.id}
        canReview={canReviewQuality(user)}
        isEvaluable={call.answeredAt !== null && call.manager !== null && call.hasRecording}
      >
        <CallRecordings call={call} t={t} startAtSec={startAtSec} />
      </QualityWorkspace>
    </div>
  );
}
