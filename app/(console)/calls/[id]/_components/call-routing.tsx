import type { Translate } from "@/lib/i18n/translate";
import { formatPhone } from "@/lib/ui/format-phone";
import { Section } from "./section";
import type { RoutingInfo } from "./types";

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
          <ol
            className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-800"
            data-testid="call-routing-steps"
          >
            {routing.steps.map((step, index) => (
              <li key={index}>{step}</li>
            ))}
          </ol>
        </>
      ) : null}
    </Section>
  );
}
