// After a failed submit, move focus to the first field with an error so keyboard and
// screen-reader users land where the problem is.
export function focusFirstError(
  form: HTMLFormElement,
  order: readonly string[],
  errors: Partial<Record<string, string | undefined>>,
): void {
  const name = order.find((field) => errors[field]);
  if (!name) return;
  const element = form.elements.namedItem(name);
  if (element instanceof HTMLElement) element.focus();
}
