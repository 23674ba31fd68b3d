"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { transcriptSearchInput } from "@/lib/schemas/speech";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { formatDuration } from "@/lib/ui/format-duration";
import { formatPhone } from "@/lib/ui/format-phone";
import { inputClass } from "@/lib/ui/input-styles";
import { Skeleton } from "@/lib/ui/skeleton";
import { Spinner } from "@/lib/ui/spinner";

/**
 * Full-text search over the call transcripts (Russian stemming): each call's first hit with the
 * words highlighted, linking to the call page, which plays from the hit. The query is in the URL
 * (?q=), so a search can be shared and survives a reload.
 */
export function TranscriptSearch() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const inputId = useId();
  const hintId = useId();
  const [text, setText] = useState(() => params.get("q") ?? "");
  const [query, setQuery] = useState(() => params.get("q") ?? "");
  const [error, setError] = useState<string | null>(null);
  const search = useInfiniteQuery(
    trpc.transcripts.search.infiniteQueryOptions(
      { q: query },
      {
        enabled: query.length > 0,
        getNextPageParam: (page) => page.nextCursor ?? undefined,
        placeholderData: keepPreviousData,
      },
    ),
  );
  const setUrl = (q: string) => {
    const next = new URLSearchParams(params.toString());
    if (q) next.set("q", q);
    else next.delete("q");
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = transcriptSearchInput.safeParse({ q: text });
    if (!parsed.success) {
      setError(t("transcript.searchTooShort"));
      return;
    }
    setError(null);
    setQuery(parsed.data.q);
    setUrl(parsed.data.q);
  };
  const clear = () => {
    setText("");
    setQuery("");
    setError(null);
    setUrl("");
  };
  const items = search.data?.pages.flatMap((page) => page.items) ?? [];
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });

  return (
    <section
      aria-labelledby={`${inputId}-heading`}
      className="space-y-3"
      data-testid="transcript-search"
    >
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2" role="search">
        <div className="min-w-64 flex-1 space-y-1">
          <label
            id={`${inputId}-heading`}
            htmlFor={inputId}
            className="text-sm font-medium text-slate-800"
          >
            {t("transcript.searchLabel")}
          </label>
          <input
            id={inputId}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t("transcript.searchPlaceholder")}
            aria-describedby={hintId}
            aria-invalid={error ? true : undefined}
            className={inputClass(error !== null)}
            maxLength={200}
            data-testid="transcript-search-input"
          />
        </div>
        <button
          type="submit"
          className={buttonClass("primary")}
          data-testid="transcript-search-submit"
        >
          {search.isFetching && !search.isFetchingNextPage ? <Spinner className="size-4" /> : null}
          {t("transcript.searchButton")}
        </button>
        {query ? (
          <button type="button" onClick={clear} className={buttonClass("secondary")}>
            {t("transcript.searchClear")}
          </button>
        ) : null}
      </form>
      <p
        id={hintId}
        className={error ? "text-sm text-red-700" : "text-xs text-slate-500"}
        role={error ? "alert" : undefined}
      >
        {error ?? t("transcript.searchHint")}
      </p>
      {query && search.isPending ? (
        <div className="space-y-2" aria-label={t("common.loading")}>
          <Skeleton className="h-14 w-full" />
          <Skeleton className="h-14 w-full" />
        </div>
      ) : null}
      {search.isError ? (
        <Alert testId="transcript-search-error">{describeError(t, search.error)}</Alert>
      ) : null}
      {query && search.data && items.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="transcript-search-empty">
          {t("transcript.searchEmpty")}
        </p>
      ) : null}
      {items.length > 0 ? (
        <div className="space-y-2">
          <h2 className="text-sm font-semibold text-slate-900">{t("transcript.searchResults")}</h2>
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {items.map((item) => {
              const who =
                item.clientName ??
                formatPhone(
                  item.direction === "OUT" ? (item.toNumber ?? "") : (item.fromNumber ?? ""),
                );
              return (
                <li
                  key={item.callId}
                  className="flex flex-wrap items-start gap-3 p-3"
                  data-testid="transcript-hit"
                >
                  <div className="min-w-0 flex-1 space-y-1">
                    <p className="text-xs text-slate-500">
                      {dateFormat.format(item.startedAt)} · {who}
                      {item.managerName ? ` · ${item.managerName}` : ""}
                      {item.hits > 1 ? ` · ${t("transcript.moreHits", { count: item.hits })}` : ""}
                    </p>
                    <p className="text-sm text-slate-900">
                      {item.parts.map((part, i) =>
                        part.isHit ? (
                          <mark key={i} className="rounded bg-amber-200 px-0.5 text-slate-900">
                            {part.text}
                          </mark>
                        ) : (
                          <span key={i}>{part.text}</span>
                        ),
                      )}
                    </p>
                  </div>
                  <Link
                    href={`/calls/${item.callId}?t=${item.atSec}`}
                    className={buttonClass("secondary", "sm")}
                    data-testid="transcript-hit-play"
                  >
                    {t("transcript.playFrom", { time: formatDuration(item.atSec) })}
                  </Link>
                </li>
              );
            })}
          </ul>
          {search.hasNextPage ? (
            <button
              type="button"
              onClick={() => void search.fetchNextPage()}
              disabled={search.isFetchingNextPage}
              className={buttonClass("secondary", "sm")}
            >
              {search.isFetchingNextPage ? <Spinner className="size-4" /> : null}
              {t("transcript.loadMore")}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
