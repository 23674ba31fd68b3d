import type { enApi } from "@/lib/i18n/messages/en-api";
import type { PartMessages, RussianPluralForms } from "@/lib/i18n/translate";

// Russian texts of the API keys settings page; merged into ru.ts.
export const ruApi: PartMessages<typeof enApi, RussianPluralForms> = {
  "settings.apiKeys": "API-ключи",
  "apiKeys.description":
    "Ключи позволяют вашей CRM или BI-системе работать с API Пульта от имени всей организации: клиенты, менеджеры, звонки, записи и отчёты.",
  "apiKeys.create": "Создать ключ",
  "apiKeys.loadFailed": "Не удалось загрузить API-ключи.",
  "apiKeys.colName": "Название",
  "apiKeys.colKey": "Ключ",
  "apiKeys.colCreated": "Создан",
  "apiKeys.colLastUsed": "Использовался",
  "apiKeys.colExpires": "Действует до",
  "apiKeys.colStatus": "Статус",
  "apiKeys.colActions": "Действия",
  "apiKeys.createdBy": "{name}",
  "apiKeys.createdByEnv": "из PULT_API_KEY",
  "apiKeys.never": "Никогда",
  "apiKeys.noExpiry": "Бессрочно",
  "apiKeys.statusActive": "Активен",
  "apiKeys.statusRevoked": "Отозван",
  "apiKeys.statusExpired": "Истёк",
  "apiKeys.revoke": "Отозвать",
  "apiKeys.revokeLabel": "Отозвать ключ {name}",
  "apiKeys.revokeTitle": "Отозвать «{name}»?",
  "apiKeys.revokeBody":
    "Интеграции с этим ключом сразу перестанут работать: следующий запрос получит 401. Отменить это нельзя.",
  "apiKeys.revokeConfirm": "Отозвать ключ",
  "apiKeys.revoking": "Отзываем…",
  "apiKeys.revoked": "Ключ «{name}» отозван.",
  "apiKeys.revokeFailed": "Не удалось отозвать ключ.",
  "apiKeys.dialogTitle": "Новый API-ключ",
  "apiKeys.dialogBody": "Назовите ключ по месту использования, например «amoCRM».",
  "apiKeys.fieldName": "Название",
  "apiKeys.fieldExpires": "Действует до (необязательно)",
  "apiKeys.fieldExpiresHint":
    "Ключ перестанет работать в конце этого дня. Оставьте пустым для бессрочного ключа.",
  "apiKeys.expiresInPast": "Выберите дату в будущем.",
  "apiKeys.creating": "Создаём…",
  "apiKeys.createSubmit": "Создать ключ",
  "apiKeys.createdTitle": "Новый ключ «{name}»",
  "apiKeys.keyLabel": "API-ключ",
  "apiKeys.onceWarning":
    "Скопируйте ключ сейчас и сохраните в надёжном месте. Больше вы его не увидите: Пульт хранит только его отпечаток.",
  "apiKeys.copyFailed": "Браузер не дал скопировать; ключ выделен, нажмите Ctrl+C.",
  "apiKeys.emptyTitle": "API-ключей пока нет",
  "apiKeys.emptyBody":
    "Создайте ключ и передавайте его в заголовке Authorization. Например, список менеджеров:",
  "apiKeys.docsLink": "Описание API (OpenAPI 3.1)",
  "apiKeys.usageTitle": "Как использовать ключ",
  "apiKeys.usageBody": "Передавайте ключ как bearer-токен в каждом запросе:",
};
