/** The bot could not start: one sentence, shown without a stack. Apart from app.ts so the front need not load Bolt. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
