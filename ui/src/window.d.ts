/**
 * What the app puts on `window` for the end-to-end tests in `tests/`.
 * Nothing in the app reads these; they exist because WebDriver cannot do
 * what a person does (drag files from the desktop).
 */

export {};

declare global {
  interface Window {
    /**
     * The end-to-end entry point for a file drop, installed by
     * `components/FileDropTarget.svelte` next to the real drag-and-drop
     * listener and running exactly what a real drop runs: the overlay
     * closes, the Import screen opens and `preview_files` reads `paths`
     * (absolute paths of files or folders). Resolves once the previews (or
     * the error banner) are on screen; never rejects. Absent outside the
     * mounted app.
     */
    __tegoedDropPaths?: (paths: string[]) => Promise<void>;
  }
}
