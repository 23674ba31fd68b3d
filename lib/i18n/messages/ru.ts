import type { Messages, RussianPluralForms } from "@/lib/i18n/translate";
import { ruApi } from "@/lib/i18n/messages/ru-api";
import { ruWebhooks } from "@/lib/i18n/messages/ru-webhooks";
import { ruCalls } from "@/lib/i18n/messages/ru-calls";
import { ruClients } from "@/lib/i18n/messages/ru-clients";
import { ruFeed } from "@/lib/i18n/messages/ru-feed";
import { ruLive } from "@/lib/i18n/messages/ru-live";
import { ruOrg } from "@/lib/i18n/messages/ru-org";
import { ruPbx } from "@/lib/i18n/messages/ru-pbx";
import { ruRecordings } from "@/lib/i18n/messages/ru-recordings";
import { ruReports } from "@/lib/i18n/messages/ru-reports";
import { ruRouting } from "@/lib/i18n/messages/ru-routing";
import { ruTalk } from "@/lib/i18n/messages/ru-talk";
import { ruTranscripts } from "@/lib/i18n/messages/ru-transcripts";
import { ruTasks } from "@/lib/i18n/messages/ru-tasks";
import { ruQuality } from "@/lib/i18n/messages/ru-quality";
import { ruScripts } from "@/lib/i18n/messages/ru-scripts";

export const ru: Messages<RussianPluralForms> = {
  "app.name": "Pult",
  "app.tagline": "Консоль контакт-центра для МТТ Бизнес",

  "common.cancel": "Отмена",
  "common.close": "Закрыть",
  "common.copy": "Копировать",
  "common.copied": "Скопировано",
  "common.done": "Готово",
  "common.retry": "Повторить",
  "common.loading": "Загрузка…",
  "common.skipToContent": "Перейти к содержимому",
  "common.toConsole": "Перейти в консоль",
  "common.none": "—",
  "common.search": "Поиск",
  "common.noMatches": "Ничего не найдено",
  "common.clearSelection": "Сбросить: {label}",

  "language.label": "Язык",
  "language.ru": "Русский",
  "language.en": "English",
  "language.saveFailed": "Не удалось сохранить выбор языка. Попробуйте ещё раз.",

  "role.ADMIN": "Администратор",
  "role.SUPERVISOR": "Супервайзер",
  "role.MANAGER": "Менеджер",

  "status.INVITED": "Приглашён",
  "status.ACTIVE": "Активен",
  "status.DISABLED": "Отключён",

  "error.UNAUTHENTICATED": "Сеанс завершён. Войдите снова.",
  "error.FORBIDDEN": "У вас нет прав на это действие.",
  "error.NOT_FOUND": "Этой записи больше нет. Обновите страницу.",
  "error.CONFLICT": "Кто-то изменил это одновременно с вами. Обновите страницу и повторите.",
  "error.GONE": "Это больше недоступно.",
  "error.VALIDATION": "Проверьте отмеченные поля.",
  "error.PAYLOAD_TOO_LARGE": "Файл или запрос слишком велик.",
  "error.UNSUPPORTED_MEDIA_TYPE": "Этот тип файла не поддерживается.",
  "error.RATE_LIMITED": "Слишком много запросов. Подождите немного и повторите.",
  "error.LAST_ADMIN": "В компании должен остаться хотя бы один активный администратор.",
  "error.SELF_ACTION": "Это действие нельзя выполнить со своей учётной записью.",
  "error.EMAIL_TAKEN": "Пользователь с таким email уже есть.",
  "error.ALREADY_EVALUATED": "Вы уже оценили этот звонок. Ваша оценка — ниже.",
  "error.CALL_NOT_EVALUABLE": "Оценить можно только отвеченный звонок с менеджером и записью.",
  "error.INVITE_INVALID": "Ссылка-приглашение недействительна, устарела или уже использована.",
  "error.RECORDING_NOT_STORED": "У звонка ещё нет скачанной записи для анализа.",
  "error.UNAVAILABLE": "Сервис временно недоступен. Повторите через минуту.",
  "error.INTERNAL": "Что-то пошло не так на нашей стороне. Повторите попытку.",
  "error.NETWORK": "Нет связи с Pult. Проверьте подключение и повторите.",

  "validation.required": "Заполните это поле.",
  "validation.email": "Введите email, например name@company.ru.",
  "validation.passwordTooShort": {
    one: "Не короче {count} символа.",
    few: "Не короче {count} символов.",
    many: "Не короче {count} символов.",
    other: "Не короче {count} символа.",
  },
  "validation.tooLong": "Слишком длинное значение.",
  "validation.invalid": "Проверьте это значение.",

  "signin.metaTitle": "Вход",
  "signin.title": "Вход в Pult",
  "signin.subtitle": "Используйте рабочий email, на который пришло приглашение.",
  "signin.email": "Email",
  "signin.password": "Пароль",
  "signin.submit": "Войти",
  "signin.submitting": "Входим…",
  "signin.or": "или",
  "signin.sso": "Войти через {provider}",
  "signin.noAccount": "Учётные записи создаются по приглашению. Попросите ссылку у администратора.",
  "signin.error.invalid_credentials": "Неверный email или пароль.",
  "signin.error.rate_limited": {
    one: "Слишком много попыток. Повторите через {count} секунду.",
    few: "Слишком много попыток. Повторите через {count} секунды.",
    many: "Слишком много попыток. Повторите через {count} секунд.",
    other: "Слишком много попыток. Повторите через {count} секунды.",
  },
  "signin.error.rate_limited_soon": "Слишком много попыток. Повторите чуть позже.",
  "signin.error.missing_fields": "Введите email и пароль.",
  "signin.error.disabled": "Ваша учётная запись отключена. Обратитесь к администратору.",
  "signin.error.sso_not_invited":
    "Для этого email нет учётной записи в Pult. Попросите администратора пригласить вас.",
  "signin.error.sso_failed": "Не удалось войти через единый вход. Повторите или войдите с паролем.",

  "invite.metaTitle": "Принять приглашение",
  "invite.title": "Присоединяйтесь к «{company}» в Pult",
  "invite.intro": "Укажите, как коллеги будут видеть ваше имя, и задайте пароль.",
  "invite.email": "Email",
  "invite.name": "Ваше имя",
  "invite.password": "Пароль",
  "invite.passwordHint": {
    one: "Не короче {count} символа.",
    few: "Не короче {count} символов.",
    many: "Не короче {count} символов.",
    other: "Не короче {count} символа.",
  },
  "invite.confirm": "Повторите пароль",
  "invite.mismatch": "Пароли не совпадают.",
  "invite.submit": "Создать учётную запись и войти",
  "invite.submitting": "Создаём учётную запись…",
  "invite.signingIn": "Учётная запись создана. Выполняем вход…",
  "invite.invalidTitle": "Ссылка-приглашение не работает",
  "invite.invalidBody":
    "Возможно, срок её действия истёк или она уже использована. Попросите у администратора новую ссылку.",
  "invite.toSignin": "Перейти ко входу",

  "nav.label": "Основная навигация",
  "nav.live": "Онлайн",
  "nav.calls": "Звонки",
  "nav.clients": "Клиенты",
  "nav.routing": "Маршрутизация",
  "nav.reports": "Отчёты",
  "nav.quality": "Качество",
  "nav.tasks": "Задачи",
  "nav.tasksOpen": "Открытых задач на перезвон: {count}",
  "nav.settings": "Настройки",
  "nav.openMenu": "Открыть навигацию",
  "nav.closeMenu": "Закрыть навигацию",

  "userMenu.button": "Меню учётной записи: {name}",
  "userMenu.profile": "Настройки профиля",
  "userMenu.signOut": "Выйти",

  "setup.needPbxAdmin":
    "Сначала подключите АТС МТТ вашей компании в разделе Настройки\u00a0→ Телефония.",
  "setup.openTelephony": "Открыть настройки телефонии",
  "setup.needPbxOther": "Сначала администратор должен подключить АТС МТТ вашей компании.",

  "calls.title": "Звонки",
  "calls.emptyTitle": "История звонков пока пуста",
  "calls.emptyBody":
    "Здесь будут все входящие и исходящие звонки с результатом, длительностью и записью разговора, с поиском по номеру, клиенту и менеджеру.",
  "clients.title": "Клиенты",
  "clients.emptyTitle": "Клиентов пока нет",
  "clients.emptyBody":
    "Клиенты определяются по номерам телефонов. Здесь вы закрепите каждого клиента за менеджером, чтобы у менеджера открывалась карточка клиента, а звонки шли прямо к нему.",
  "routing.title": "Маршрутизация",
  "routing.emptyTitle": "Правил маршрутизации пока нет",
  "routing.emptyBody":
    "Правила решают, куда направить ожидающий звонок: закреплённому менеджеру, в группу или первому свободному. Редактору правил нужны рабочие места и номера из АТС.",
  "reports.title": "Отчёты",
  "reports.emptyTitle": "Отчётов пока нет",
  "reports.emptyBody":
    "Отчёты по принятым и пропущенным звонкам, времени ожидания и нагрузке каждого менеджера строятся по истории звонков и заполнятся, когда звонки начнут поступать.",

  "settings.title": "Настройки",
  "settings.navLabel": "Разделы настроек",
  "settings.profile": "Профиль",
  "settings.users": "Пользователи",
  "settings.telephony": "Телефония",
  "settings.workplaces": "Рабочие места",

  "profile.description": "Ваша учётная запись в «{company}».",
  "profile.name": "Имя",
  "profile.email": "Email",
  "profile.role": "Роль",
  "profile.language": "Язык интерфейса",
  "profile.languageHint": "Pult запомнит этот выбор для вашей учётной записи на всех устройствах.",

  "users.description": "Кто может входить в Pult, их роли и доступ.",
  "users.invite": "Пригласить",
  "users.count": {
    one: "{count} пользователь",
    few: "{count} пользователя",
    many: "{count} пользователей",
    other: "{count} пользователя",
  },
  "users.colName": "Имя",
  "users.colEmail": "Email",
  "users.colRole": "Роль",
  "users.colStatus": "Статус",
  "users.colWorkplace": "Рабочее место",
  "users.colLastLogin": "Последний вход",
  "users.colActions": "Действия",
  "users.never": "Никогда",
  "users.you": "Вы",
  "users.roleFor": "Роль пользователя {name}",
  "users.roleSaved": "{name}: роль изменена на «{role}».",
  "users.disable": "Отключить",
  "users.enable": "Включить",
  "users.newLink": "Новая ссылка",
  "users.emptyTitle": "Пользователей пока нет",
  "users.emptyBody": "Пригласите супервайзеров и менеджеров, чтобы дать им доступ.",
  "users.loadFailed": "Не удалось загрузить пользователей.",
  "users.disableTitle": "Отключить пользователя {name}?",
  "users.disableBody":
    "Пользователь выйдет из Pult и не сможет войти, пока вы снова его не включите. Его звонки и история сохранятся.",
  "users.disableConfirm": "Отключить",
  "users.enableTitle": "Включить пользователя {name}?",
  "users.enableBody": "Пользователь снова сможет входить в Pult со своим паролем.",
  "users.enableConfirm": "Включить",
  "users.disabledNotice": "Пользователь {name} отключён.",
  "users.enabledNotice": "Пользователь {name} включён.",

  "invite.dialogTitle": "Пригласить пользователя",
  "invite.dialogBody": "Pult не отправляет письма: вы получите ссылку и передадите её сами.",
  "invite.fieldEmail": "Рабочий email",
  "invite.fieldName": "Имя и фамилия",
  "invite.fieldRole": "Роль",
  "invite.create": "Создать ссылку",
  "invite.creating": "Создаём…",
  "invite.linkTitle": "Ссылка-приглашение для {name}",
  "invite.linkBody":
    "Отправьте эту ссылку на {email}. Ею можно воспользоваться один раз, она действует до {expires}.",
  "invite.linkLabel": "Ссылка-приглашение",
  "invite.newLinkTitle": "Новая ссылка-приглашение для {name}",
  "invite.newLinkBody": "Прежняя ссылка больше не работает.",
  "invite.copyFailed": "Не удалось скопировать автоматически. Выделите ссылку и скопируйте её.",

  "forbidden.title": "Нет доступа к этой странице",
  "forbidden.body":
    "Её могут открыть только администраторы. Если вам нужен доступ, обратитесь к администратору.",
  "notFound.title": "Страница не найдена",
  "notFound.body": "Возможно, в адресе опечатка или страница переехала.",
  "errorPage.title": "Что-то пошло не так",
  "errorPage.body":
    "Не удалось показать страницу. Повторите попытку; если ошибка повторяется, сообщите администратору.",
  "errorPage.reference": "Код для поддержки: {digest}",
  ...ruPbx,
  ...ruApi,
  ...ruWebhooks,
  ...ruRouting,
  ...ruLive,
  ...ruClients,
  ...ruOrg,
  ...ruRecordings,
  ...ruTalk,
  ...ruTranscripts,
  ...ruReports,
  ...ruTasks,
  ...ruCalls,
  ...ruFeed,
  ...ruQuality,
  ...ruScripts,
};
