import type { Translate } from "@/lib/i18n/translate";
import { formatPhone } from "@/lib/ui/format-phone";
import { RoutingSteps } from "@/app/(console)/routing/_components/routing-steps";
import { Section } from "@/app/(console)/calls/[id]/_components/section";
import type { RoutingInfo } from "@/app/(console)/calls/[id]/_components/types";

export function CallRouting({ routing, t }: { routing: RoutingInfo; t: Translate }) {
  const target =
    routing.targetWorkplace?.name ??
    (routing.targetNumber ? formatPhone(routing.targetNumber) : "");
  return (
    <Section id="call-routing" title={t("call.routingHeading")} testId="call-routing">
      <p className="text-sm font-medium text-slate-900" data-testid="call-routing-outcome">
        {t(`call.routing.${routing.outcome}`, { target })}
      </p>
      <p className="mt-1 text-xs text-slate-600">
        {[
          routing.rule ? t("call.routing.rule", { name: routing.rule.name }) : null,
          t("call.routing.decidedIn", { ms: routing.decidedInMs }),
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
      {routing.steps.length > 0 ? (
        <>
          <h3 className="mt-4 text-xs font-semibold text-slate-600">{t("call.routing.steps")}</h3>
          <RoutingSteps
            t={t}
            variant="list"
            steps={routing.steps}
            className="mt-2"
            testId="call-routing-steps"
          />
        </>
      ) : null}
    </Section>
  );
}
