export { createOcrEngine, defaultModel, languageDataPath, pagesInFlight, CACHE_DIR, type OcrEngine, type OcrEngineOptions, type OcrModel, type RecognizedPage } from './engine.js';
export { extractPages, type ExtractOptions, type TextLayerPolicy } from './pages.js';
