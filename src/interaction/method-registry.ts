import type { AnyIdentificationMethod, DecoupledIdentificationMethod, MethodOption } from '../identity/identification-method.ts';
import { acrMeets, type Acr } from '../identity/identity.ts';
import { BadRequestError } from '../errors/http-errors.ts';

/** The enabled identification methods, as the config wired them. */
export function createMethodRegistry(methods: readonly AnyIdentificationMethod[]) {
  const all = methods.flatMap((method) => method.options().map((option) => ({ option, method })));
  /** The method behind an option id; a stale or forged id is the client's error. */
  function resolve(optionId: string | null, required: Acr | undefined): { option: MethodOption; method: AnyIdentificationMethod } {
    const found = all.find((o) => o.option.id === optionId);
    if (!found) throw new BadRequestError('unknown identification method');
    if (required !== undefined && !acrMeets(found.option.acr, required)) {
      throw new BadRequestError('the method does not meet the requested level of assurance');
    }
    return found;
  }

  return {
    /** The choices that meet `required`, in configuration order. */
    optionsMeeting(required: Acr | undefined): MethodOption[] {
      return all.map((o) => o.option).filter((o) => required === undefined || acrMeets(o.acr, required));
    },
    resolve,
    byKind(kind: string): AnyIdentificationMethod | undefined {
      return methods.find((m) => m.kind === kind);
    },
    /** The decoupled method behind an option id, checked against the required level like `resolve`. */
    resolveDecoupled(optionId: string | null, required: Acr | undefined): { option: MethodOption; method: DecoupledIdentificationMethod } {
      const found = resolve(optionId, required);
      if (found.method.flow !== 'decoupled') throw new BadRequestError('not a decoupled identification method');
      return { option: found.option, method: found.method };
    },
  };
}

export type MethodRegistry = ReturnType<typeof createMethodRegistry>;
