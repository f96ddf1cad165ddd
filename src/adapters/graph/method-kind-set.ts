import { METHOD_KINDS, type MethodKind } from '../../domain/mfa/method-kind';

/** Method kinds collected from Graph's names: each once, in METHOD_KINDS order, so both sources compare equal. */
export class MethodKindSet {
  private readonly kinds = new Set<MethodKind>();

  add(kind: MethodKind): void {
    this.kinds.add(kind);
  }

  toArray(): MethodKind[] {
    return METHOD_KINDS.filter((kind) => this.kinds.has(kind));
  }
}
