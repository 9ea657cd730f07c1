import type { InitPrompts } from '../init/init-prompts.js';
import { PromptCancelled } from '../init/init-prompts.js';

/**
 * {@link InitPrompts} on the terminal with @clack/prompts (loaded on first use).
 *
 * @see https://bomb.sh/docs/clack/packages/prompts/
 */
export function createClackPrompts(): InitPrompts {
  const load = () => import('@clack/prompts');
  const check = async <T>(value: T | symbol): Promise<Exclude<T, symbol>> => {
    const { isCancel } = await load();
    if (isCancel(value)) throw new PromptCancelled();
    return value as Exclude<T, symbol>;
  };
  return {
    async select(message, choices, initial) {
      const { select } = await load();
      // clack's option type is a conditional type over T; the values are plain strings here.
      const options = choices.map((c) => ({ value: c.value, label: c.label })) as Parameters<
        typeof select
      >[0]['options'];
      return (await check(await select({ message, options, initialValue: initial }))) as typeof initial & string;
    },
    async text(message, initial) {
      const { text } = await load();
      return check(await text({ message, initialValue: initial }));
    },
    async confirm(message, initial) {
      const { confirm } = await load();
      return check(await confirm({ message, initialValue: initial }));
    },
  };
}
