// Public API: each stage as a plain function over the plain data in ./types.js.
export * from './types.js';
export { VnocrError, UsageError, InputError, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE } from './errors.js';
export { runBatch, type BatchSummary } from './pipeline/batch.js';
export { processDocument, type DocumentResult } from './pipeline/document.js';
export { createStages, type Stages } from './pipeline/stages.js';
export { resolveRunOptions, type RunOptions } from './pipeline/options.js';
export { createProgress, type Progress } from './pipeline/progress.js';
export { extractPages, type ExtractOptions } from './ocr/index.js';
export { openInput, type InputPages } from './ingest/index.js';
export { createOcrEngine, type OcrEngine } from './ocr/engine.js';
export { preprocessPage, type PreparedPage } from './preprocess/index.js';
export { loadRestorer, loadModel, trainModel, Restorer, LanguageModel, DEFAULT_MODEL } from './restore/index.js';
export { structureReport, renderReport, type Report } from './structure/index.js';
export { evaluate, type Scores } from './eval/index.js';
export * as text from './text/index.js';
