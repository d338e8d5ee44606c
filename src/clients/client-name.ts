import type { Client } from './clients.model.js';

/** "Last, First Middle Suffix", or a placeholder when HUD's name quality says none was given. */
export function clientName(client: Pick<Client, 'firstName' | 'middleName' | 'lastName' | 'nameSuffix'>): string {
  const given = [client.firstName, client.middleName].filter(Boolean).join(' ');
  const name = [client.lastName, given].filter(Boolean).join(', ');
  const full = [name, client.nameSuffix].filter(Boolean).join(' ');
  return full || '(no name given)';
}
