/**
 * Handlebars templates without the Handlebars compiler at start-up. `compileTemplate` gives what
 * `Handlebars.compile` gives (a template compiled on its first call), but a template whose precompiled form is
 * known (`rememberSpecs`) is only evaluated with Handlebars' runtime: parsing a template and generating its code was
 * most of the cost of a `procure ask` answer's first rendering. Templates are data people edit, so a precompiled
 * form is found by the template's exact text and options; a changed template is a new key, compiled with the full
 * Handlebars (loaded only then) and added to `newSpecs()` for the caller to keep (src/cli/template-cache.ts keeps
 * them in the data directory).
 *
 * No I/O here: the specs come in and go out as strings.
 */
import { createRequire } from 'node:module';
import type HandlebarsApi from 'handlebars';
// The runtime's file (handlebars has no exports map; its own typings describe the full package only).
import RuntimeModule from 'handlebars/runtime.js';

const Runtime = RuntimeModule as unknown as typeof HandlebarsApi;

export interface CompileOptions {
  strict?: boolean;
  noEscape?: boolean;
  preventIndent?: boolean;
}

type Env = ReturnType<typeof Runtime.create>;
type Template = HandlebarsTemplateDelegate;

/** The Handlebars version precompiled specs are valid for. */
export const HANDLEBARS_VERSION: string = Runtime.VERSION;

/** Precompiled specs (JavaScript source, as `Handlebars.precompile` writes it) by `specKey`. */
const specs = new Map<string, string>();
/** Specs compiled in this process, by `specKey`. */
const added = new Map<string, string>();
/** Keys whose spec was used in this process. */
const used = new Set<string>();

/** The key of a template: its options and its exact text. */
export function specKey(source: string, options: CompileOptions): string {
  return `${options.strict ? 's' : ''}${options.noEscape ? 'n' : ''}${options.preventIndent ? 'p' : ''}\u0000${source}`;
}

/** Precompiled specs to use (from the template cache): key → spec. */
export function rememberSpecs(entries: Iterable<[string, string]>): void {
  for (const [k, v] of entries) if (!specs.has(k)) specs.set(k, v);
}

/** Specs compiled in this process (none when every template was known). */
export function newSpecs(): ReadonlyMap<string, string> {
  return added;
}

/** Keys whose spec this process used, known or new. */
export function usedSpecKeys(): ReadonlySet<string> {
  return used;
}

/** A Handlebars environment with the runtime only: helpers and partials are registered on it as usual. */
export function createEnv(): Env {
  return Runtime.create();
}

let compiler: { precompile(source: string, options: object): string } | undefined;

/** The precompiled spec of a template: remembered, or made with the full Handlebars (loaded on first need). */
function specOf(source: string, options: CompileOptions): string {
  const key = specKey(source, options);
  used.add(key);
  const known = specs.get(key);
  if (known !== undefined) return known;
  compiler ??= createRequire(import.meta.url)('handlebars') as { precompile(s: string, o: object): string };
  // precompile changes the options it is given (data, knownHelpers): a copy each time.
  const spec = compiler.precompile(source, { ...options });
  specs.set(key, spec);
  added.set(key, spec);
  return spec;
}

/**
 * The template, as `env.compile(source, options)` would give it with the full Handlebars: compiled (or its spec
 * evaluated) on its first call, so an invalid template fails when used, as before.
 */
export function compileTemplate(env: Env, source: string, options: CompileOptions): Template {
  let template: Template | undefined;
  return (context: unknown, execOptions?: RuntimeOptions) => {
    template ??= fromSpec(env, source, options);
    return template(context, execOptions);
  };
}

function fromSpec(env: Env, source: string, options: CompileOptions): Template {
  // The spec is JavaScript that Handlebars wrote for this template (an object literal of functions).
  const evaluate = (spec: string) => env.template(new Function(`return ${spec};`)()) as Template;
  try {
    return evaluate(specOf(source, options));
  } catch (err) {
    // A remembered spec that does not evaluate (a damaged cache) is compiled again; a new one's error is the template's.
    const key = specKey(source, options);
    if (added.has(key) || !specs.has(key)) throw err;
    specs.delete(key);
    return evaluate(specOf(source, options));
  }
}
