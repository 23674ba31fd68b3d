import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { I18nProvider } from "@/lib/i18n/i18n-provider";
import { getLocale } from "@/server/i18n/locale";
import "@/app/globals.css";

export const metadata: Metadata = {
  title: { default: "Pult", template: "%s · Pult" },
  description: "Contact-center console for the MTT Business virtual PBX",
  applicationName: "Pult",
};

export const viewport: Viewport = { themeColor: "#2850d6" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        <I18nProvider locale={locale}>{children}</I18nProvider>
      </body>
    </html>
  );
}
