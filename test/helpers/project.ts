/**
 * Temporary copies of the project data (catalog/, intents/, templates/) for tests that break one file
 * and check what the loader, the linter or the command line says about it.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Document, parseDocument } from 'yaml';

/** The repository root (this file is test/helpers/project.ts). */
export const REPO_ROOT = join(import.meta.dirname, '..', '..');

const DATA_DIRS = ['catalog', 'intents', 'templates'] as const;

/** Copies catalog/, intents/ and templates/ into a fresh temporary directory and returns its path. */
export function copyProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'procure-project-'));
  for (const dir of DATA_DIRS) cpSync(join(REPO_ROOT, dir), join(root, dir), { recursive: true });
  return root;
}

/** A fresh empty temporary directory (for PROCURE_DATA_DIR). */
export function tempDir(prefix = 'procure-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Edits a YAML file of a copied project in place, keeping its comments and layout. */
export function editYaml(root: string, file: string, edit: (doc: Document) => void): void {
  const path = join(root, file);
  const doc = parseDocument(readFileSync(path, 'utf8'));
  edit(doc);
  writeFileSync(path, String(doc));
}

/** Reads a value from a YAML file of a copied project (e.g. the id of the first price). */
export function readYamlValue(root: string, file: string, path: (string | number)[]): unknown {
  return parseDocument(readFileSync(join(root, file), 'utf8')).getIn(path);
}

/** Replaces a file's text with the result of `edit`. */
export function editText(root: string, file: string, edit: (text: string) => string): void {
  const path = join(root, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
}

/**
 * Removes the shipped price tables (catalog/prices/shipped-*.json) from a copied project: for tests of a price
 * mechanism on hand-made rows, which the thousands of shipped rows would otherwise out-price.
 */
export function removeShippedTables(root: string): void {
  const dir = join(root, 'catalog', 'prices');
  for (const f of readdirSync(dir)) if (f.startsWith('shipped-')) rmSync(join(dir, f));
}
