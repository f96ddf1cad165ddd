import type { AuthenticationMethodConfiguration, ConditionalAccessPolicy, DemoPolicies, RegistrationCampaign } from '../demo-tenant';
import { campaignProblems } from './campaign-patch';

/**
 * The tenant's sign-in policies as the emulator serves them: a copy of the generated ones that tests may change
 * (campaign state, Conditional Access, security defaults) and reset() restores. Getters hand out copies, so a
 * caller can never change the state by editing what it read.
 */
export class PolicyState {
  private campaign!: RegistrationCampaign;
  private conditionalAccess!: ConditionalAccessPolicy[];
  private securityDefaults!: boolean;
  private methodsPolicyModified!: string;

  constructor(private readonly initial: DemoPolicies) {
    this.reset();
  }

  get registrationCampaign(): RegistrationCampaign {
    return structuredClone(this.campaign);
  }

  /**
   * Changes the registration campaign as a v1.0 PATCH would (nested properties left out keep their values, the
   * target lists are replaced whole). Values Graph would refuse throw, with the reason.
   */
  setRegistrationCampaign(change: Partial<RegistrationCampaign>): void {
    const next = { ...this.campaign, ...structuredClone(change) };
    const problems = campaignProblems(next);
    if (problems.length > 0) throw new Error(`invalid registration campaign: ${problems.join('; ')}`);
    this.campaign = next;
    this.methodsPolicyModified = new Date().toISOString();
  }

  /** lastModifiedDateTime of the authentication methods policy: the generated one until a change. */
  get authenticationMethodsPolicyModified(): string {
    return this.methodsPolicyModified;
  }

  get authenticationMethodConfigurations(): AuthenticationMethodConfiguration[] {
    return structuredClone(this.initial.authenticationMethodConfigurations);
  }

  get conditionalAccessPolicies(): ConditionalAccessPolicy[] {
    return structuredClone(this.conditionalAccess);
  }

  /** Replaces every Conditional Access policy (ids must be unique), e.g. to test a tenant with none. */
  setConditionalAccessPolicies(policies: readonly ConditionalAccessPolicy[]): void {
    const ids = policies.map((p) => p.id);
    if (new Set(ids).size !== ids.length) throw new Error('Conditional Access policy ids must be unique');
    this.conditionalAccess = structuredClone([...policies]);
  }

  /** Changes one policy's top-level properties, e.g. `{ state: 'disabled' }`; modifiedDateTime moves to now. */
  updateConditionalAccessPolicy(id: string, change: Partial<Omit<ConditionalAccessPolicy, 'id'>>): ConditionalAccessPolicy {
    const at = this.conditionalAccess.findIndex((p) => p.id === id);
    if (at < 0) throw new Error(`no Conditional Access policy ${id}`);
    const updated = { ...(this.conditionalAccess[at] as ConditionalAccessPolicy), ...structuredClone(change), id };
    updated.modifiedDateTime = new Date().toISOString();
    this.conditionalAccess[at] = updated;
    return structuredClone(updated);
  }

  get securityDefaultsEnabled(): boolean {
    return this.securityDefaults;
  }

  setSecurityDefaults(enabled: boolean): void {
    this.securityDefaults = enabled;
  }

  /** Back to the generated policies. */
  reset(): void {
    this.campaign = structuredClone(this.initial.registrationCampaign);
    this.conditionalAccess = structuredClone(this.initial.conditionalAccessPolicies);
    this.securityDefaults = this.initial.securityDefaultsEnabled;
    this.methodsPolicyModified = this.initial.authenticationMethodsPolicyModified;
  }
}
