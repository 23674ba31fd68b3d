import type { enTalk } from "@/lib/i18n/messages/en-talk";
import type { PartMessages, RussianPluralForms } from "@/lib/i18n/translate";

// Russian texts of talk analytics (voice activity, no speech recognition) on the call page.
export const ruTalk: PartMessages<typeof enTalk, RussianPluralForms> = {
  "talk.heading": "Аналитика разговора",
  "talk.pending": "Определяем, кто и когда говорит…",
  "talk.retrying": "Прошлая попытка не удалась ({reason}); будет повтор.",
  "talk.failed": "Не удалось посчитать аналитику разговора.",
  "talk.failedReason": "Причина: {reason}",
  "talk.notAnalysed": "Эта запись ещё не анализировалась.",
  "talk.analyse": "Проанализировать",
  "talk.rerun": "Пересчитать",
  "talk.monoNotice":
    "Запись моно: менеджер и клиент на одном канале, поэтому видны только речь и тишина, но не кто говорил.",
  "talk.method":
    "Считается детектором голосовой активности по записи (без распознавания речи); точность — около десятой доли секунды.",
  "talk.seconds": "{value} с",
  "talk.stripLabel": "Кто когда говорит",
  "talk.stripHint":
    "Щелчок — воспроизвести с этого места; ← и → — к предыдущей или следующей реплике.",
  "talk.laneManager": "Менеджер",
  "talk.laneClient": "Клиент",
  "talk.laneSpeech": "Речь (моно-запись)",
  "talk.managerTalk": "Говорил менеджер",
  "talk.clientTalk": "Говорил клиент",
  "talk.partyTalkHint": "Сколько всего времени говорила эта сторона.",
  "talk.ratio": "Доля речи менеджера",
  "talk.ratioHint": "Время речи менеджера, делённое на время речи обеих сторон.",
  "talk.speech": "Речь",
  "talk.speechHint": "Время, когда говорила хотя бы одна сторона.",
  "talk.silence": "Тишина",
  "talk.silenceHint":
    "Паузы между репликами, когда никто не говорил; до первых и после последних слов не считается.",
  "talk.longestSilence": "Самая долгая тишина",
  "talk.longestSilenceHint": "Самая длинная пауза между репликами, когда никто не говорил.",
  "talk.overlaps": "Одновременная речь",
  "talk.overlapsHint": "Сколько раз и как долго стороны говорили одновременно.",
  "talk.interruptions": "Менеджер перебил",
  "talk.interruptionsHint":
    "Менеджер начал говорить, пока говорил клиент, и оба продолжали вместе не меньше полсекунды.",
  "talk.firstWords": "Первые слова менеджера",
  "talk.firstWordsHint": "Время от начала записи до первых слов менеджера.",
  "talk.monologue": "Самый долгий монолог",
  "talk.monologueHint":
    "Самый длинный отрезок речи одной стороны: её паузы короче 3 с и короткие реплики собеседника (до 1 с) его не прерывают.",
  "talk.party.MANAGER": "менеджер",
  "talk.party.CLIENT": "клиент",
  "talkReport.title": "Аналитика разговоров по менеджерам (в среднем на проанализированный звонок)",
  "talkReport.empty": "За этот период нет проанализированных записей звонков этих менеджеров.",
  "talkReport.note":
    "По записям, детектором голосовой активности. Доля речи и перебивания — только по двухканальным записям.",
  "talkReport.col.calls": "Проанализировано звонков",
  "talkReport.col.talkRatio": "Доля речи менеджера",
  "talkReport.col.silenceSec": "Тишина",
  "talkReport.col.longestSilenceSec": "Самая долгая тишина",
  "talkReport.col.interruptions": "Перебивания",
  "talkReport.col.firstWordsSec": "Первые слова",
  "talkReport.col.longestMonologueSec": "Самый долгий монолог",
  "talkReport.def.calls": "Звонки менеджера за период, запись которых проанализирована.",
  "talkReport.def.talkRatio":
    "Среднее отношение времени речи менеджера к времени речи обеих сторон.",
  "talkReport.def.silenceSec": "Средняя сумма пауз между репликами, когда никто не говорил.",
  "talkReport.def.longestSilenceSec":
    "Средняя по звонкам самая долгая пауза, когда никто не говорил.",
  "talkReport.def.interruptions":
    "Сколько раз за звонок в среднем менеджер начинал говорить поверх клиента.",
  "talkReport.def.firstWordsSec": "Среднее время от начала записи до первых слов менеджера.",
  "talkReport.def.longestMonologueSec": "Средний по звонкам самый долгий монолог любой из сторон.",
};
