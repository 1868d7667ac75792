import type { Catalog } from "./shape";

// Español (tú): the keys of en.ts, the same {holes}.

export const es: Catalog = {
  "focus.full_body": "cuerpo completo",
  "focus.upper": "tren superior",
  "focus.lower": "tren inferior",
  "focus.push": "empuje",
  "focus.pull": "tirón",
  "focus.legs": "piernas",
  "meal.breakfast": "Desayuno",
  "meal.morning_snack": "Media mañana",
  "meal.lunch": "Almuerzo",
  "meal.afternoon_snack": "Merienda",
  "meal.dinner": "Cena",
  "meal.evening_snack": "Tentempié nocturno",

  "reminder.workout.title": "Hoy: {focus}",
  "reminder.workout.body_load": "Para empezar: {exercise} {load} × {reps}. ¡Cuando quieras!",
  "reminder.workout.body": {
    one: "Para empezar: {exercise}, {count} serie de {reps}. ¡Cuando quieras!",
    other: "Para empezar: {exercise}, {count} series de {reps}. ¡Cuando quieras!",
  },
  "reminder.workout.body_plain": "Tu sesión está por empezar. ¡Cuando quieras!",
  "reminder.workout.deload": "Semana de descarga: más ligera a propósito.",
  "reminder.meal.title": "Hora de comer: {meal}",
  "reminder.meal.body": {
    one: "Es la hora de tu comida del día. Regístrala cuando hayas comido.",
    other: "Es la hora de la comida {number} de {count}. Regístrala cuando hayas comido.",
  },
  "reminder.hydration.title": "Bebe un poco de agua",
  "reminder.hydration.body": "Un vaso de agua ahora te mantiene en el buen camino.",
  "reminder.checkin.title": "Revisión semanal",
  "reminder.checkin.body": "¿Qué tal fue la semana? Registra tu peso y cuéntaselo a tu coach.",
  "reminder.nudge.title": "¿Te saltaste el entrenamiento de ayer?",
  "reminder.nudge.body":
    "Tu sesión de {focus} del {day} no se hizo. No pasa nada: un entrenamiento corto hoy te devuelve al camino.",
  "reminder.streak.title": "Tu racha está en juego",
  "reminder.streak.body": {
    one: "Hiciste tu última sesión planificada. La sesión de {focus} de hoy mantiene la racha, y todavía hay tiempo esta noche.",
    other:
      "{count} sesiones planificadas seguidas. La sesión de {focus} de hoy mantiene la racha, y todavía hay tiempo esta noche.",
  },

  "adaptation.title": "Tu plan se ha ajustado",
  "adaptation.session_dropped_week_over":
    "La sesión perdida del {day} de la semana {week} no se recupera: esa semana ya terminó.",
  "adaptation.session_dropped_no_day":
    "La sesión de {focus} prevista para el {day} se cancela esta semana: no queda ningún día libre y nunca se juntan dos sesiones.",
  "adaptation.session_moved": "La sesión de {focus} pasa del {from_day} al {to_day}.",
  "adaptation.exercise_swapped":
    "{exercise} se ha estancado; desde la semana {week} lo sustituye {replacement}.",
  "adaptation.exercise_deloaded":
    "{exercise} se ha estancado; en la semana {week} usa el 90 % de tu última carga de trabajo con una repetición más en reserva y luego vuelve a subir.",
  "adaptation.return_week": {
    one: "La semana {week} es de vuelta tras {count} día de descanso: más o menos la mitad de las series y dos repeticiones más en reserva.",
    other:
      "La semana {week} es de vuelta tras {count} días de descanso: más o menos la mitad de las series y dos repeticiones más en reserva.",
  },
  "adaptation.return_week_ease":
    "La semana {week} retoma poco a poco: una serie menos por ejercicio y una repetición más en reserva.",

  "email.password_reset.subject": "Restablece tu contraseña de Fitness Coach",
  "email.password_reset.intro":
    "Alguien (esperamos que tú) pidió restablecer la contraseña de tu cuenta de Fitness Coach.",
  "email.password_reset.link": {
    one: "Abre este enlace en {count} minuto como máximo para elegir una nueva. Solo funciona una vez.",
    other:
      "Abre este enlace en {count} minutos como máximo para elegir una nueva. Solo funciona una vez.",
  },
  "email.password_reset.ignore": "Si no fuiste tú, ignora este correo: tu contraseña no cambia.",
  "email.verification.subject": "Confirma tu correo para Fitness Coach",
  "email.verification.body": "Confirma que esta es tu dirección de correo abriendo este enlace:",
  "email.change.subject": "El correo de tu cuenta de Fitness Coach va a cambiar",
  "email.change.body":
    "Alguien con sesión iniciada en tu cuenta de Fitness Coach pidió cambiar su correo a {address}.",
  "email.change.cancel":
    "El cambio se hace cuando se confirme la nueva dirección. Si no fuiste tú, abre este enlace para cancelarlo y luego cambia tu contraseña (eso cierra la sesión en todos los dispositivos):",
  "email.password_changed.subject": "Se cambió tu contraseña de Fitness Coach",
  "email.password_changed.body":
    "La contraseña de tu cuenta de Fitness Coach se acaba de cambiar y se cerró la sesión en todos los demás dispositivos.",
  "email.password_changed.warning": "Si no fuiste tú, restablece tu contraseña de inmediato.",

  "voice.language_not_offered":
    "El coaching por voz aún no está disponible en {language}, así que en las llamadas tu coach habla inglés. El chat responde en {language}.",

  "error.bad_request": "El cuerpo de la petición no es JSON válido.",
  "error.validation_failed": "Algunos campos no son válidos; los detalles dicen cuáles.",
  "error.payload_too_large": "La petición es demasiado grande (64 KiB como máximo).",
  "error.unsupported_media_type": "Envía el cuerpo como JSON.",
  "error.not_found": "No hay nada en esta dirección.",
  "error.internal_error": "Algo falló de nuestro lado. Inténtalo de nuevo.",
  "error.misconfigured": "El servicio no está disponible en este momento. Inténtalo más tarde.",
  "error.http_error": "No se pudo procesar la petición.",
  "error.unauthorized": "Vuelve a iniciar sesión.",
  "error.invalid_credentials": "Correo o contraseña incorrectos.",
  "error.invalid_refresh_token": "Tu sesión ha caducado. Vuelve a iniciar sesión.",
  "error.account_not_found": "Esta cuenta ya no existe.",
  "error.account_deleted": "Esta cuenta se eliminó.",
  "error.account_suspended": "Esta cuenta está suspendida.",
  "error.session_revoked":
    "Tu sesión terminó (cambio de contraseña o cierre de sesión en todas partes). Vuelve a iniciar sesión.",
  "error.wrong_password": "La contraseña es incorrecta.",
  "error.reauthentication_required":
    "Por tu seguridad, vuelve a iniciar sesión y reinténtalo en unos minutos.",
  "error.email_not_verified":
    "Primero confirma tu correo: abre el enlace que te enviamos (puedes pedir uno nuevo).",
  "error.external_account":
    "Esta cuenta inicia sesión con otro proveedor, que gestiona su contraseña y su correo.",
  "error.invalid_reset_token":
    "Este enlace para restablecer la contraseña no es válido, ya se usó o caducó.",
  "error.invalid_verification_token":
    "Este enlace de confirmación no es válido, ya se usó o caducó.",
  "error.invalid_cancel_token": "Este enlace de cancelación no es válido, ya se usó o caducó.",
  "error.turnstile_failed": "La verificación de que eres una persona falló. Inténtalo de nuevo.",
  "error.email_already_verified": "Esta dirección de correo ya está confirmada.",
  "error.export_limit_reached":
    "Ya usaste las exportaciones de datos de hoy. Vuelve a intentarlo mañana.",
  "error.rate_limited": "Demasiadas peticiones. Espera un momento y vuelve a intentarlo.",
  "error.forbidden": "No tienes permiso para hacer esto.",
  "error.session_ended": "Esta sesión de voz ha terminado.",
  "error.transcript_full": "La transcripción de esta llamada está llena.",
  "error.upgrade_required": "Esta dirección necesita una conexión WebSocket.",
  "error.email_taken": "Ya existe una cuenta con este correo.",
  "error.step_not_found": "No hay ningún paso de la configuración inicial con este nombre.",
  "error.onboarding_completed":
    "La configuración inicial ya está completa: cambia tu perfil en su lugar.",
  "error.onboarding_incomplete": "Faltan pasos de la configuración inicial.",
  "error.profile_not_found": "Todavía no hay perfil: termina primero la configuración inicial.",
  "error.precondition_failed":
    "Esto cambió desde que lo cargaste. Vuelve a cargarlo e inténtalo de nuevo.",
  "error.exercise_not_found": "Ese ejercicio no existe.",
  "error.job_not_found": "Esa tarea de programa no existe.",
  "error.program_not_found": "Ese programa no existe.",
  "error.program_quota_exceeded":
    "Hoy ya creaste todos los programas permitidos. Vuelve a intentarlo mañana.",
  "error.agent_socket_limit":
    "Esta llamada ya tiene todas las conexiones de agente permitidas. Cierra una primero.",
  "error.voice_room_quota_exceeded":
    "En las últimas 24 horas ya iniciaste todas las llamadas de voz permitidas. Vuelve a intentarlo más tarde.",
  "error.idempotency_key_reused": "Esta clave de petición ya se usó para otra petición.",
  "error.no_active_program": "No tienes ningún programa activo.",
  "error.no_session_that_day": "Tu programa no tiene sesión ese día.",
  "error.session_not_found": "Esa sesión de entrenamiento no existe.",
  "error.set_not_found": "Esa serie no existe en esta sesión.",
  "error.client_id_reused": "Este id de registro ya se usó para otra cosa.",
  "error.notification_not_found": "Esa notificación no existe.",
  "error.device_not_found": "Ese dispositivo no existe.",
  "error.conversation_not_found": "Esa conversación no existe.",
  "error.chat_budget_exceeded": "Ya usaste el chat con tu coach de hoy. Se renueva a medianoche.",
  "error.llm_unavailable": "El chat con el coach no está disponible ahora.",
  "error.llm_error": "El coach no pudo responder. Inténtalo de nuevo.",
  "error.llm_timeout": "El coach tardó demasiado en responder. Inténtalo de nuevo.",
  "error.voice_session_not_found": "Esa sesión de voz no existe.",
  "error.voice_unavailable": "El coaching por voz no está disponible ahora. Inténtalo de nuevo.",
  "error.voice_session_active":
    "Ya tienes una llamada en curso: vuelve a unirte o termínala primero.",
  "error.voice_budget_exceeded": "Ya usaste los minutos de voz de hoy. Mañana tendrás más.",
  "error.tool_not_found": "Esa herramienta no existe.",
  "error.tool_not_allowed": "Este coach no puede hacer eso.",
  "error.unknown_exercise": "Ese ejercicio no existe.",
  "error.invalid_arguments": "Los argumentos no son válidos.",
  "error.no_session_today": "Hoy no hay ninguna sesión planificada.",
  "error.day_taken": "Ya hay una sesión ese día.",
  "error.day_passed": "Ese día ya pasó esta semana.",
  "error.no_meal": "El plan de comidas no tiene comidas.",
  "error.user_not_found": "Ese usuario no existe.",
  "error.last_admin":
    "Es el último administrador activo: primero nombra administrador a otra persona.",
  "error.issue_not_found": "Esa incidencia no existe.",
  "error.issue_resolved": "Esa incidencia ya se reintentó o se descartó.",
  "error.exercise_exists": "Ya existe un ejercicio con este id.",
  "error.backup_not_found": "No hay ninguna copia de seguridad así para este usuario.",
  "error.backup_incompatible":
    "Esta copia no encaja con el almacenamiento de esta versión; no se cambió nada.",
  "error.point_in_time_unavailable":
    "Este servidor no guarda historial del almacenamiento: restaura desde una copia.",
  "error.exercise_not_planned": "Este ejercicio no está en la sesión planificada de ese día.",
  "error.swap_not_allowed": "Ese ejercicio no puede sustituir a este.",
  "error.version_conflict": "Este registro se cambió en otro lugar mientras tanto.",
  "error.op_id_reused": "Este cambio ya se envió con otro contenido.",
  "error.cursor_expired": "Tu copia sin conexión es demasiado antigua: descarga todo de nuevo.",
  "error.food_not_found": "No encontramos este alimento.",
  "error.provider_rate_limited":
    "La base de datos de alimentos está ocupada. Inténtalo de nuevo en un momento.",
  "error.provider_unavailable":
    "No se puede acceder ahora a la base de datos de alimentos. Inténtalo más tarde.",
  "error.meal_draft_not_found": "No hay ningún borrador de foto así que confirmar.",
  "error.meal_photos_exceeded":
    "Ya enviaste todas las fotos de platos permitidas por ahora. Inténtalo más tarde.",
  "error.no_such_meal_slot": "El plan de comidas no tiene ninguna comida a esta hora del día.",

  "validation.required": "es obligatorio",
  "validation.type": "debe ser {type}",
  "validation.type.number": "un número",
  "validation.type.int": "un número entero",
  "validation.type.string": "texto",
  "validation.type.boolean": "true o false",
  "validation.type.array": "una lista",
  "validation.type.object": "un objeto",
  "validation.type.date": "una fecha",
  "validation.equals": "debe ser {value}",
  "validation.one_of": "debe ser uno de: {values}",
  "validation.not_empty": "no puede estar vacío",
  "validation.min_chars": {
    one: "debe tener al menos {count} carácter",
    other: "debe tener al menos {count} caracteres",
  },
  "validation.max_chars": {
    one: "debe tener como máximo {count} carácter",
    other: "debe tener como máximo {count} caracteres",
  },
  "validation.at_least_one_item": "debe tener al menos un elemento",
  "validation.min_items": {
    one: "debe tener al menos {count} elemento",
    other: "debe tener al menos {count} elementos",
  },
  "validation.max_items": {
    one: "debe tener como máximo {count} elemento",
    other: "debe tener como máximo {count} elementos",
  },
  "validation.on_or_after": "debe ser el {date} o después",
  "validation.on_or_before": "debe ser el {date} o antes",
  "validation.min": "debe ser al menos {limit}",
  "validation.more_than": "debe ser mayor que {limit}",
  "validation.max": "debe ser como máximo {limit}",
  "validation.less_than": "debe ser menor que {limit}",
  "validation.pattern": "no tiene el formato esperado",
  "validation.starts_with": "debe empezar por «{prefix}»",
  "validation.ends_with": "debe terminar en «{suffix}»",
  "validation.includes": "debe incluir «{text}»",
  "validation.format": "debe ser {format}",
  "validation.format.email": "una dirección de correo válida",
  "validation.format.url": "una URL",
  "validation.format.uuid": "un UUID",
  "validation.format.datetime": "una fecha y hora (ISO 8601, p. ej. 2026-11-23T09:00:00Z)",
  "validation.format.date": "una fecha con formato YYYY-MM-DD",
  "validation.format.time": "una hora «HH:MM»",
  "validation.format.duration": "una duración ISO 8601",
  "validation.format.other": "un {format} válido",
  "validation.multiple_of": "debe ser múltiplo de {divisor}",
  "validation.unknown_field": "campo desconocido",
  "validation.not_accepted_value": "no es ninguno de los valores aceptados",
  "validation.no_accepted_form": "no coincide con ninguna forma aceptada",
  "validation.invalid_entry": "tiene un elemento no válido",
  "validation.invalid": "no es válido",
  "validation.locale":
    "debe ser una etiqueta de idioma (BCP 47) en uno de {languages}, p. ej. {example}",
};
