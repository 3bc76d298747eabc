export { registerPreview, PreviewManager, PreviewCommands, PREVIEW_VIEW_TYPE, type PreviewOptions, type ExportOptions, type PreviewState } from './preview.js';
