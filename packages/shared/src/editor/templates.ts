import type { JSONContent } from "@tiptap/core";
import { STAGE_NOTE_MARK } from "./readAloud.js";

/** What a new intervention's template is filled in with. */
export interface TInterventionTemplateInput {
  /** BCP 47 tag of the delivery language; the template's wording follows its base language. */
  language: string;
  forum: string;
  agendaItem: string;
}

interface TTemplateWording {
  /** The address to the chair that opens every intervention. */
  address: string;
  /** A stage note where the body goes: what to say, not read aloud. */
  body: string;
  closing: string;
}

/**
 * The wording of an intervention's frame in the languages the template
 * knows; any other language starts from English. The chair is addressed
 * without a gender where the language allows it ("Presidencia" is the
 * usage of UN Spanish); the French form names both.
 */
const INTERVENTION_WORDING: Readonly<Record<string, TTemplateWording>> = {
  en: {
    address: "Thank you, Chair.",
    body: "Who we speak for; our main point; what we ask of the States.",
    closing: "Thank you.",
  },
  es: {
    address: "Gracias, Presidencia.",
    body: "En nombre de quién hablamos; nuestro punto principal; qué pedimos a los Estados.",
    closing: "Gracias.",
  },
  fr: {
    address: "Merci, Madame la Présidente, Monsieur le Président.",
    body: "Au nom de qui nous parlons ; notre point principal ; ce que nous demandons aux États.",
    closing: "Je vous remercie.",
  },
  ar: {
    address: "شكرًا، السيدة الرئيسة، السيد الرئيس.",
    body: "باسم من نتحدث؛ نقطتنا الرئيسية؛ ما نطلبه من الدول.",
    closing: "شكرًا لكم.",
  },
  ru: {
    address: "Благодарю Вас, Председатель.",
    body: "От чьего имени мы выступаем; наш главный тезис; чего мы просим от государств.",
    closing: "Благодарю за внимание.",
  },
  zh: {
    address: "谢谢主席。",
    body: "我们代表谁发言；我们的主要观点；我们对各国的要求。",
    closing: "谢谢。",
  },
};

/** Base languages {@link interventionTemplate} has its own wording for. */
export const TEMPLATE_LANGUAGES = Object.keys(INTERVENTION_WORDING);

const paragraph = (text: string, stageNote = false): JSONContent => ({
  type: "paragraph",
  content: [{ type: "text", text, ...(stageNote ? { marks: [{ type: STAGE_NOTE_MARK }] } : {}) }],
});

/**
 * A new intervention's text, as editor JSON: where it is delivered (a stage
 * note, when known), the address to the chair, a stage note where the body
 * goes, and the closing. Stage notes are not read aloud, so the template
 * itself costs only the few seconds of address and closing.
 */
export function interventionTemplate(input: TInterventionTemplateInput): JSONContent {
  const base = input.language.toLowerCase().split(/[-_]/)[0] ?? "en";
  const wording = INTERVENTION_WORDING[base] ?? (INTERVENTION_WORDING.en as TTemplateWording);
  const where = [input.forum.trim(), input.agendaItem.trim()].filter(Boolean).join(" — ");
  return {
    type: "doc",
    content: [
      ...(where ? [paragraph(where, true)] : []),
      paragraph(wording.address),
      paragraph(wording.body, true),
      paragraph(wording.closing),
    ],
  };
}
