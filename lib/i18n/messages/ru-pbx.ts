import type { enPbx } from "@/lib/i18n/messages/en-pbx";
import type { PartMessages, RussianPluralForms } from "@/lib/i18n/translate";

// Russian texts of Settings → Telephony and Workplaces; merged into ru.ts.
export const ruPbx: PartMessages<typeof enPbx, RussianPluralForms> = {
  "telephony.title": "АТС МТТ Бизнес",
  "telephony.description":
    "Подключите Pult к виртуальной АТС МТТ Бизнес вашей компании: Pult загрузит рабочие места и номера и будет получать каждый звонок в момент его поступления.",
  "telephony.loadFailed": "Не удалось загрузить настройки телефонии.",
  "telephony.rejected.title": "Отклонённые уведомления",
  "telephony.rejected.description":
    "Уведомления АТС, которые Pult не смог принять (повреждённые или неполные). АТС не присылает их повторно.",
  "telephony.rejected.empty": "Нет: все уведомления АТС приняты.",
  "telephony.connectionTitle": "Подключение",
  "telephony.status.NOT_CONNECTED": "Не подключена",
  "telephony.status.CONNECTED": "Подключена",
  "telephony.status.NEEDS_REAUTH": "Нужна повторная авторизация",
  "telephony.status.ERROR": "Ошибка",
  "telephony.statusText.NOT_CONNECTED":
    "Pult ещё не подключён к АТС. Выполните шаги ниже — это займёт около пяти минут.",
  "telephony.statusText.CONNECTED":
    "Pult подключён к АТС: получает уведомления о звонках и поддерживает актуальными рабочие места и номера.",
  "telephony.statusText.NEEDS_REAUTH":
    "МТТ больше не принимает авторизацию Pult, поэтому звонки не поступают. Администратору нужно снова войти в МТТ.",
  "telephony.statusText.ERROR":
    "Последний обмен данными с МТТ завершился ошибкой. Посмотрите её ниже; если она повторяется, авторизуйтесь заново.",
  "telephony.simulator": "Демо-симулятор АТС",
  "telephony.simulatorHint":
    "Подключён симулятор АТС, встроенный в Pult: звонки генерируются для демонстрации и не настоящие.",
  "telephony.reauthNeededTitle": "Снова авторизуйте Pult в МТТ",
  "telephony.reauthSoonTitle": "Авторизация в МТТ истекает в ближайшие 24 часа",
  "telephony.reauthBody":
    "Pult продлевает доступ к МТТ автоматически, но если продлить не удалось, МТТ через несколько дней требует войти заново. Войдите в МТТ ещё раз, чтобы звонки продолжали поступать.",
  "telephony.reauthorize": "Авторизовать заново",
  "telephony.accessExpires": "Токен доступа истекает",
  "telephony.refreshExpires": "Авторизация действует до",
  "telephony.lastNotification": "Последнее уведомление",
  "telephony.lastSync": "Последняя синхронизация",
  "telephony.feedFilled": "Дополнено из истории АТС",
  "telephony.feedLastReconciled": "последняя проверка {time}",
  "telephony.feedClosed": "Закрыто Пультом",
  "telephony.feedLastClosed": "АТС не сообщила о завершении; последний {time}",
  "telephony.feedClosedHint": "звонки, о завершении которых АТС не сообщила",
  "telephony.lastError": "Последняя ошибка",
  "telephony.noneYet": "Пока не было",
  "telephony.countsSummary": "{workplaces} · {terminals} · {numbers}",
  "telephony.workplacesCount": {
    one: "{count} рабочее место",
    few: "{count} рабочих места",
    many: "{count} рабочих мест",
    other: "{count} рабочего места",
  },
  "telephony.terminalsCount": {
    one: "{count} терминал",
    few: "{count} терминала",
    many: "{count} терминалов",
    other: "{count} терминала",
  },
  "telephony.numbersCount": {
    one: "{count} номер",
    few: "{count} номера",
    many: "{count} номеров",
    other: "{count} номера",
  },
  "telephony.syncNow": "Синхронизировать",
  "telephony.syncing": "Синхронизация…",
  "telephony.syncStep.queued": "Запускаем синхронизацию…",
  "telephony.syncStep.fetching": "Получаем рабочие места и номера из МТТ…",
  "telephony.syncStep.saving": "Сохраняем структуру в Pult…",
  "telephony.syncDone": "Синхронизировано: {workplaces}, {terminals}, {numbers}.",
  "telephony.syncFailed":
    "Синхронизация не завершилась. Повторите через минуту; если ошибка повторяется, авторизуйтесь заново.",
  "telephony.openWorkplaces": "Открыть рабочие места",
  "telephony.disconnect": "Отключить",
  "telephony.disconnectTitle": "Отключить АТС МТТ?",
  "telephony.disconnectBody":
    "Pult удалит доступ к МТТ и перестанет получать звонки. Рабочие места, номера и история звонков останутся в Pult. Подключиться снова можно в любой момент.",
  "telephony.disconnectConfirm": "Отключить",
  "telephony.disconnecting": "Отключаем…",
  "telephony.disconnectedNotice": "АТС отключена.",
  "telephony.connect": "Подключить МТТ",
  "telephony.connecting": "Открываем МТТ…",
  "telephony.connectedTitle": "АТС подключена",
  "telephony.connectedBody":
    "Pult загружает рабочие места и номера; затем привяжите каждое рабочее место к менеджеру.",
  "telephony.connectFailedTitle": "Не удалось подключиться к МТТ",
  "telephony.connectError.state_mismatch":
    "Ссылка для входа устарела или была открыта дважды. Нажмите «Подключить», чтобы начать заново.",
  "telephony.connectError.access_denied":
    "Вход в МТТ был отменён. Нажмите «Подключить», когда будете готовы.",
  "telephony.connectError.invalid_grant":
    "МТТ не принял вход (код уже использован или истёк). Нажмите «Подключить», чтобы начать заново.",
  "telephony.connectError.invalid_client":
    "МТТ отклонил Client ID или секрет. Скопируйте их заново из интеграции в личном кабинете МТТ, сохраните и подключитесь.",
  "telephony.connectError.unreachable":
    "Pult не смог связаться с сервером входа МТТ. Проверьте OAuth URL в разделе «Дополнительно» или повторите через несколько минут.",
  "telephony.connectError.unknown": "При подключении что-то пошло не так. Попробуйте ещё раз.",
  "telephony.connectErrorDetail": "Подробности: {detail}",
  "telephony.credentialsTitle": "Интеграция МТТ",
  "telephony.credentialsDescription":
    "Pult входит в вашу АТС через интеграцию, которую администратор создаёт в личном кабинете МТТ Бизнес.",
  "telephony.stepsLabel": "Как подключить",
  "telephony.step1":
    "В личном кабинете МТТ Бизнес откройте Услуги → «Открытое API» → «Мои интеграции» и создайте интеграцию.",
  "telephony.step2": "Вставьте в интеграцию этот Redirect URI.",
  "telephony.redirectUri": "Redirect URI",
  "telephony.redirectUriHint":
    "На этот адрес МТТ также присылает уведомления о звонках. В нём есть секретный ключ — не передавайте его посторонним.",
  "telephony.copyFailed": "Не удалось скопировать автоматически. Выделите адрес и скопируйте его.",
  "telephony.step3":
    "Нажмите «Сгенерировать» в кабинете, вставьте Client ID и секрет в эту форму и сохраните.",
  "telephony.step4":
    "Нажмите «Подключить» и войдите в МТТ. Вы вернётесь сюда, а Pult загрузит рабочие места и номера.",
  "telephony.clientId": "Client ID",
  "telephony.clientSecret": "Секрет (client secret)",
  "telephony.secretStored": "•••••••• сохранён",
  "telephony.secretKeepHint": "Оставьте пустым, чтобы сохранить прежний секрет.",
  "telephony.secretHint": "МТТ показывает секрет после нажатия «Сгенерировать».",
  "telephony.secretRequired":
    "Введите секрет ещё раз: сохранённый Pult отправляет только на тот адрес OAuth, с которым его сохранили.",
  "telephony.privateAddress":
    "Pult не подключается к адресам своей сети (loopback, частным и link-local). Укажите публичный адрес МТТ.",
  "telephony.advanced": "Дополнительно",
  "telephony.advancedHint":
    "Меняйте эти адреса, только если об этом просит МТТ или ваша поддержка.",
  "telephony.apiUrl": "API URL",
  "telephony.oauthUrl": "OAuth URL",
  "telephony.save": "Сохранить",
  "telephony.saving": "Сохраняем…",
  "telephony.savedConnect": "Сохранено. Теперь нажмите «Подключить» и войдите в МТТ.",
  "telephony.savedReauth": "Сохранено. Авторизуйтесь заново, чтобы новые данные вступили в силу.",
  "telephony.connectNeedsSave": "Сначала сохраните Client ID и секрет.",
  "telephony.connectNeedsSaveChanges": "Сохраните изменения перед подключением.",

  "workplaces.description":
    "Рабочие места приходят из АТС МТТ. Привяжите каждое к пользователю Pult, чтобы звонки на него засчитывались этому сотруднику.",
  "workplaces.count": {
    one: "{count} рабочее место",
    few: "{count} рабочих места",
    many: "{count} рабочих мест",
    other: "{count} рабочего места",
  },
  "workplaces.showArchived": "Показать архивные ({count})",
  "workplaces.syncSettings": "Настройки телефонии",
  "workplaces.disconnectedNote":
    "АТС отключена. Показана структура на момент последней синхронизации; она обновится после повторного подключения.",
  "workplaces.loadFailed": "Не удалось загрузить рабочие места.",
  "workplaces.colWorkplace": "Рабочее место",
  "workplaces.colDistribution": "Распределение",
  "workplaces.colTerminals": "Терминалы",
  "workplaces.colNumbers": "Номера",
  "workplaces.colUser": "Пользователь Pult",
  "workplaces.extension": "доб. {extension}",
  "workplaces.distribution.ALL": "На все терминалы сразу",
  "workplaces.distribution.SERIAL": "По очереди",
  "workplaces.distribution.RANDOM": "На случайный терминал",
  "workplaces.distribution.OTHER": "Другое",
  "workplaces.terminalKind.SIP": "SIP-телефон",
  "workplaces.terminalKind.APP": "Приложение МТТ",
  "workplaces.terminalKind.MOBILE": "Мобильный",
  "workplaces.terminalKind.FORWARD": "Переадресация",
  "workplaces.terminalKind.OTHER": "Другое",
  "workplaces.archived": "В архиве",
  "workplaces.allArchived":
    "Все рабочие места в архиве. Включите «Показать архивные», чтобы их увидеть.",
  "workplaces.noTerminals": "Нет терминалов",
  "workplaces.userFor": "Пользователь Pult для {name}",
  "workplaces.notLinked": "Не привязано",
  "workplaces.userElsewhere": "{name} (сейчас: {workplace})",
  "workplaces.linkedNotice": "«{workplace}» привязано к пользователю {user}.",
  "workplaces.unlinkedNotice": "«{workplace}» больше ни к кому не привязано.",
  "workplaces.linkConflict":
    "К этому рабочему месту только что привязали другого пользователя. Обновите страницу и попробуйте снова.",
  "workplaces.emptyConnectTitle": "Подключите АТС, чтобы увидеть рабочие места",
  "workplaces.emptyConnectBody":
    "Рабочие места, терминалы и номера загружаются из АТС МТТ после подключения в разделе Настройки → Телефония.",
  "workplaces.emptySyncTitle": "Рабочих мест пока нет",
  "workplaces.emptySyncBody":
    "АТС подключена, но структура ещё не загружена. Запустите синхронизацию на странице «Телефония».",
  "workplaces.syncRunning": "Идёт синхронизация…",
  "workplaces.numbersTitle": "Номера",
  "workplaces.numbersCount": {
    one: "{count} номер",
    few: "{count} номера",
    many: "{count} номеров",
    other: "{count} номера",
  },
  "workplaces.numbersDescription":
    "Телефонные номера компании на АТС и рабочие места, на которые идут звонки.",
  "workplaces.numbersLoadFailed": "Не удалось загрузить номера.",
  "workplaces.noNumbers": "На АТС пока нет номеров.",
  "workplaces.colNumber": "Номер",
  "workplaces.colKind": "Тип",
  "workplaces.colParking": "Парковка",
  "workplaces.colRoutedTo": "Куда идут звонки",
  "workplaces.parkingHint":
    "Входящий звонок ждёт до 5 секунд, пока Pult выбирает нужного менеджера.",
  "workplaces.parkingOn": "Парковка включена",
  "workplaces.parkingOff": "Без парковки",
  "workplaces.numberKind.CITY": "Городской",
  "workplaces.numberKind.TOLLFREE": "8-800",
  "workplaces.numberKind.MOBILE": "Мобильный",
  "workplaces.numberKind.OTHER": "Другой",
};
