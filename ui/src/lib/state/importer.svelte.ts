/**
 * The import as the Import screen sees it: files read but not yet imported,
 * the import in progress and what it did, and the ledger whose columns are
 * being mapped, or the bank CSV whose columns are. Rust reads, checks and counts the files; this class keeps
 * its answers and decides nothing about their content. After an import it
 * reloads the book, so every screen shows the new data, and the invoice PDFs
 * whose invoice Rust could not find, for a person to link by number.
 */

import * as commands from "../api/commands";
import type {
  CommandError,
  FilePreview,
  ImportOutcome,
  ImportProgress,
  UnlinkedDocument,
} from "../api/types";
import type { BookState } from "./book.svelte";
import { BankMappingState } from "./bankMapping.svelte";
import { MappingState } from "./mapping.svelte";

/** Holds the files waiting to be imported and the state of importing them. */
export class ImportState {
  // Files are read one call at a time per pick or drop, and several may overlap.
  #n_previewing = $state(0);

  /** Files read and waiting to be imported, in the order they arrived. */
  previews = $state.raw<FilePreview[]>([]);
  /** True while the file dialog is open or files are being read. */
  previewing = $derived(this.#n_previewing > 0);
  /** True while `import_files` runs. */
  importing = $state(false);
  /** Paths of the files being imported now. */
  batch = $state.raw<string[]>([]);
  /** The latest `import-progress` of each file, by file name, during an import. */
  progress = $state.raw<Record<string, ImportProgress>>({});
  /** What the last import did, file by file, in Rust's order, then each mapped ledger. */
  outcomes = $state.raw<ImportOutcome[]>([]);
  /** The ledger on the mapping screen; null while that screen is closed. */
  mapping = $state.raw<MappingState | null>(null);
  /** The bank CSV on the bank mapping screen; null while that screen is closed. */
  bankMapping = $state.raw<BankMappingState | null>(null);

  /** Invoice PDFs in the book whose invoice was not found, as Rust last listed them. */
  unlinked = $state.raw<UnlinkedDocument[]>([]);
  /** Ids of the PDFs being linked now. */
  assigning = $state.raw<number[]>([]);
  /** Why the last link of a PDF failed, by its id, shown beside it until it is tried again. */
  assignErrors = $state.raw<Record<number, CommandError>>({});

  // Each load of the unlinked PDFs gets a number, so a slow earlier one cannot win.
  #unlinkedGeneration = 0;

  /** The previewed files that can be imported: those read without an error. */
  importable = $derived(this.previews.filter((preview) => preview.error === null));
  /** True when the Import button may be pressed. */
  canCommit = $derived(!this.importing && this.importable.length > 0);

  readonly #book: BookState;

  /** `book` is reloaded after each import and shows the errors of commands. */
  constructor(book: BookState) {
    this.#book = book;
  }

  /** Opens the file dialog and previews what was chosen; nothing when cancelled. */
  async pick(): Promise<void> {
    await this.#reading(async () => {
      const paths = await commands.pickImportFiles();
      if (paths.length > 0) await this.#preview(paths);
    });
  }

  /**
   * Reads `paths` (files or folders) without importing them and adds them
   * to the waiting files. A path already waiting is replaced by its new
   * preview. Resolves once the previews are here; a failed call shows its
   * error in the book's banner instead of rejecting.
   */
  async preview(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    await this.#reading(() => this.#preview(paths));
  }

  /**
   * Imports the waiting files that were read without an error, listening to
   * `import-progress` only while the import runs. The imported files leave
   * the waiting list (the failed ones stay, with their error), the outcomes
   * replace the previous ones, and the book is reloaded.
   */
  async commit(): Promise<void> {
    if (!this.canCommit) return;
    // A zip is previewed as the files inside, each under the zip's path: import it once.
    const paths = [...new Set(this.importable.map((preview) => preview.path))];
    this.importing = true;
    this.batch = paths;
    this.progress = {};
    this.outcomes = [];
    const stopListening = await this.#listenToProgress();
    try {
      const outcomes = await commands.importFiles(paths);
      const imported = new Set(paths);
      this.previews = this.previews.filter((preview) => !imported.has(preview.path));
      this.outcomes = outcomes;
      await Promise.all([this.#book.reload(), this.loadUnlinked()]);
    } catch (error) {
      this.#book.reportError(error);
    } finally {
      await stopListening();
      this.batch = [];
      this.importing = false;
    }
  }

  /** Forgets the waiting files and the outcomes of the last import. */
  clear(): void {
    if (this.importing || this.#mappingImports()) return;
    this.previews = [];
    this.outcomes = [];
    this.progress = {};
    this.mapping = null;
    this.bankMapping = null;
  }

  /**
   * Opens the mapping screen for a waiting ledger: one whose columns were
   * not recognised, or one whose recognised columns a person wants to
   * check. Resolves once its rows are here (or its error is on the screen).
   */
  async openMapping(preview: FilePreview): Promise<void> {
    if (this.importing || this.#mappingImports()) return;
    const mapping = new MappingState(preview.path, preview.file);
    this.bankMapping = null;
    this.mapping = mapping;
    await mapping.load();
  }

  /** Closes the mapping screen without importing; nothing while it imports. */
  closeMapping(): void {
    if (this.mapping?.importing) return;
    this.mapping = null;
  }

  /**
   * Imports the ledger on the mapping screen with the person's mapping
   * (Rust saves it for files of the same shape). On success its outcome
   * joins the results, the file leaves the waiting list, the screen closes
   * and the book is reloaded; on failure the screen stays open with the
   * error, so the mapping can be corrected.
   */
  async importMapped(): Promise<void> {
    const mapping = this.mapping;
    if (mapping === null || this.importing) return;
    const outcome = await mapping.import();
    if (outcome === null) return;
    this.previews = this.previews.filter((preview) => preview.path !== mapping.path);
    this.outcomes = [...this.outcomes, outcome];
    if (this.mapping === mapping) this.mapping = null;
    await Promise.all([this.#book.reload(), this.loadUnlinked()]);
  }

  /**
   * Opens the bank mapping screen for a waiting CSV no reader recognised,
   * for a person to say which column holds what. Resolves once its rows
   * are here (or its error is on the screen).
   */
  async openBankMapping(preview: FilePreview): Promise<void> {
    if (this.importing || this.#mappingImports()) return;
    const mapping = new BankMappingState(preview.path, preview.file);
    this.mapping = null;
    this.bankMapping = mapping;
    await mapping.load();
  }

  /** Closes the bank mapping screen without importing; nothing while it imports. */
  closeBankMapping(): void {
    if (this.bankMapping?.importing) return;
    this.bankMapping = null;
  }

  /**
   * Imports the bank CSV on the bank mapping screen with the person's
   * mapping (Rust saves it for files of the same shape and runs matching).
   * On success its outcome joins the results, the file leaves the waiting
   * list, the screen closes and the book is reloaded; on failure the screen
   * stays open with the error naming the line and column.
   */
  async importBankMapped(): Promise<void> {
    const mapping = this.bankMapping;
    if (mapping === null || this.importing) return;
    const outcome = await mapping.import();
    if (outcome === null) return;
    this.previews = this.previews.filter((preview) => preview.path !== mapping.path);
    this.outcomes = [...this.outcomes, outcome];
    if (this.bankMapping === mapping) this.bankMapping = null;
    await Promise.all([this.#book.reload(), this.loadUnlinked()]);
  }

  /**
   * Asks Rust again which invoice PDFs have no invoice. A failed call shows
   * its error in the book's banner and keeps the list as it was.
   */
  async loadUnlinked(): Promise<void> {
    const generation = ++this.#unlinkedGeneration;
    try {
      const unlinked = await commands.unlinkedDocuments();
      if (generation === this.#unlinkedGeneration) this.unlinked = unlinked;
    } catch (error) {
      if (generation === this.#unlinkedGeneration) this.#book.reportError(error);
    }
  }

  /**
   * Links the unlinked PDF `documentId` to the invoice numbered `invoice`.
   * On success it leaves the list and the book is reloaded; on failure (an
   * unknown number comes back as an `input` error) the error is kept by the
   * PDF's id to show beside it. Resolves to true when it was linked.
   */
  async assignDocument(documentId: number, invoice: string): Promise<boolean> {
    const number = invoice.trim();
    if (number === "" || this.assigning.includes(documentId)) return false;
    this.assigning = [...this.assigning, documentId];
    this.assignErrors = withoutKey(this.assignErrors, documentId);
    try {
      await commands.assignDocument(documentId, number);
    } catch (error) {
      this.assignErrors = { ...this.assignErrors, [documentId]: commands.toCommandError(error) };
      return false;
    } finally {
      this.assigning = this.assigning.filter((id) => id !== documentId);
    }
    // A load that started before the link would bring the PDF back.
    this.#unlinkedGeneration += 1;
    this.unlinked = this.unlinked.filter((document) => document.id !== documentId);
    await this.#book.reload();
    return true;
  }

  #mappingImports(): boolean {
    return (this.mapping?.importing ?? false) || (this.bankMapping?.importing ?? false);
  }

  async #preview(paths: readonly string[]): Promise<void> {
    const previews = await commands.previewFiles(paths);
    const fresh = new Set(previews.map((preview) => preview.path));
    this.previews = [...this.previews.filter((preview) => !fresh.has(preview.path)), ...previews];
  }

  async #reading(action: () => Promise<void>): Promise<void> {
    this.#n_previewing += 1;
    try {
      await action();
    } catch (error) {
      this.#book.reportError(error);
    } finally {
      this.#n_previewing -= 1;
    }
  }

  // Progress is only shown, so an import goes ahead when listening fails.
  async #listenToProgress(): Promise<() => Promise<void>> {
    try {
      const unlisten = await commands.listenImportProgress((progress) => {
        this.progress = { ...this.progress, [progress.file]: progress };
      });
      return async () => {
        try {
          await unlisten();
        } catch {
          // The listener goes with the webview anyway.
        }
      };
    } catch (error) {
      console.warn("import progress is not shown:", commands.toCommandError(error).message);
      return async () => {};
    }
  }
}

function withoutKey<T>(record: Record<number, T>, key: number): Record<number, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
