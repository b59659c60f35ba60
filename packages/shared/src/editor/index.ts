export {
  AUTHORS_FIELD,
  readAuthor,
  type TAuthor,
  type TAuthorRun,
  textAuthorRuns,
  xmlTexts,
} from "./authorship.js";
export { AutoDirection } from "./autoDirection.js";
export {
  commentAnchor,
  commentRange,
  editorBinding,
  isEncodedAnchor,
  isYjsChange,
  type TAnchorRange,
  type TYBinding,
} from "./commentAnchors.js";
export { documentContent } from "./documentContent.js";
export { estimateDraft } from "./draftEstimate.js";
export { initialDocumentState } from "./initialState.js";
export { readAloudParagraphs, STAGE_NOTE_MARK, textParagraphs } from "./readAloud.js";
export { DOCUMENT_FIELD, documentExtensions, EDITOR_SCHEMA_VERSION, SAVE_MARKS_FIELD } from "./schema.js";
export { StageNote } from "./stageNote.js";
export {
  planSuggestion,
  type TAttemptedEdit,
  type TPlacedSuggestion,
  type TPlannedSuggestion,
  type TSuggestionPlan,
} from "./suggestionEdits.js";
export {
  checkSuggestionUpdate,
  decodePosition,
  encodePosition,
  listSuggestions,
  readSuggestion,
  SUGGESTION_LIMITS,
  SUGGESTIONS_FIELD,
  suggestionBudgetPassed,
  type TSuggestion,
  type TSuggestionBudget,
} from "./suggestions.js";
export { builtInTemplate, fillTemplate, templateProblem } from "./templateContent.js";
export { interventionTemplate, TEMPLATE_LANGUAGES, type TInterventionTemplateInput } from "./templates.js";
