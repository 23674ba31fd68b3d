"use client";

import {
  Autocomplete,
  Button,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  SearchField,
  Select,
  SelectValue,
  useFilter,
  type Key,
} from "react-aria-components";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { cn } from "@/lib/ui/cn";
import { Icon } from "@/lib/ui/icon";
import { optionClass, popoverClass } from "@/lib/ui/overlay-styles";
import { selectionSummary } from "@/lib/ui/selection-summary";

export type MultiSelectOption = { id: string; label: string };

type MultiSelectProps = {
  label: string;
  options: readonly MultiSelectOption[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  /** Shown when nothing is picked, e.g. "All managers": an empty choice means no filter. */
  emptyText: string;
  testId?: string;
  className?: string;
};

// Longer lists get a search field at the top of the popover (a combobox over the list).
const SEARCH_FROM = 8;

/**
 * React Aria's Select in multiple mode: a button that opens a popover list with checkmarks
 * (arrows move, Space/Enter toggle, typing searches, Escape closes), plus a clear button.
 */
export function MultiSelect({
  label,
  options,
  selected,
  onChange,
  emptyText,
  testId,
  className,
}: MultiSelectProps) {
  const { t } = useI18n();
  const { contains } = useFilter({ sensitivity: "base" });
  const labels = new Map(options.map((o) => [o.id, o.label]));
  const summary = selectionSummary(
    selected.map((id) => labels.get(id) ?? id),
    emptyText,
  );
  const list = (
    <ListBox
      items={options}
      className="max-h-72 overflow-y-auto p-1 outline-none"
      renderEmptyState={() => (
        <p className="px-3 py-2 text-sm text-slate-500">{t("common.noMatches")}</p>
      )}
    >
      {(option) => (
        <ListBoxItem id={option.id} textValue={option.label} className={optionClass}>
          {({ isSelected }) => (
            <>
              <span
                aria-hidden
                className={cn(
                  "flex size-4 shrink-0 items-center justify-center rounded border",
                  isSelected ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300",
                )}
              >
                {isSelected ? <Icon name="check" className="size-3" /> : null}
              </span>
              <span className="min-w-0 flex-1 truncate">{option.label}</span>
            </>
          )}
        </ListBoxItem>
      )}
    </ListBox>
  );
  return (
    <div className={cn("min-w-0", className)}>
      <Select
        selectionMode="multiple"
        value={[...selected]}
        onChange={(keys: Key[]) => onChange(keys.map(String))}
        className="min-w-0"
      >
        <Label className="mb-1 block text-xs font-medium text-slate-600">{label}</Label>
        <div className="flex min-w-0 gap-1">
          <Button
            data-testid={testId}
            className="data-[focus-visible]:outline-brand-600 flex h-9 min-w-0 flex-1 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-left text-sm text-slate-900 shadow-sm hover:border-slate-400 data-[focus-visible]:outline-2 data-[focus-visible]:outline-offset-2"
          >
            <SelectValue className="min-w-0 flex-1 truncate">
              {() => <SummaryText text={summary} isEmpty={selected.length === 0} />}
            </SelectValue>
            <Icon name="chevronDown" className="size-4 text-slate-500" />
          </Button>
          {selected.length > 0 ? (
            <button
              type="button"
              onClick={() => onChange([])}
              aria-label={t("common.clearSelection", { label })}
              data-testid={testId ? `${testId}-clear` : undefined}
              className="flex size-9 shrink-0 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-800"
            >
              <Icon name="close" className="size-4" />
            </button>
          ) : null}
        </div>
        <Popover className={cn(popoverClass, "flex w-(--trigger-width) min-w-64 flex-col")}>
          {options.length >= SEARCH_FROM ? (
            <Autocomplete filter={contains}>
              <SearchField
                aria-label={t("common.search")}
                className="border-b border-slate-100 p-2"
              >
                <Input
                  placeholder={t("common.search")}
                  className="focus:border-brand-500 h-8 w-full rounded-md border border-slate-300 px-2 text-sm outline-none"
                />
              </SearchField>
              {list}
            </Autocomplete>
          ) : (
            list
          )}
        </Popover>
      </Select>
    </div>
  );
}

function SummaryText({ text, isEmpty }: { text: string; isEmpty: boolean }) {
  return <span className={isEmpty ? "text-slate-500" : undefined}>{text}</span>;
}
