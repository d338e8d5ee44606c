/** The config a bench serves Hearth with: one site on 127.0.0.1, warnings only, no login rate limit in the way. */
import { loadConfig, type Config } from '../../src/config.js';
import type { SiteId } from '../../src/site-id.js';

export function benchConfig(site: SiteId, dataDir: string, env: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    HEARTH_SITES: site,
    HEARTH_DATA_DIR: dataDir,
    HEARTH_PUBLIC_URL: 'http://127.0.0.1',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    HEARTH_LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    ...env,
  });
}
