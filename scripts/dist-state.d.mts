export const ROOT: string;
export function sourceState(dir?: string): { files: number; newest: number };
export function distIsCurrent(): boolean;
