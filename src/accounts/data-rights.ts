import type { UserDataRepository, UserExport } from '../db/index.js';
import { userError } from '../errors.js';
import type { ObjectStore } from '../storage/index.js';

export interface DataRights {
  /** Every row of the user's, by table (`buddy user export`). */
  exportUser(userId: string): Promise<{ userId: string; exportedAt: string; tables: UserExport }>;
  /**
   * Deletes everything of the user's, audit rows and chart images included (`buddy user delete`).
   * Rows go in one transaction; images after it, and an image that cannot be removed is reported.
   */
  deleteUser(
    userId: string,
  ): Promise<{ counts: Record<string, number>; images: number; imageErrors: string[] }>;
}

export function createDataRights(deps: {
  userData: UserDataRepository;
  charts: Pick<ObjectStore, 'delete'>;
  now?: () => Date;
}): DataRights {
  const now = deps.now ?? (() => new Date());
  const known = async (userId: string) => {
    if (!(await deps.userData.exists(userId))) throw userError('not-found', `No user ${userId}.`);
  };
  return {
    async exportUser(userId) {
      await known(userId);
      return { userId, exportedAt: now().toISOString(), tables: await deps.userData.export(userId) };
    },

    async deleteUser(userId) {
      await known(userId);
      const { counts, chartKeys } = await deps.userData.delete(userId);
      const imageErrors: string[] = [];
      for (const key of chartKeys) {
        try {
          await deps.charts.delete(key);
        } catch (error) {
          imageErrors.push(`${key}: ${error instanceof Error ? error.message : 'could not be deleted'}`);
        }
      }
      return { counts, images: chartKeys.length - imageErrors.length, imageErrors };
    },
  };
}
