import type { enFeed } from "@/lib/i18n/messages/en-feed";
import type { PartMessages, RussianPluralForms } from "@/lib/i18n/translate";

// Russian texts of the notification feed health banner; merged into ru.ts.
export const ruFeed: PartMessages<typeof enFeed, RussianPluralForms> = {
  "feed.gap.title": "Часть звонков может отсутствовать",
  "feed.gap.DOWNTIME":
    "Pult не получал уведомления о звонках от АТС с {since} дольше, чем АТС повторяет их отправку. Звонки за это время дополняются из истории звонков АТС.",
  "feed.gap.MISSING_CALLS":
    "В истории звонков АТС есть звонки с {since}, о которых Pult не получил уведомлений. Они дополняются из истории.",
  "feed.gap.reconciling": "Сейчас дополняем звонки из истории АТС…",
  "feed.gap.waiting": "Pult сверяется с историей звонков АТС каждые 5 минут.",
  "feed.gap.lastError": "Последняя попытка в {time} не удалась; Pult скоро повторит её.",
  "feed.gap.lastReconciled": "Последняя сверка с историей АТС: {time}.",
};
