import { redirect } from "next/navigation";

// The scripts list lives in a tab of /quality.
export default function ScriptsPage() {
  redirect("/quality?tab=scripts");
}
