import { LANGUAGE_NAMES, type Language, languageOf } from "./locale.ts";

// The coaches (chat and voice) are told the user's language. Their prompts stay in English
// (the persona text and tool descriptions are written once); one line says what to answer in.
// The agent host runs this file (and locale.ts) unbundled under Node in dev: imports carry .ts.

/** The prompt line that sets the language a coach answers in. */
export function coachLanguageInstruction(locale: string): string {
  const language = languageOf(locale);
  const { english } = LANGUAGE_NAMES[language];
  return `The user's language is ${english} (locale ${locale}). Always answer in ${english}, even when tool results or context are in English; keep exercise names as the catalog writes them.`;
}

/**
 * The language a voice call runs in: the user's, when speech recognition and synthesis are
 * offered for it, else English with `offered: false` (the agent says so, in the user's language
 * on the client and in English on the call).
 */
export function voiceLanguage(
  locale: string,
  offered: readonly Language[],
): { language: Language; offered: boolean; requested: Language } {
  const requested = languageOf(locale);
  return offered.includes(requested)
    ? { language: requested, offered: true, requested }
    : { language: "en", offered: false, requested };
}
