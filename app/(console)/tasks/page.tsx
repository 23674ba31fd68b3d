import { isStaffRole } from "@/lib/roles";
import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { TasksBoard } from "@/app/(console)/tasks/_components/tasks-board";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("tasks.title") };
}

export default async function TasksPage() {
  const user = await requireSessionUser();
  return <TasksBoard isStaff={isStaffRole(user.role)} />;
}
