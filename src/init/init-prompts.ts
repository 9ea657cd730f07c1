/** One choice of a {@link InitPrompts.select} prompt. */
export interface PromptChoice<T extends string> {
  readonly value: T;
  readonly label: string;
}

/**
 * The questions `dockyard init` asks on a TTY. Injected, so tests drive them with scripted answers; the CLI
 * uses @clack/prompts ({@link import('../cli/clack-prompts.js').createClackPrompts}). Each function resolves
 * to the answer, or rejects with {@link PromptCancelled} when the user cancels (Ctrl-C / Esc).
 * Answers are checked by the caller, which prints the problem and asks again.
 */
export interface InitPrompts {
  select<T extends string>(message: string, choices: readonly PromptChoice<T>[], initial?: T): Promise<T>;
  text(message: string, initial?: string): Promise<string>;
  confirm(message: string, initial: boolean): Promise<boolean>;
}

/** The user cancelled a prompt. `dockyard init` exits 1 without writing anything. */
export class PromptCancelled extends Error {
  constructor() {
    super('cancelled; nothing was written');
    this.name = 'PromptCancelled';
  }
}
