import type { Metadata } from "next";
import { getTranslator } from "@/lib/i18n/server";
import { FeaturePlaceholder } from "../_components/feature-placeholder";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("live.title") };
}

export default function LivePage() {
  return <FeaturePlaceholder section="live" />;
}
