// The Y.Doc's field names live in ../docFields.ts; re-exported here for the editor's readers.
export {
  AUTHORS_FIELD,
  DOCUMENT_FIELD,
  SAVE_MARKS_FIELD,
  SUGGESTIONS_FIELD,
} from "../docFields.js";
export {
  anchorAt,
  commentAnchor,
  commentRange,
  decodePosition,
  editorBinding,
  encodePosition,
  isEncodedAnchor,
  isYjsChange,
  renderedBinding,
  resolveAnchor,
  resolvePosition,
  type TAnchorRange,
  type TResolveOptions,
  type TYBinding,
} from "./anchors.js";
export {
  readAuthor,
  type TAuthor,
  type TAuthorRun,
  textAuthorRuns,
  xmlTexts,
} from "./authorship.js";
export { AutoDirection } from "./autoDirection.js";
export { callEstimate, estimateDelivery, type TSpeakingEstimate } from "./deliveryEstimate.js";
export { documentContent } from "./documentContent.js";
export { estimateDraft } from "./draftEstimate.js";
export { initialDocumentState } from "./initialState.js";
export { Link } from "./link.js";
export { readAloudParagraphs, STAGE_NOTE_MARK, textParagraphs } from "./readAloud.js";
export { documentExtensions, EDITOR_SCHEMA_VERSION } from "./schema.js";
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
  listSuggestions,
  readSuggestion,
  SUGGESTION_LIMITS,
  suggestionBudgetPassed,
  type TSuggestion,
  type TSuggestionBudget,
} from "./suggestions.js";
export { builtInTemplate, fillTemplate, templateProblem } from "./templateContent.js";
export { interventionTemplate, TEMPLATE_LANGUAGES, type TInterventionTemplateInput } from "./templates.js";
