import type { Catalog } from "./shape";

// Français (tu): the keys of en.ts, the same {holes}. French "one" covers 0 and 1, so its
// "one" texts say the number.

export const fr: Catalog = {
  "focus.full_body": "corps entier",
  "focus.upper": "haut du corps",
  "focus.lower": "bas du corps",
  "focus.push": "poussée",
  "focus.pull": "tirage",
  "focus.legs": "jambes",
  "meal.breakfast": "Petit-déjeuner",
  "meal.morning_snack": "Collation du matin",
  "meal.lunch": "Déjeuner",
  "meal.afternoon_snack": "Goûter",
  "meal.dinner": "Dîner",
  "meal.evening_snack": "Collation du soir",

  "reminder.workout.title": "Aujourd'hui : {focus}",
  "reminder.workout.body_load": "Pour commencer : {exercise} {load} × {reps}. Quand tu veux !",
  "reminder.workout.body": {
    one: "Pour commencer : {exercise}, {count} série de {reps}. Quand tu veux !",
    other: "Pour commencer : {exercise}, {count} séries de {reps}. Quand tu veux !",
  },
  "reminder.workout.body_plain": "Ta séance arrive. Quand tu veux !",
  "reminder.workout.deload": "Semaine de décharge : plus légère, exprès.",
  "reminder.meal.title": "À table : {meal}",
  "reminder.meal.body": {
    one: "C'est l'heure de ton repas du jour. Enregistre-le une fois que tu as mangé.",
    other: "C'est l'heure du repas {number} sur {count}. Enregistre-le une fois que tu as mangé.",
  },
  "reminder.hydration.title": "Bois un peu d'eau",
  "reminder.hydration.body": "Un verre d'eau maintenant te garde sur la bonne voie.",
  "reminder.checkin.title": "Bilan de la semaine",
  "reminder.checkin.body":
    "Comment s'est passée la semaine ? Enregistre ton poids et raconte-la à ton coach.",
  "reminder.nudge.title": "Séance d'hier manquée ?",
  "reminder.nudge.body":
    "Ta séance ({focus}) de {day} n'a pas eu lieu. Pas de souci : une courte séance aujourd'hui te remet sur les rails.",
  "reminder.streak.title": "Ta série est en jeu",
  "reminder.streak.body": {
    one: "{count} séance prévue faite d'affilée. La séance ({focus}) d'aujourd'hui prolonge la série, et il reste du temps ce soir.",
    other:
      "{count} séances prévues faites d'affilée. La séance ({focus}) d'aujourd'hui prolonge la série, et il reste du temps ce soir.",
  },

  "adaptation.title": "Ton plan a été ajusté",
  "adaptation.session_dropped_week_over":
    "La séance manquée de {day} en semaine {week} n'est pas rattrapée : cette semaine est terminée.",
  "adaptation.session_dropped_no_day":
    "La séance ({focus}) prévue {day} est supprimée cette semaine : il ne reste aucun jour libre et les séances ne sont jamais doublées.",
  "adaptation.session_moved": "La séance ({focus}) passe de {from_day} à {to_day}.",
  "adaptation.exercise_swapped":
    "{exercise} stagne ; à partir de la semaine {week}, {replacement} le remplace.",
  "adaptation.exercise_deloaded":
    "{exercise} stagne ; en semaine {week}, prends 90 % de ta dernière charge de travail avec une répétition de plus en réserve, puis remonte progressivement.",
  "adaptation.return_week": {
    one: "La semaine {week} est une semaine de reprise après {count} jour d'arrêt : environ la moitié des séries et deux répétitions de plus en réserve.",
    other:
      "La semaine {week} est une semaine de reprise après {count} jours d'arrêt : environ la moitié des séries et deux répétitions de plus en réserve.",
  },
  "adaptation.return_week_ease":
    "La semaine {week} reprend en douceur : une série de moins par exercice et une répétition de plus en réserve.",

  "email.password_reset.subject": "Réinitialise ton mot de passe Fitness Coach",
  "email.password_reset.intro":
    "Quelqu'un (toi, on l'espère) a demandé à réinitialiser le mot de passe de ton compte Fitness Coach.",
  "email.password_reset.link": {
    one: "Ouvre ce lien d'ici {count} minute pour en choisir un nouveau. Il ne fonctionne qu'une fois.",
    other:
      "Ouvre ce lien d'ici {count} minutes pour en choisir un nouveau. Il ne fonctionne qu'une fois.",
  },
  "email.password_reset.ignore":
    "Si ce n'était pas toi, ignore cet e-mail : ton mot de passe reste inchangé.",
  "email.verification.subject": "Confirme ton adresse e-mail pour Fitness Coach",
  "email.verification.body": "Confirme que c'est bien ton adresse e-mail en ouvrant ce lien :",
  "email.change.subject": "L'adresse e-mail de ton compte Fitness Coach va changer",
  "email.change.body":
    "Une personne connectée à ton compte Fitness Coach a demandé à changer son adresse e-mail pour {address}.",
  "email.change.cancel":
    "Le changement se fait une fois la nouvelle adresse confirmée. Si ce n'était pas toi, ouvre ce lien pour l'annuler, puis change ton mot de passe (cela déconnecte tous les appareils) :",
  "email.password_changed.subject": "Ton mot de passe Fitness Coach a été modifié",
  "email.password_changed.body":
    "Le mot de passe de ton compte Fitness Coach vient d'être modifié, et tous les autres appareils ont été déconnectés.",
  "email.password_changed.warning":
    "Si ce n'était pas toi, réinitialise ton mot de passe immédiatement.",

  "voice.language_not_offered":
    "Le coaching vocal n'est pas encore proposé en {language} : ton coach parle donc anglais pendant les appels. Le chat répond en {language}.",

  "error.bad_request": "Le corps de la requête n'est pas du JSON valide.",
  "error.validation_failed":
    "Certains champs ne sont pas valides ; les détails indiquent lesquels.",
  "error.payload_too_large": "La requête est trop volumineuse (64 Kio au maximum).",
  "error.unsupported_media_type": "Envoie le corps en JSON.",
  "error.not_found": "Il n'y a rien à cette adresse.",
  "error.internal_error": "Un problème est survenu de notre côté. Réessaie.",
  "error.misconfigured": "Le service est momentanément indisponible. Réessaie plus tard.",
  "error.http_error": "La requête n'a pas pu être traitée.",
  "error.unauthorized": "Reconnecte-toi.",
  "error.invalid_credentials": "Adresse e-mail ou mot de passe incorrect.",
  "error.invalid_refresh_token": "Ta session a expiré. Reconnecte-toi.",
  "error.account_not_found": "Ce compte n'existe plus.",
  "error.account_deleted": "Ce compte a été supprimé.",
  "error.account_suspended": "Ce compte est suspendu.",
  "error.session_revoked":
    "Ta session a été fermée (changement de mot de passe ou déconnexion partout). Reconnecte-toi.",
  "error.wrong_password": "Le mot de passe est incorrect.",
  "error.reauthentication_required":
    "Pour ta sécurité, reconnecte-toi, puis réessaie dans les minutes qui suivent.",
  "error.email_not_verified":
    "Confirme d'abord ton adresse e-mail : ouvre le lien que nous t'avons envoyé (tu peux en demander un nouveau).",
  "error.external_account":
    "Ce compte se connecte via un autre fournisseur, qui gère son mot de passe et son adresse e-mail.",
  "error.invalid_reset_token":
    "Ce lien de réinitialisation n'est pas valide, a déjà servi ou a expiré.",
  "error.invalid_verification_token":
    "Ce lien de confirmation n'est pas valide, a déjà servi ou a expiré.",
  "error.invalid_cancel_token": "Ce lien d'annulation n'est pas valide, a déjà servi ou a expiré.",
  "error.turnstile_failed": "La vérification anti-robot a échoué. Réessaie.",
  "error.email_already_verified": "Cette adresse e-mail est déjà confirmée.",
  "error.export_limit_reached": "Tu as utilisé les exports de données du jour. Réessaie demain.",
  "error.rate_limited": "Trop de requêtes. Attends un instant, puis réessaie.",
  "error.forbidden": "Tu n'as pas le droit de faire ça.",
  "error.session_ended": "Cette session vocale est terminée.",
  "error.transcript_full": "La transcription de cet appel est pleine.",
  "error.upgrade_required": "Cette adresse demande une connexion WebSocket.",
  "error.email_taken": "Un compte existe déjà avec cette adresse e-mail.",
  "error.step_not_found": "Aucune étape du parcours d'accueil ne porte ce nom.",
  "error.onboarding_completed":
    "Le parcours d'accueil est déjà terminé : modifie plutôt ton profil.",
  "error.onboarding_incomplete": "Il manque encore des étapes du parcours d'accueil.",
  "error.profile_not_found":
    "Il n'y a pas encore de profil : termine d'abord le parcours d'accueil.",
  "error.precondition_failed": "Cela a changé depuis que tu l'as chargé. Recharge-le et réessaie.",
  "error.exercise_not_found": "Cet exercice n'existe pas.",
  "error.job_not_found": "Cette tâche de programme n'existe pas.",
  "error.program_not_found": "Ce programme n'existe pas.",
  "error.program_quota_exceeded":
    "Tu as créé autant de programmes qu'autorisé aujourd'hui. Réessaie demain.",
  "error.agent_socket_limit":
    "Cet appel a déjà autant de connexions d'agent qu'autorisé. Ferme-en une d'abord.",
  "error.voice_room_quota_exceeded":
    "Tu as lancé autant d'appels vocaux qu'autorisé ces dernières 24 heures. Réessaie plus tard.",
  "error.idempotency_key_reused": "Cette clé de requête a déjà servi pour une autre requête.",
  "error.no_active_program": "Tu n'as aucun programme actif.",
  "error.no_session_that_day": "Ton programme n'a pas de séance ce jour-là.",
  "error.session_not_found": "Cette séance d'entraînement n'existe pas.",
  "error.set_not_found": "Cette série n'existe pas dans cette séance.",
  "error.client_id_reused": "Cet identifiant d'entrée a déjà servi pour autre chose.",
  "error.notification_not_found": "Cette notification n'existe pas.",
  "error.device_not_found": "Cet appareil n'existe pas.",
  "error.conversation_not_found": "Cette conversation n'existe pas.",
  "error.chat_budget_exceeded":
    "Tu as utilisé le chat avec ton coach pour aujourd'hui. Il repart à minuit.",
  "error.llm_unavailable": "Le chat avec le coach n'est pas disponible pour le moment.",
  "error.llm_error": "Le coach n'a pas pu répondre. Réessaie.",
  "error.llm_timeout": "Le coach a mis trop de temps à répondre. Réessaie.",
  "error.voice_session_not_found": "Cette session vocale n'existe pas.",
  "error.voice_unavailable": "Le coaching vocal n'est pas disponible pour le moment. Réessaie.",
  "error.voice_session_active": "Tu as déjà un appel en cours : rejoins-le ou termine-le d'abord.",
  "error.voice_budget_exceeded":
    "Tu as utilisé tes minutes vocales du jour. Elles reviennent demain.",
  "error.tool_not_found": "Cet outil n'existe pas.",
  "error.tool_not_allowed": "Ce coach ne peut pas faire ça.",
  "error.unknown_exercise": "Cet exercice n'existe pas.",
  "error.invalid_arguments": "Les arguments ne sont pas valides.",
  "error.no_session_today": "Aucune séance n'est prévue aujourd'hui.",
  "error.day_taken": "Il y a déjà une séance ce jour-là.",
  "error.day_passed": "Ce jour est déjà passé cette semaine.",
  "error.no_meal": "Le plan de repas n'a aucun repas.",
  "error.user_not_found": "Cet utilisateur n'existe pas.",
  "error.last_admin":
    "C'est le dernier administrateur actif : nomme d'abord quelqu'un d'autre administrateur.",
  "error.issue_not_found": "Ce signalement n'existe pas.",
  "error.issue_resolved": "Ce signalement a déjà été relancé ou abandonné.",
  "error.exercise_exists": "Un exercice avec cet identifiant existe déjà.",
  "error.backup_not_found": "Il n'existe pas de telle sauvegarde pour cet utilisateur.",
  "error.backup_incompatible":
    "Cette sauvegarde ne correspond pas au stockage de cette version ; rien n'a été modifié.",
  "error.point_in_time_unavailable":
    "Ce serveur ne garde pas d'historique du stockage : restaure depuis une sauvegarde.",
  "error.exercise_not_planned": "Cet exercice ne fait pas partie de la séance prévue ce jour-là.",
  "error.swap_not_allowed": "Cet exercice ne peut pas remplacer celui-ci.",
  "error.version_conflict": "Cet élément a été modifié ailleurs entre-temps.",
  "error.op_id_reused": "Cette modification a déjà été envoyée avec un autre contenu.",
  "error.cursor_expired": "Ta copie hors ligne est trop ancienne : télécharge tout à nouveau.",
  "error.food_not_found": "Nous n'avons pas trouvé cet aliment.",
  "error.provider_rate_limited":
    "La base de données des aliments est occupée. Réessaie dans un instant.",
  "error.provider_unavailable":
    "La base de données des aliments est injoignable pour le moment. Réessaie plus tard.",
  "error.meal_draft_not_found": "Il n'existe pas de tel brouillon de photo à confirmer.",
  "error.meal_photos_exceeded":
    "Tu as envoyé toutes les photos d'assiette permises pour l'instant. Réessaie plus tard.",
  "error.no_such_meal_slot": "Le plan de repas n'a pas de repas à ce moment de la journée.",

  "validation.required": "est obligatoire",
  "validation.type": "doit être {type}",
  "validation.type.number": "un nombre",
  "validation.type.int": "un nombre entier",
  "validation.type.string": "du texte",
  "validation.type.boolean": "true ou false",
  "validation.type.array": "une liste",
  "validation.type.object": "un objet",
  "validation.type.date": "une date",
  "validation.equals": "doit être {value}",
  "validation.one_of": "doit être l'une de ces valeurs : {values}",
  "validation.not_empty": "ne doit pas être vide",
  "validation.min_chars": {
    one: "doit contenir au moins {count} caractère",
    other: "doit contenir au moins {count} caractères",
  },
  "validation.max_chars": {
    one: "doit contenir au plus {count} caractère",
    other: "doit contenir au plus {count} caractères",
  },
  "validation.at_least_one_item": "doit contenir au moins un élément",
  "validation.min_items": {
    one: "doit contenir au moins {count} élément",
    other: "doit contenir au moins {count} éléments",
  },
  "validation.max_items": {
    one: "doit contenir au plus {count} élément",
    other: "doit contenir au plus {count} éléments",
  },
  "validation.on_or_after": "doit être le {date} ou après",
  "validation.on_or_before": "doit être le {date} ou avant",
  "validation.min": "doit valoir au moins {limit}",
  "validation.more_than": "doit être supérieur à {limit}",
  "validation.max": "doit valoir au plus {limit}",
  "validation.less_than": "doit être inférieur à {limit}",
  "validation.pattern": "n'a pas le format attendu",
  "validation.starts_with": "doit commencer par « {prefix} »",
  "validation.ends_with": "doit se terminer par « {suffix} »",
  "validation.includes": "doit contenir « {text} »",
  "validation.format": "doit être {format}",
  "validation.format.email": "une adresse e-mail valide",
  "validation.format.url": "une URL",
  "validation.format.uuid": "un UUID",
  "validation.format.datetime": "une date et une heure (ISO 8601, p. ex. 2026-11-23T09:00:00Z)",
  "validation.format.date": "une date au format YYYY-MM-DD",
  "validation.format.time": "une heure « HH:MM »",
  "validation.format.duration": "une durée ISO 8601",
  "validation.format.other": "un {format} valide",
  "validation.multiple_of": "doit être un multiple de {divisor}",
  "validation.unknown_field": "champ inconnu",
  "validation.not_accepted_value": "ne fait pas partie des valeurs acceptées",
  "validation.no_accepted_form": "ne correspond à aucune forme acceptée",
  "validation.invalid_entry": "contient un élément non valide",
  "validation.invalid": "n'est pas valide",
  "validation.locale":
    "doit être une étiquette de langue (BCP 47) parmi {languages}, p. ex. {example}",
};
