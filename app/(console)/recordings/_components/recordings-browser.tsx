"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { RecordingFilters as Filters } from "@/lib/schemas/recordings";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { EmptyState } from "@/lib/ui/empty-state";
import { PageHeader } from "@/lib/ui/page-header";
import { Skeleton } from "@/lib/ui/skeleton";
import { Spinner } from "@/lib/ui/spinner";
import {
  emptyFilterForm,
  formFromParams,
  paramsFromForm,
  parseFilterForm,
  type FilterForm,
} from "@/app/(console)/recordings/_components/filter-form";
import { NowPlaying } from "@/app/(console)/recordings/_components/now-playing";
import { RecordingFilters } from "@/app/(console)/recordings/_components/recording-filters";
import { RecordingsTable } from "@/app/(console)/recordings/_components/recordings-table";
import { TranscriptSearch } from "@/app/(console)/recordings/_components/transcript-search";

export function RecordingsBrowser({ canFilterByManager }: { canFilterByManager: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  // Applied filters live in the query string; a link or a reload opens the same list.
  const [initial] = useState(() => {
    const fromUrl = formFromParams(new URLSearchParams(params.toString()));
    const parsed = parseFilterForm(fromUrl);
    return parsed.ok
      ? { form: fromUrl, errors: {}, filters: parsed.filters }
      : { form: fromUrl, errors: parsed.fieldErrors, filters: {} };
  });
  const [form, setForm] = useState<FilterForm>(initial.form);
  const [errors, setErrors] = useState<Partial<Record<keyof FilterForm, string>>>(initial.errors);
  const [filters, setFilters] = useState<Filters>(initial.filters);
  const showInUrl = (next: FilterForm) => {
    const search = paramsFromForm(next);
    // The transcript search keeps its own ?q= beside the filters.
    const q = params.get("q");
    if (q) search.set("q", q);
    const query = search.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [isAutoNext, setAutoNext] = useState(true);
  // Only a recording started by "play next" starts by itself; a click waits for the play button.
  const [shouldAutoPlay, setAutoPlay] = useState(false);
  const managers = useQuery({
    ...trpc.recordings.managers.queryOptions(),
    enabled: canFilterByManager,
  });
  const list = useInfiniteQuery(
    trpc.recordings.list.infiniteQueryOptions(filters, {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      placeholderData: keepPreviousData,
    }),
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  const apply = () => {
    const parsed = parseFilterForm(form);
    if (!parsed.ok) {
      setErrors(parsed.fieldErrors);
      return;
    }
    setErrors({});
    setFilters(parsed.filters);
    showInUrl(form);
  };
  const reset = () => {
    setForm(emptyFilterForm);
    setErrors({});
    setFilters({});
    showInUrl(emptyFilterForm);
  };
  const select = (id: string, autoPlay: boolean) => {
    setAutoPlay(autoPlay);
    setSelectedId(id);
  };
  const playNext = () => {
    if (!isAutoNext || !selectedId) return;
    const at = items.findIndex((item) => item.id === selectedId);
    const next = items.slice(at + 1).find((item) => item.status === "READY");
    if (next) select(next.id, true);
  };

  return (
    <div className="space-y-4">
      <PageHeader title={t("recordings.title")} description={t("recordings.description")} />
      <TranscriptSearch />
      <RecordingFilters
        form={form}
        errors={errors}
        managers={canFilterByManager ? (managers.data ?? []) : null}
        onChange={setForm}
        onSubmit={apply}
        onReset={reset}
      />
      <section
        aria-labelledby="now-playing-heading"
        className="space-y-2 lg:sticky lg:top-16 lg:z-10"
        data-testid="now-playing"
      >
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="now-playing-heading" className="text-sm font-semibold text-slate-900">
            {t("recordings.nowPlaying")}
          </h2>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={isAutoNext}
              onChange={(e) => setAutoNext(e.target.checked)}
              className="accent-brand-600 size-4"
              data-testid="recordings-autonext"
            />
            {t("recordings.autoplayNext")}
          </label>
        </div>
        {selectedId ? (
          <NowPlaying recordingId={selectedId} autoPlay={shouldAutoPlay} onEnded={playNext} />
        ) : (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">
            {t("recordings.selectPrompt")}
          </p>
        )}
      </section>
      <section aria-labelledby="recordings-heading" className="space-y-2">
        <h2 id="recordings-heading" className="text-base font-semibold text-slate-900">
          {t("recordings.title")}
          {list.data ? (
            <span
              className="ml-2 text-sm font-normal text-slate-500"
              data-testid="recordings-count"
            >
              {t("recordings.count", { count: items.length })}
              {list.hasNextPage ? "+" : ""}
            </span>
          ) : null}
        </h2>
        <div
          className="overflow-hidden rounded-xl border border-slate-200 bg-white"
          aria-busy={list.isFetching || undefined}
        >
          {list.isPending ? (
            <div className="space-y-2 p-4" aria-label={t("common.loading")}>
              <Skeleton className="h-10 w-full" />
              <Skeleton className="h-10 w-full" />
              <Skeleton className="h-10 w-full" />
            </div>
          ) : null}
          {list.isError && !list.isFetchNextPageError ? (
            <div className="space-y-3 p-6" data-testid="recordings-error">
              <Alert>
                {t("recordings.loadFailed")} {describeError(t, list.error)}
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
          {list.data && items.length === 0 ? (
            <EmptyState icon="headset" title={t("recordings.emptyTitle")} testId="recordings-empty">
              <p>{t("recordings.emptyBody")}</p>
            </EmptyState>
          ) : null}
          {items.length > 0 ? (
            <RecordingsTable
              items={items}
              selectedId={selectedId}
              onSelect={(id) => select(id, false)}
            />
          ) : null}
        </div>
        {list.hasNextPage ? (
          <button
            type="button"
            onClick={() => void list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
            className={buttonClass("secondary")}
          >
            {list.isFetchingNextPage ? <Spinner className="size-4" /> : null}
            {t("recordings.loadMore")}
          </button>
        ) : null}
      </section>
    </div>
  );
}
