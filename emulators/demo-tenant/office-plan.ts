/**
 * Where people work. Time zones are Windows names, exactly as `GET /users/{id}/mailboxSettings` returns them,
 * so the bot's quiet-hours logic meets the same strings it will meet in production.
 */
export interface Office {
  city: string;
  country: string;
  usageLocation: string;
  timeZone: string;
  preferredLanguage: string;
  /** Prefix for generated phone numbers in Graph's "+{country code} {number}" format. */
  phonePrefix: string;
  weight: number;
}

export const OFFICES: readonly Office[] = [
  {
    city: 'Seattle',
    country: 'United States',
    usageLocation: 'US',
    timeZone: 'Pacific Standard Time',
    preferredLanguage: 'en-US',
    phonePrefix: '+1 206555',
    weight: 28,
  },
  {
    city: 'New York',
    country: 'United States',
    usageLocation: 'US',
    timeZone: 'Eastern Standard Time',
    preferredLanguage: 'en-US',
    phonePrefix: '+1 212555',
    weight: 18,
  },
  {
    city: 'London',
    country: 'United Kingdom',
    usageLocation: 'GB',
    timeZone: 'GMT Standard Time',
    preferredLanguage: 'en-GB',
    phonePrefix: '+44 7700900',
    weight: 14,
  },
  {
    city: 'Amsterdam',
    country: 'Netherlands',
    usageLocation: 'NL',
    timeZone: 'W. Europe Standard Time',
    preferredLanguage: 'nl-NL',
    phonePrefix: '+31 6123',
    weight: 8,
  },
  {
    city: 'Paris',
    country: 'France',
    usageLocation: 'FR',
    timeZone: 'Romance Standard Time',
    preferredLanguage: 'fr-FR',
    phonePrefix: '+33 6123',
    weight: 5,
  },
  {
    city: 'Bengaluru',
    country: 'India',
    usageLocation: 'IN',
    timeZone: 'India Standard Time',
    preferredLanguage: 'en-IN',
    phonePrefix: '+91 98765',
    weight: 12,
  },
  {
    city: 'Sydney',
    country: 'Australia',
    usageLocation: 'AU',
    timeZone: 'AUS Eastern Standard Time',
    preferredLanguage: 'en-AU',
    phonePrefix: '+61 491570',
    weight: 6,
  },
  {
    city: 'São Paulo',
    country: 'Brazil',
    usageLocation: 'BR',
    timeZone: 'E. South America Standard Time',
    preferredLanguage: 'pt-BR',
    phonePrefix: '+55 11955',
    weight: 5,
  },
  {
    city: 'Tokyo',
    country: 'Japan',
    usageLocation: 'JP',
    timeZone: 'Tokyo Standard Time',
    preferredLanguage: 'ja-JP',
    phonePrefix: '+81 90123',
    weight: 4,
  },
];
