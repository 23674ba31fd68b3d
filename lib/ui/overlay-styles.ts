// One look for every floating surface (popover, menu, list of options).
export const popoverClass =
  "rounded-lg border border-slate-200 bg-white shadow-lg outline-none data-[placement=bottom]:mt-1";

export const tooltipClass =
  "max-w-64 rounded-md bg-slate-900 px-3 py-2 text-xs text-white shadow-lg";

// A row of a listbox or menu: keyboard focus and hover look the same.
export const optionClass =
  "flex cursor-default items-center gap-2 rounded-md px-3 py-2 text-sm text-slate-800 outline-none data-[focused]:bg-slate-100 data-[hovered]:bg-slate-100 data-[disabled]:text-slate-400";
