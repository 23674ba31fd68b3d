import type { enOrg } from "@/lib/i18n/messages/en-org";
import type { PartMessages, RussianPluralForms } from "@/lib/i18n/translate";

// Russian texts of the organization settings page; merged into ru.ts.
export const ruOrg: PartMessages<typeof enOrg, RussianPluralForms> = {
  "settings.organization": "Организация",
  "org.description":
    "Настройки для всех сотрудников {company}: часовой пояс для расписаний и отчётов, обработка неизвестных номеров, уровень сервиса и хранение записей.",
  "org.name": "Название организации",
  "org.timeZone": "Часовой пояс",
  "org.timeZoneHint":
    "В этом часовом поясе работают расписания маршрутизации, «сегодня» на онлайн-доске и периоды отчётов.",
  "org.timeZoneInvalid": "Выберите часовой пояс из списка",
  "org.clientsHeading": "Звонящие",
  "org.autoCreateClients": "Создавать карточку клиента для каждого неизвестного номера",
  "org.autoCreateClientsHint":
    "Выключено: звонки с неизвестных номеров остаются «неизвестными», пока кто-то не создаст клиента. Включено: при первом звонке создаётся карточка с номером в качестве имени.",
  "org.defaultOwner": "Ответственный за перезвоны по умолчанию",
  "org.defaultOwnerHint":
    "Получает задачу перезвонить, если пропущен звонок клиента без персонального менеджера.",
  "org.defaultOwnerNone": "Никто (задачи без исполнителя)",
  "org.serviceLevelHeading": "Уровень сервиса",
  "org.serviceLevelSec": "Ответ в течение, секунд",
  "org.serviceLevelHint":
    "Уровень сервиса — доля входящих звонков, отвеченных за это время. Используется в отчётах и на онлайн-доске.",
  "org.serviceLevelInvalid": "Введите целое число секунд от 1 до 600",
  "org.recordingsHeading": "Записи разговоров",
  "org.retentionKeep": "Хранить записи бессрочно",
  "org.retentionDays": "Удалять аудио старше, дней",
  "org.retentionHint":
    "Ежедневная задача удаляет старое аудио, сохраняя сведения о звонке и записи. МТТ хранит свою копию записей 90 дней после отключения услуги.",
  "org.retentionInvalid": "Введите целое число дней от 1 до 3650",
  "org.nameRequired": "Введите название организации",
  "org.save": "Сохранить настройки",
  "org.saving": "Сохранение…",
  "org.saved": "Настройки сохранены.",
  "org.unsaved": "Есть несохранённые изменения.",
  "org.loadFailed": "Не удалось загрузить настройки организации.",
};
