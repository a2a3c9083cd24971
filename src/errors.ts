/**
 * The error a user's own input causes: shown as one sentence, exit 1. Kept here, free of imports, so any command can
 * throw it cheaply. `said`: the sentence's key in templates/<lang>/*.yaml and its values, for the CLI to say it in
 * the user's language (src/cli/main.ts); the message is then the key, shown only if no messages can be read.
 */
export class InputError extends Error {
  readonly said: { key: string; vars: Record<string, string | number> } | undefined;
  constructor(message: string, said?: { key: string; vars?: Record<string, string | number> }) {
    super(message);
    this.name = 'InputError';
    this.said = said ? { key: said.key, vars: said.vars ?? {} } : undefined;
  }
}

/** An InputError whose sentence is a message key: said in the CLI user's language when shown. */
export function inputError(key: string, vars: Record<string, string | number> = {}): InputError {
  return new InputError(key, { key, vars });
}
