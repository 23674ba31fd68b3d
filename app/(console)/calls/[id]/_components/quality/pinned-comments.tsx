"use client";

import { useId, useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { allCriteria } from "@/lib/quality/scoring";
import type { PinnedComment, ScorecardContent } from "@/lib/schemas/quality";
import { buttonClass } from "@/lib/ui/button-styles";
import { formatDuration } from "@/lib/ui/format-duration";
import { inputClass } from "@/lib/ui/input-styles";
import { usePlayerLink } from "@/app/(console)/_components/recording-player/player-link";

type PinnedCommentsProps = {
  content: ScorecardContent;
  comments: PinnedComment[];
  onChange: (comments: PinnedComment[]) => void;
};

/** Comments pinned to the player's current moment; a click on the time seeks back to it. */
export function PinnedComments({ content, comments, onChange }: PinnedCommentsProps) {
  const { t } = useI18n();
  const link = usePlayerLink();
  const textId = useId();
  const [text, setText] = useState("");
  const [criterionId, setCriterionId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const at = link?.position ?? 0;
  const criteria = allCriteria(content);

  const pin = () => {
    if (!text.trim()) {
      setError(t("quality.form.commentRequired"));
      return;
    }
    const next = [
      ...comments,
      { atSec: Math.round(at * 10) / 10, text: text.trim(), criterionId: criterionId || null },
    ];
    onChange(next.sort((a, b) => a.atSec - b.atSec));
    setText("");
    setError(null);
  };

  return (
    <fieldset className="space-y-2" data-testid="pinned-comments">
      <legend className="text-sm font-semibold text-slate-900">
        {t("quality.form.commentsHeading")}
      </legend>
      <p className="text-xs text-slate-500">{t("quality.form.commentsHint")}</p>
      <label htmlFor={textId} className="sr-only">
        {t("quality.form.commentText")}
      </label>
      <textarea
        id={textId}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            pin();
          }
        }}
        rows={2}
        maxLength={2000}
        placeholder={t("quality.form.commentPlaceholder")}
        className={inputClass(error !== null, "w-full py-2")}
        aria-invalid={error !== null || undefined}
        data-testid="comment-text"
      />
      {error ? (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <select
          value={criterionId}
          onChange={(e) => setCriterionId(e.target.value)}
          className={inputClass(false, "h-8 max-w-56 text-sm")}
          aria-label={t("quality.form.commentCriterion")}
        >
          <option value="">{t("quality.form.commentNoCriterion")}</option>
          {criteria.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={pin}
          className={buttonClass("secondary", "sm")}
          data-testid="comment-pin"
        >
          {t("quality.form.pinAt", { time: formatDuration(at) })}
        </button>
      </div>
      {comments.length > 0 ? (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {comments.map((comment, index) => (
            <li
              key={`${comment.atSec}-${index}`}
              className="flex items-start gap-2 px-2 py-1.5 text-sm"
              data-testid="draft-comment"
            >
              <button
                type="button"
                onClick={() => link?.seek(comment.atSec)}
                className="text-brand-700 font-medium tabular-nums hover:underline"
                aria-label={t("quality.form.seekTo", { time: formatDuration(comment.atSec) })}
              >
                {formatDuration(comment.atSec)}
              </button>
              <span className="min-w-0 flex-1 break-words text-slate-800">{comment.text}</span>
              <button
                type="button"
                onClick={() => onChange(comments.filter((_, i) => i !== index))}
                className="text-xs text-slate-500 hover:text-red-700"
              >
                {t("quality.form.removeComment")}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
