export { createOcrEngine, languageDataPath, pagesInFlight, CACHE_DIR, type OcrEngine, type OcrEngineOptions, type RecognizedPage } from './engine.js';
export { extractPages, type ExtractOptions, type TextLayerPolicy } from './pages.js';
