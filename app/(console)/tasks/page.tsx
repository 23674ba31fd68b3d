import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { TasksBoard } from "./_components/tasks-board";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("tasks.title") };
}

export default async function TasksPage() {
  const user = await requireSessionUser();
  return <TasksBoard isStaff={user.role === "ADMIN" || user.role === "SUPERVISOR"} />;
}
