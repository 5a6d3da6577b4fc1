import type { FastifyRequest } from 'fastify';
import { canActAs, canRead } from '../../accounts/index.js';
import { userError } from '../../errors.js';
import type { BotServices } from '../services.js';

/**
 * The account a request acts for: the caller, or — for an admin only — the user the body names.
 * Anyone else naming another user is refused (403), never silently switched to themself.
 */
export function actingUser(request: FastifyRequest, requested: string | undefined, field: string): string {
  const { caller } = request;
  if (requested === undefined || requested === caller.userId) return caller.userId;
  if (!canActAs(caller, requested))
    throw userError(
      'forbidden',
      `${field}: only an admin may act for another user. Leave it out to act as yourself (${caller.userId}).`,
    );
  return requested;
}

/**
 * Throws not-found unless the caller may read records of `ownerUserId`: a record the caller may
 * not see answers exactly as one that does not exist.
 */
export async function assertCanRead(
  services: Pick<BotServices, 'accounts'>,
  request: FastifyRequest,
  ownerUserId: string,
  notFound: string,
): Promise<void> {
  if (request.caller.userId === ownerUserId || request.caller.role === 'admin') return;
  const owner = await services.accounts.owner(ownerUserId);
  if (!owner || !canRead(request.caller, owner)) throw userError('not-found', notFound);
}
