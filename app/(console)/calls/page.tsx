import type { Metadata } from "next";
import { getTranslator } from "@/lib/i18n/server";
import { FeaturePlaceholder } from "../_components/feature-placeholder";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("calls.title") };
}

export default function CallsPage() {
  return <FeaturePlaceholder section="calls" />;
}
