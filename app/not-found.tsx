import Link from "next/link";
import { getTranslator } from "@/server/i18n/locale";
import { buttonClass } from "@/lib/ui/button-styles";
import { Brand } from "@/app/_components/brand";

export default async function NotFound() {
  const { t } = await getTranslator();
  return (
    <main
      id="content"
      className="flex min-h-dvh flex-col items-center justify-center px-4 text-center"
    >
      <Brand size="lg" />
      <p className="text-brand-700 mt-10 text-sm font-semibold">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">{t("notFound.title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("notFound.body")}</p>
      <Link href="/live" className={buttonClass("primary", "md", "mt-8")}>
        {t("common.toConsole")}
      </Link>
    </main>
  );
}
