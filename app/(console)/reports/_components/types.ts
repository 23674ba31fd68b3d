import type { inferRouterOutputs } from "@trpc/server";
import type { ReportFigure, ReportSlice } from "@/lib/schemas/reports";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["reports"];
export type ReportSummary = Outputs["summary"];
export type ReportSeries = Outputs["series"];
export type FilterOptions = Outputs["filterOptions"];
export type ManagerRow = ReportSummary["managers"][number];
export type MetricsView = ReportSummary["total"];

/** What the user clicked: a figure, narrowed to a manager, bar, cell or bucket. */
export type DrillTarget = { figure: ReportFigure; slice: ReportSlice; title: string };

export const KPIS = [
  { key: "incoming", figure: "incoming", kind: "count" },
  { key: "answered", figure: "answered", kind: "count" },
  { key: "missed", figure: "missed", kind: "count" },
  { key: "outgoing", figure: "outgoing", kind: "count" },
  { key: "answerRate", figure: "answered", kind: "rate" },
  { key: "serviceLevel", figure: "withinServiceLevel", kind: "rate" },
  { key: "avgAnswerSec", figure: "answered", kind: "seconds" },
  { key: "p90AnswerSec", figure: "answered", kind: "seconds" },
  { key: "talkSec", figure: "talk", kind: "duration" },
  { key: "avgTalkSec", figure: "talk", kind: "seconds" },
  { key: "callbackRate", figure: "calledBack", kind: "rate" },
  { key: "medianCallbackSec", figure: "calledBack", kind: "duration" },
  { key: "personalRate", figure: "personalReached", kind: "rate" },
  { key: "fallbacks", figure: "fallbacks", kind: "count" },
] as const satisfies ReadonlyArray<{
  key: keyof MetricsView;
  figure: ReportFigure;
  kind: "count" | "rate" | "seconds" | "duration";
}>;
export type Kpi = (typeof KPIS)[number];
