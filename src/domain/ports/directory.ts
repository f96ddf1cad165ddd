/** Someone in the organisation's directory, as far as MFA Coach needs to know them. */
export interface Person {
  id: string;
  displayName: string;
  givenName?: string;
  department?: string;
  jobTitle?: string;
}

/** The organisation's directory (Microsoft Entra ID through Graph in production). */
export interface Directory {
  /** The person with this Entra object id, or undefined when there is none. */
  findPerson(id: string): Promise<Person | undefined>;
}
