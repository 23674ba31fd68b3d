// The player's own glyphs (stroke icons in the style of lib/ui/icon).
const paths = {
  play: "M7 4.5v15l12.5-7.5z",
  pause: "M8 4.5v15M16 4.5v15",
  back: "M11 17 6 12l5-5M6 12h9a4 4 0 0 1 0 8h-1",
  forward: "m13 17 5-5-5-5M18 12H9a4 4 0 0 0 0 8h1",
  volume: "M11 5 6 9H2v6h4l5 4zM15.5 8.5a5 5 0 0 1 0 7M19 5a10 10 0 0 1 0 14",
  muted: "M11 5 6 9H2v6h4l5 4zM22 9l-6 6M16 9l6 6",
  download: "M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4M7 10l5 5 5-5M12 15V3",
} as const;

export type PlayerIconName = keyof typeof paths;

export function PlayerIcon({ name, className }: { name: PlayerIconName; className?: string }) {
  const isFilled = name === "play";
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden="true"
      className={className ?? "size-5"}
      fill={isFilled ? "currentColor" : "none"}
      stroke="currentColor"
      strokeWidth={isFilled ? 1 : 2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={paths[name]} />
    </svg>
  );
}
