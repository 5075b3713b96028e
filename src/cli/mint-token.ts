import { parseArgs } from 'node:util';
import { DevIssuer } from '../common/auth/dev-issuer';
import { ConfigValidationError, loadConfig } from '../config/app-config';

const USAGE = `Mints a token from the embedded dev issuer (the same key the local server trusts).

  npm run token -- --tenant t1 --sub u1 --groups admin[,ops] [--email a@b.c] [--access] [--ttl 3600]

Prints the token alone on stdout, so: TOKEN=$(npm run -s token -- --tenant demo --sub u1)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      sub: { type: 'string' },
      groups: { type: 'string', default: '' },
      email: { type: 'string' },
      access: { type: 'boolean', default: false },
      ttl: { type: 'string', default: '3600' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.tenant || !values.sub) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const ttl = Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl <= 0) throw new ConfigValidationError('--ttl must be a positive number of seconds');
  const config = loadConfig();
  if (!config.auth.devIssuer) {
    throw new ConfigValidationError('AUTH_ISSUER names another identity provider: tokens come from it, not the dev issuer');
  }
  const issuer = await DevIssuer.open(config.dataDir, config.auth.issuer, config.auth.audience);
  const token = await issuer.mint({
    tenantId: values.tenant,
    sub: values.sub,
    groups: values.groups.split(',').map((g) => g.trim()).filter(Boolean),
    email: values.email,
    tokenUse: values.access ? 'access' : 'id',
    expiresInSeconds: ttl,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigValidationError ? error.message : error);
  process.exit(1);
});
