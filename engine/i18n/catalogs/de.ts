import type { Catalog } from "./shape";

// Deutsch (du): the keys of en.ts, the same {holes}.

export const de: Catalog = {
  "focus.full_body": "Ganzkörper",
  "focus.upper": "Oberkörper",
  "focus.lower": "Unterkörper",
  "focus.push": "Push",
  "focus.pull": "Pull",
  "focus.legs": "Beine",
  "meal.breakfast": "Frühstück",
  "meal.morning_snack": "Vormittagssnack",
  "meal.lunch": "Mittagessen",
  "meal.afternoon_snack": "Nachmittagssnack",
  "meal.dinner": "Abendessen",
  "meal.evening_snack": "Abendsnack",

  "reminder.workout.title": "Heute: {focus}",
  "reminder.workout.body_load":
    "Zum Start: {exercise} {load} × {reps}. Leg los, wenn du bereit bist!",
  "reminder.workout.body": {
    one: "Zum Start: {exercise}, {count} Satz à {reps}. Leg los, wenn du bereit bist!",
    other: "Zum Start: {exercise}, {count} Sätze à {reps}. Leg los, wenn du bereit bist!",
  },
  "reminder.workout.body_plain": "Deine Einheit steht an. Leg los, wenn du bereit bist!",
  "reminder.workout.deload": "Deload-Woche: bewusst leichter.",
  "reminder.meal.title": "Essenszeit: {meal}",
  "reminder.meal.body": {
    one: "Zeit für deine Mahlzeit des Tages. Trag sie ein, wenn du gegessen hast.",
    other: "Zeit für Mahlzeit {number} von {count}. Trag sie ein, wenn du gegessen hast.",
  },
  "reminder.hydration.title": "Trink etwas Wasser",
  "reminder.hydration.body": "Ein Glas Wasser jetzt hält dich auf Kurs.",
  "reminder.checkin.title": "Wöchentlicher Check-in",
  "reminder.checkin.body": "Wie lief die Woche? Trag dein Gewicht ein und erzähl es deinem Coach.",
  "reminder.nudge.title": "Gestern das Training verpasst?",
  "reminder.nudge.body":
    "Deine Einheit ({focus}) am {day} ist ausgefallen. Kein Problem: Ein kurzes Training heute bringt dich wieder in die Spur.",
  "reminder.streak.title": "Deine Serie steht auf dem Spiel",
  "reminder.streak.body": {
    one: "Du hast deine letzte geplante Einheit geschafft. Die heutige Einheit ({focus}) hält die Serie am Leben, und heute Abend ist noch Zeit.",
    other:
      "{count} geplante Einheiten in Folge. Die heutige Einheit ({focus}) hält die Serie am Leben, und heute Abend ist noch Zeit.",
  },

  "adaptation.title": "Dein Plan wurde angepasst",
  "adaptation.session_dropped_week_over":
    "Die verpasste Einheit vom {day} in Woche {week} wird nicht nachgeholt: Diese Woche ist vorbei.",
  "adaptation.session_dropped_no_day":
    "Die für {day} geplante Einheit ({focus}) entfällt diese Woche: Es ist kein Tag mehr frei, und Einheiten werden nie verdoppelt.",
  "adaptation.session_moved": "Die Einheit ({focus}) wird von {from_day} auf {to_day} verschoben.",
  "adaptation.exercise_swapped":
    "{exercise} stagniert; ab Woche {week} ersetzt {replacement} die Übung.",
  "adaptation.exercise_deloaded":
    "{exercise} stagniert; nimm in Woche {week} 90 % deines letzten Arbeitsgewichts mit einer Wiederholung mehr in Reserve und steigere dich dann wieder.",
  "adaptation.return_week": {
    one: "Woche {week} ist eine Wiedereinstiegswoche nach {count} Tag Pause: etwa die Hälfte der Sätze und zwei Wiederholungen mehr in Reserve.",
    other:
      "Woche {week} ist eine Wiedereinstiegswoche nach {count} Tagen Pause: etwa die Hälfte der Sätze und zwei Wiederholungen mehr in Reserve.",
  },
  "adaptation.return_week_ease":
    "In Woche {week} geht es behutsam weiter: ein Satz weniger pro Übung und eine Wiederholung mehr in Reserve.",

  "email.password_reset.subject": "Passwort für Fitness Coach zurücksetzen",
  "email.password_reset.intro":
    "Jemand (hoffentlich du) hat darum gebeten, das Passwort deines Fitness-Coach-Kontos zurückzusetzen.",
  "email.password_reset.link": {
    one: "Öffne diesen Link innerhalb von {count} Minute, um ein neues zu wählen. Er funktioniert nur einmal.",
    other:
      "Öffne diesen Link innerhalb von {count} Minuten, um ein neues zu wählen. Er funktioniert nur einmal.",
  },
  "email.password_reset.ignore":
    "Warst du es nicht, ignoriere diese E-Mail: Dein Passwort bleibt, wie es ist.",
  "email.verification.subject": "Bestätige deine E-Mail-Adresse für Fitness Coach",
  "email.verification.body":
    "Bestätige, dass dies deine E-Mail-Adresse ist, indem du diesen Link öffnest:",
  "email.change.subject": "Die E-Mail-Adresse deines Fitness-Coach-Kontos ändert sich",
  "email.change.body":
    "Jemand, der in deinem Fitness-Coach-Konto angemeldet ist, möchte dessen E-Mail-Adresse in {address} ändern.",
  "email.change.cancel":
    "Die Änderung gilt, sobald die neue Adresse bestätigt ist. Warst du es nicht, öffne diesen Link, um sie abzubrechen, und ändere dann dein Passwort (dadurch werden alle Geräte abgemeldet):",
  "email.password_changed.subject": "Dein Fitness-Coach-Passwort wurde geändert",
  "email.password_changed.body":
    "Das Passwort deines Fitness-Coach-Kontos wurde gerade geändert, und alle anderen Geräte wurden abgemeldet.",
  "email.password_changed.warning": "Warst du es nicht, setze dein Passwort sofort zurück.",

  "voice.language_not_offered":
    "Sprachcoaching gibt es auf {language} noch nicht, daher spricht dein Coach in Anrufen Englisch. Im Chat antwortet er auf {language}.",

  "error.bad_request": "Der Inhalt der Anfrage ist kein gültiges JSON.",
  "error.validation_failed": "Einige Felder sind ungültig; die Details nennen sie.",
  "error.payload_too_large": "Die Anfrage ist zu groß (höchstens 64 KiB).",
  "error.unsupported_media_type": "Sende den Inhalt als JSON.",
  "error.not_found": "Unter dieser Adresse gibt es nichts.",
  "error.internal_error": "Bei uns ist etwas schiefgelaufen. Bitte versuch es noch einmal.",
  "error.misconfigured":
    "Der Dienst ist gerade nicht verfügbar. Bitte versuch es später noch einmal.",
  "error.http_error": "Die Anfrage konnte nicht verarbeitet werden.",
  "error.unauthorized": "Bitte melde dich erneut an.",
  "error.invalid_credentials": "E-Mail-Adresse oder Passwort ist falsch.",
  "error.invalid_refresh_token": "Deine Sitzung ist abgelaufen. Bitte melde dich erneut an.",
  "error.account_not_found": "Dieses Konto gibt es nicht mehr.",
  "error.account_deleted": "Dieses Konto wurde gelöscht.",
  "error.account_suspended": "Dieses Konto ist gesperrt.",
  "error.session_revoked":
    "Deine Sitzung wurde beendet (Passwort geändert oder überall abgemeldet). Bitte melde dich erneut an.",
  "error.wrong_password": "Das Passwort ist falsch.",
  "error.reauthentication_required":
    "Melde dich zu deiner Sicherheit erneut an und versuch es dann innerhalb weniger Minuten noch einmal.",
  "error.email_not_verified":
    "Bestätige zuerst deine E-Mail-Adresse: Öffne den Link, den wir dir geschickt haben (du kannst einen neuen anfordern).",
  "error.external_account":
    "Dieses Konto meldet sich über einen anderen Anbieter an, der Passwort und E-Mail-Adresse verwaltet.",
  "error.invalid_reset_token":
    "Dieser Link zum Zurücksetzen des Passworts ist ungültig, schon benutzt oder abgelaufen.",
  "error.invalid_verification_token":
    "Dieser Bestätigungslink ist ungültig, schon benutzt oder abgelaufen.",
  "error.invalid_cancel_token":
    "Dieser Link zum Abbrechen ist ungültig, schon benutzt oder abgelaufen.",
  "error.turnstile_failed":
    "Die Prüfung, ob du ein Mensch bist, ist fehlgeschlagen. Bitte versuch es noch einmal.",
  "error.email_already_verified": "Diese E-Mail-Adresse ist bereits bestätigt.",
  "error.export_limit_reached":
    "Du hast die heutigen Datenexporte aufgebraucht. Versuch es morgen wieder.",
  "error.rate_limited": "Zu viele Anfragen. Warte einen Moment und versuch es dann noch einmal.",
  "error.forbidden": "Das darfst du nicht.",
  "error.session_ended": "Diese Sprachsitzung ist beendet.",
  "error.transcript_full": "Das Protokoll dieses Anrufs ist voll.",
  "error.upgrade_required": "Diese Adresse braucht eine WebSocket-Verbindung.",
  "error.email_taken": "Es gibt bereits ein Konto mit dieser E-Mail-Adresse.",
  "error.step_not_found": "Einen Onboarding-Schritt mit diesem Namen gibt es nicht.",
  "error.onboarding_completed":
    "Das Onboarding ist bereits abgeschlossen: Ändere stattdessen dein Profil.",
  "error.onboarding_incomplete": "Es fehlen noch Onboarding-Schritte.",
  "error.profile_not_found": "Es gibt noch kein Profil: Schließ zuerst das Onboarding ab.",
  "error.precondition_failed":
    "Das hat sich geändert, seit du es geladen hast. Lade es neu und versuch es noch einmal.",
  "error.exercise_not_found": "Diese Übung gibt es nicht.",
  "error.job_not_found": "Diesen Programmauftrag gibt es nicht.",
  "error.program_not_found": "Dieses Programm gibt es nicht.",
  "error.program_quota_exceeded":
    "Du hast heute so viele Programme erstellt wie erlaubt. Versuch es morgen wieder.",
  "error.agent_socket_limit":
    "Dieser Anruf hat schon so viele Agent-Verbindungen wie erlaubt. Schließe zuerst eine.",
  "error.voice_room_quota_exceeded":
    "Du hast in den letzten 24 Stunden so viele Sprachanrufe gestartet wie erlaubt. Versuch es später wieder.",
  "error.idempotency_key_reused":
    "Dieser Anfrageschlüssel wurde schon für eine andere Anfrage verwendet.",
  "error.no_active_program": "Du hast kein aktives Programm.",
  "error.no_session_that_day": "Dein Programm hat an diesem Tag keine Einheit.",
  "error.session_not_found": "Diese Trainingseinheit gibt es nicht.",
  "error.set_not_found": "Diesen Satz gibt es in dieser Einheit nicht.",
  "error.client_id_reused": "Diese Eintrags-ID wurde schon für etwas anderes verwendet.",
  "error.notification_not_found": "Diese Benachrichtigung gibt es nicht.",
  "error.device_not_found": "Dieses Gerät gibt es nicht.",
  "error.conversation_not_found": "Dieses Gespräch gibt es nicht.",
  "error.chat_budget_exceeded":
    "Du hast den Coach-Chat für heute aufgebraucht. Um Mitternacht geht es weiter.",
  "error.llm_unavailable": "Der Coach-Chat ist gerade nicht verfügbar.",
  "error.llm_error": "Der Coach konnte nicht antworten. Bitte versuch es noch einmal.",
  "error.llm_timeout":
    "Der Coach hat zu lange für die Antwort gebraucht. Bitte versuch es noch einmal.",
  "error.voice_session_not_found": "Diese Sprachsitzung gibt es nicht.",
  "error.voice_unavailable":
    "Sprachcoaching ist gerade nicht verfügbar. Bitte versuch es noch einmal.",
  "error.voice_session_active":
    "Du hast schon einen laufenden Anruf: Tritt ihm wieder bei oder beende ihn zuerst.",
  "error.voice_budget_exceeded":
    "Du hast die Sprachminuten für heute aufgebraucht. Morgen gibt es neue.",
  "error.tool_not_found": "Dieses Werkzeug gibt es nicht.",
  "error.tool_not_allowed": "Das kann dieser Coach nicht.",
  "error.unknown_exercise": "Diese Übung gibt es nicht.",
  "error.invalid_arguments": "Die Angaben sind ungültig.",
  "error.no_session_today": "Heute ist keine Einheit geplant.",
  "error.day_taken": "An diesem Tag gibt es schon eine Einheit.",
  "error.day_passed": "Dieser Tag ist in dieser Woche schon vorbei.",
  "error.no_meal": "Der Ernährungsplan hat keine Mahlzeiten.",
  "error.user_not_found": "Diesen Nutzer gibt es nicht.",
  "error.last_admin": "Das ist der letzte aktive Admin: Mach zuerst jemand anderen zum Admin.",
  "error.issue_not_found": "Diesen Vorgang gibt es nicht.",
  "error.issue_resolved": "Dieser Vorgang wurde schon wiederholt oder verworfen.",
  "error.exercise_exists": "Eine Übung mit dieser ID gibt es schon.",
  "error.backup_not_found": "Für diesen Nutzer gibt es keine solche Sicherung.",
  "error.backup_incompatible":
    "Diese Sicherung passt nicht zum Speicher dieser Version; nichts wurde geändert.",
  "error.point_in_time_unavailable":
    "Dieser Server hält keinen Speicherverlauf: Stelle aus einer Sicherung wieder her.",
  "error.exercise_not_planned": "Diese Übung ist nicht in der geplanten Einheit dieses Tages.",
  "error.swap_not_allowed": "Diese Übung kann die geplante nicht ersetzen.",
  "error.version_conflict": "Dieser Eintrag wurde inzwischen anderswo geändert.",
  "error.op_id_reused": "Diese Änderung wurde schon mit anderem Inhalt gesendet.",
  "error.cursor_expired": "Deine Offline-Kopie ist zu alt: Lade alles neu herunter.",
  "error.food_not_found": "Dieses Lebensmittel haben wir nicht gefunden.",
  "error.provider_rate_limited":
    "Die Lebensmitteldatenbank ist ausgelastet. Bitte versuch es gleich noch einmal.",
  "error.provider_unavailable":
    "Die Lebensmitteldatenbank ist gerade nicht erreichbar. Bitte versuch es später.",
  "error.meal_draft_not_found": "Es gibt keinen solchen Foto-Entwurf zum Bestätigen.",
  "error.meal_photos_exceeded":
    "Du hast alle erlaubten Tellerfotos für jetzt gesendet. Bitte versuch es später.",
  "error.no_such_meal_slot": "Der Essensplan hat zu dieser Tageszeit keine Mahlzeit.",

  "validation.required": "ist erforderlich",
  "validation.type": "muss {type} sein",
  "validation.type.number": "eine Zahl",
  "validation.type.int": "eine ganze Zahl",
  "validation.type.string": "Text",
  "validation.type.boolean": "true oder false",
  "validation.type.array": "eine Liste",
  "validation.type.object": "ein Objekt",
  "validation.type.date": "ein Datum",
  "validation.equals": "muss {value} sein",
  "validation.one_of": "muss einer dieser Werte sein: {values}",
  "validation.not_empty": "darf nicht leer sein",
  "validation.min_chars": {
    one: "muss mindestens {count} Zeichen lang sein",
    other: "muss mindestens {count} Zeichen lang sein",
  },
  "validation.max_chars": {
    one: "darf höchstens {count} Zeichen lang sein",
    other: "darf höchstens {count} Zeichen lang sein",
  },
  "validation.at_least_one_item": "muss mindestens einen Eintrag haben",
  "validation.min_items": {
    one: "muss mindestens {count} Eintrag haben",
    other: "muss mindestens {count} Einträge haben",
  },
  "validation.max_items": {
    one: "darf höchstens {count} Eintrag haben",
    other: "darf höchstens {count} Einträge haben",
  },
  "validation.on_or_after": "muss am oder nach dem {date} liegen",
  "validation.on_or_before": "muss am oder vor dem {date} liegen",
  "validation.min": "muss mindestens {limit} sein",
  "validation.more_than": "muss größer als {limit} sein",
  "validation.max": "darf höchstens {limit} sein",
  "validation.less_than": "muss kleiner als {limit} sein",
  "validation.pattern": "hat nicht das erwartete Format",
  "validation.starts_with": "muss mit „{prefix}“ beginnen",
  "validation.ends_with": "muss mit „{suffix}“ enden",
  "validation.includes": "muss „{text}“ enthalten",
  "validation.format": "muss {format} sein",
  "validation.format.email": "eine gültige E-Mail-Adresse",
  "validation.format.url": "eine URL",
  "validation.format.uuid": "eine UUID",
  "validation.format.datetime": "ein Datum mit Uhrzeit (ISO 8601, z. B. 2026-11-23T09:00:00Z)",
  "validation.format.date": "ein Datum im Format YYYY-MM-DD",
  "validation.format.time": "eine Uhrzeit „HH:MM“",
  "validation.format.duration": "eine Dauer nach ISO 8601",
  "validation.format.other": "ein gültiges {format}",
  "validation.multiple_of": "muss ein Vielfaches von {divisor} sein",
  "validation.unknown_field": "unbekanntes Feld",
  "validation.not_accepted_value": "ist keiner der erlaubten Werte",
  "validation.no_accepted_form": "passt zu keiner erlaubten Form",
  "validation.invalid_entry": "hat einen ungültigen Eintrag",
  "validation.invalid": "ist ungültig",
  "validation.locale":
    "muss ein Sprach-Tag (BCP 47) in einer dieser Sprachen sein: {languages}, z. B. {example}",
};
