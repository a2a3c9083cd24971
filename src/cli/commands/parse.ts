/** `procure parse --json "<question>"`: the parsed Request alone, as JSON. */
import { args, type Io, loadEngineOrThrow } from '../shared.js';

export async function run(argv: string[], io: Io): Promise<number> {
  const { positionals } = args(argv, { json: { type: 'boolean' } });
  const engine = await loadEngineOrThrow(io.root);
  io.out(`${JSON.stringify(engine.parse(positionals.join(' ')), null, 2)}\n`);
  return 0;
}
