"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { Badge } from "@/lib/ui/badge";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";
import { EmptyState } from "@/lib/ui/empty-state";
import { Icon } from "@/lib/ui/icon";
import { NoticeRegion, type Notice } from "@/lib/ui/notice-region";
import { PageHeader } from "@/lib/ui/page-header";
import { Skeleton } from "@/lib/ui/skeleton";
import { RuleEditorDialog } from "@/app/(console)/routing/_components/rule-editor-dialog";
import { formatAction, formatConditions } from "@/app/(console)/routing/_components/routing-text";
import { TestPanel } from "@/app/(console)/routing/_components/test-panel";
import type { RuleView } from "@/app/(console)/routing/_components/types";

type Editing = { rule: RuleView | null } | null;

export function RoutingManager({ canEdit }: { canEdit: boolean }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.routing.list.queryOptions());
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<RuleView | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.routing.list.queryKey() });
  const onError = (error: unknown) =>
    setNotice({ tone: "error", text: `${t("routing.actionFailed")} ${describeError(t, error)}` });
  const move = useMutation(trpc.routing.move.mutationOptions({ onSettled: refresh, onError }));
  const toggle = useMutation(
    trpc.routing.setEnabled.mutationOptions({ onSettled: refresh, onError }),
  );
  const remove = useMutation(trpc.routing.delete.mutationOptions({ onSettled: refresh, onError }));
  const addDefault = useMutation(
    trpc.routing.addDefault.mutationOptions({ onSettled: refresh, onError }),
  );
  const names = useMemo(
    () => new Map((list.data?.workplaces ?? []).map((w) => [w.id, w.userName ?? w.name])),
    [list.data],
  );
  const isBusy = move.isPending || toggle.isPending || remove.isPending;
  const rules = list.data?.rules ?? [];

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("routing.title")}
        description={t("routing.description")}
        actions={
          canEdit && list.data ? (
            <button
              type="button"
              onClick={() => setEditing({ rule: null })}
              className={buttonClass("primary")}
              data-testid="routing-add"
            >
              <Icon name="plus" className="size-4" />
              {t("routing.add")}
            </button>
          ) : null
        }
      />
      {!canEdit ? <Alert tone="info">{t("routing.readOnly")}</Alert> : null}
      <NoticeRegion notice={notice} onDismiss={() => setNotice(null)} testId="routing-notice" />

      {list.isPending ? (
        <div className="space-y-3" aria-busy="true" aria-label={t("common.loading")}>
          <Skeleton className="h-20 w-full" />
          <Skeleton className="h-20 w-full" />
        </div>
      ) : null}
      {list.isError ? (
        <div className="space-y-3" data-testid="routing-error">
          <Alert>
            {t("routing.loadFailed")} {describeError(t, list.error)}
          </Alert>
          <button
            type="button"
            onClick={() => void list.refetch()}
            className={buttonClass("secondary", "sm")}
          >
            {t("common.retry")}
          </button>
        </div>
      ) : null}

      {list.data && rules.length === 0 ? (
        <EmptyState icon="routing" title={t("routing.noRulesTitle")} testId="routing-empty">
          <p>{t("routing.noRulesBody")}</p>
          {canEdit ? (
            <button
              type="button"
              onClick={() => addDefault.mutate({ locale })}
              disabled={addDefault.isPending}
              className={buttonClass("secondary")}
              data-testid="routing-add-default"
            >
              {t("routing.addDefault")}
            </button>
          ) : null}
        </EmptyState>
      ) : null}

      {rules.length > 0 ? (
        <section aria-labelledby="routing-rules-heading" className="space-y-2">
          <h2 id="routing-rules-heading" className="text-sm font-medium text-slate-600">
            {t("routing.rulesCount", { count: rules.length })}
          </h2>
          <ol className="space-y-2" data-testid="routing-rules">
            {rules.map((rule, index) => (
              <li
                key={rule.id}
                className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:flex-row sm:items-start"
                data-testid="routing-rule"
                data-rule-name={rule.name}
              >
                <div className="min-w-0 flex-1 space-y-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="text-xs font-medium text-slate-500">
                      {t("routing.position", { position: index + 1 })}
                    </span>
                    <h3 className="font-semibold text-slate-900" data-testid="routing-rule-name">
                      {rule.name}
                    </h3>
                    <Badge
                      tone={rule.isEnabled ? "success" : "neutral"}
                      testId="routing-rule-state"
                    >
                      {rule.isEnabled ? t("routing.enabled") : t("routing.disabled")}
                    </Badge>
                  </div>
                  {!rule.isValid ? <Alert tone="warning">{t("routing.invalid")}</Alert> : null}
                  <p className="text-sm text-slate-700">
                    <span className="font-medium">{t("routing.when")}: </span>
                    {formatConditions(t, rule.conditions)}
                  </p>
                  <p className="text-sm text-slate-700" data-testid="routing-rule-action">
                    <span className="font-medium">{t("routing.then")}: </span>
                    {formatAction(t, rule.action, names)}
                    {rule.fallbacks.map((fallback, i) => (
                      <span key={i}>
                        {" "}
                        → <span className="text-slate-500">{t("routing.otherwise")}</span>{" "}
                        {formatAction(t, fallback, names)}
                      </span>
                    ))}
                  </p>
                </div>
                {canEdit ? (
                  <div className="flex flex-wrap items-center gap-1">
                    <label className="mr-2 flex items-center gap-2 text-sm text-slate-700">
                      <input
                        type="checkbox"
                        role="switch"
                        // Shows the new state at once while the change is saved.
                        checked={
                          toggle.isPending && toggle.variables?.ruleId === rule.id
                            ? toggle.variables.isEnabled
                            : rule.isEnabled
                        }
                        disabled={isBusy}
                        onChange={(e) =>
                          toggle.mutate({ ruleId: rule.id, isEnabled: e.target.checked })
                        }
                        aria-label={t("routing.toggleNamed", { name: rule.name })}
                        className="size-4 rounded border-slate-300"
                        data-testid="routing-rule-toggle"
                      />
                      {t("routing.enabled")}
                    </label>
                    <button
                      type="button"
                      disabled={isBusy || index === 0}
                      onClick={() => move.mutate({ ruleId: rule.id, direction: "up" })}
                      aria-label={t("routing.moveUp", { name: rule.name })}
                      className={buttonClass("ghost", "sm")}
                      data-testid="routing-rule-up"
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      disabled={isBusy || index === rules.length - 1}
                      onClick={() => move.mutate({ ruleId: rule.id, direction: "down" })}
                      aria-label={t("routing.moveDown", { name: rule.name })}
                      className={buttonClass("ghost", "sm")}
                      data-testid="routing-rule-down"
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      onClick={() => setEditing({ rule })}
                      aria-label={t("routing.editNamed", { name: rule.name })}
                      className={buttonClass("secondary", "sm")}
                      data-testid="routing-rule-edit"
                    >
                      {t("routing.edit")}
                    </button>
                    <button
                      type="button"
                      onClick={() => setDeleting(rule)}
                      aria-label={t("routing.deleteNamed", { name: rule.name })}
                      className={buttonClass("dangerOutline", "sm")}
                      data-testid="routing-rule-delete"
                    >
                      {t("routing.delete")}
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
          <p className="text-sm text-slate-500">{t("routing.endOfList")}</p>
        </section>
      ) : null}

      {list.data ? <TestPanel numbers={list.data.numbers} timeZone={list.data.timeZone} /> : null}

      {editing && list.data ? (
        <RuleEditorDialog
          rule={editing.rule}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            setEditing(null);
            setNotice({ tone: "success", text: t("routing.saved", { name }) });
          }}
          workplaces={list.data.workplaces}
          numbers={list.data.numbers}
          timeZone={list.data.timeZone}
        />
      ) : null}

      <Dialog
        isOpen={deleting !== null}
        onClose={() => setDeleting(null)}
        closeLabel={t("common.close")}
        title={t("routing.deleteTitle", { name: deleting?.name ?? "" })}
        description={t("routing.deleteBody")}
        testId="routing-delete-dialog"
      >
        <div className="flex flex-col-reverse justify-end gap-2 sm:flex-row">
          <button
            type="button"
            onClick={() => setDeleting(null)}
            className={buttonClass("secondary")}
          >
            {t("common.cancel")}
          </button>
          <button
            type="button"
            className={buttonClass("danger")}
            data-testid="routing-delete-confirm"
            onClick={() => {
              if (!deleting) return;
              const name = deleting.name;
              remove.mutate(
                { ruleId: deleting.id },
                {
                  onSuccess: () =>
                    setNotice({ tone: "success", text: t("routing.deleted", { name }) }),
                },
              );
              setDeleting(null);
            }}
          >
            {t("routing.delete")}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
