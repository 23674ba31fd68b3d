import Link from "next/link";
import { getTranslator } from "@/server/i18n/locale";
import { buttonClass } from "@/lib/ui/button-styles";
import { EmptyState } from "@/lib/ui/empty-state";

export default async function CallNotFound() {
  const { t } = await getTranslator();
  return (
    <EmptyState icon="calls" title={t("call.notFoundTitle")} testId="call-not-found">
      <p>{t("call.notFoundBody")}</p>
      <Link href="/calls" className={buttonClass("primary")}>
        {t("call.back")}
      </Link>
    </EmptyState>
  );
}
