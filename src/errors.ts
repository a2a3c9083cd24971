/** The error a user's own input causes: shown as one sentence, exit 1. Kept here, free of imports, so any command can throw it cheaply. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
