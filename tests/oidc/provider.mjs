// A real (but tiny) OpenID Connect provider for automated sign-in tests.
// Built on oidc-provider (panva). Configuration comes from environment
// variables; see README.md. Prints exactly one line to stdout once
// listening: "listening http://127.0.0.1:PORT". Everything else goes to stderr.

import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import process from 'node:process';

import Provider from 'oidc-provider';

// oidc-provider prints its NOTICEs with console.info (stdout). Keep stdout
// reserved for the single "listening ..." line the tests parse.
console.log = (...args) => console.error(...args);
console.info = (...args) => console.error(...args);

function fail(message) {
  process.stderr.write(`provider.mjs: ${message}\n`);
  process.exit(2);
}

function requireEnv(name) {
  const value = process.env[name];
  if (value === undefined || value === '') fail(`environment variable ${name} is required`);
  return value;
}

// ---------------------------------------------------------------- config --
const portRaw = process.env.OIDC_PORT ?? '0';
const port = Number(portRaw);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`OIDC_PORT must be 0..65535, got ${portRaw}`);

const clientId = requireEnv('OIDC_CLIENT_ID');
const clientSecret = requireEnv('OIDC_CLIENT_SECRET');
// One URI normally; a comma/whitespace separated list is also accepted.
const redirectUris = requireEnv('OIDC_REDIRECT_URI').split(/[\s,]+/).filter(Boolean);

let accounts;
try {
  accounts = JSON.parse(requireEnv('OIDC_ACCOUNTS'));
} catch (err) {
  fail(`OIDC_ACCOUNTS is not valid JSON: ${err.message}`);
}
if (!Array.isArray(accounts)) fail('OIDC_ACCOUNTS must be a JSON array');
const accountsByLogin = new Map();
const accountsBySub = new Map();
for (const a of accounts) {
  if (!a || typeof a.login !== 'string' || typeof a.sub !== 'string' || !a.login || !a.sub) {
    fail(`every OIDC_ACCOUNTS entry needs non-empty string "login" and "sub": ${JSON.stringify(a)}`);
  }
  accountsByLogin.set(a.login, a);
  accountsBySub.set(a.sub, a);
}

const SCOPES = ['openid', 'email', 'profile'];

// Fresh RS256 signing key for every start-up; published at the JWKS endpoint.
const signingKey = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: randomUUID(),
  alg: 'RS256',
  use: 'sig',
};

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
}[c]));

const configuration = {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    // oidc-provider treats client_secret_basic and client_secret_post as
    // interchangeable at the token endpoint, so both work for this client.
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  }],
  jwks: { keys: [signingKey] },
  enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
  responseTypes: ['code'],
  clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
  scopes: SCOPES,
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // Put scope-granted claims (email, email_verified, name) into the ID token.
  conformIdTokenClaims: false,
  pkce: {
    methods: ['S256'],
    required: () => true,
  },
  features: {
    devInteractions: { enabled: false },
  },
  interactions: {
    url: (ctx, interaction) => `/interaction/${interaction.uid}`,
  },
  cookies: {
    keys: [randomBytes(32).toString('hex')],
    // Default for the session cookie is SameSite=None, which browsers drop
    // without Secure over plain http; Lax works for this top-level flow.
    long: { httpOnly: true, sameSite: 'lax' },
    short: { httpOnly: true, sameSite: 'lax' },
  },
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 300,
    IdToken: 3600,
    Interaction: 900,
    Session: 3600,
    Grant: 3600,
  },
  async findAccount(ctx, sub) {
    const account = accountsBySub.get(sub);
    if (!account) return undefined;
    return {
      accountId: account.sub,
      async claims() {
        const out = { sub: account.sub };
        for (const k of ['email', 'email_verified', 'name']) {
          if (account[k] !== undefined) out[k] = account[k];
        }
        return out;
      },
    };
  },
  async renderError(ctx, out) {
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = Object.entries(out).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n';
  },
};

// ------------------------------------------------------------ interaction --
// Saves a Grant covering what the authorization request asked for (or what
// the consent prompt reports as missing) and returns its id.
async function grantFor(provider, interaction, accountId) {
  const { prompt, params } = interaction;
  let grant;
  if (interaction.grantId) grant = await provider.Grant.find(interaction.grantId);
  if (!grant) grant = new provider.Grant({ accountId, clientId: params.client_id });

  const details = prompt?.details ?? {};
  const requested = String(params.scope ?? '').split(' ').filter((s) => SCOPES.includes(s));
  const scopes = new Set([...requested, ...(details.missingOIDCScope ?? [])]);
  if (scopes.size) grant.addOIDCScope([...scopes].join(' '));
  if (details.missingOIDCClaims?.length) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, s] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, s.join(' '));
  }
  return grant.save();
}

async function readForm(req, limit = 16 * 1024) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function text(ctx, status, message) {
  ctx.status = status;
  ctx.type = 'text/plain; charset=utf-8';
  ctx.body = `${message}\n`;
}

function redirect303(ctx, location) {
  ctx.status = 303;
  ctx.redirect(location);
}

function interactionRoutes(provider) {
  const pageRe = /^\/interaction\/([^/]+)$/;
  const loginRe = /^\/interaction\/([^/]+)\/login$/;

  return async function interactionMiddleware(ctx, next) {
    const page = ctx.method === 'GET' ? pageRe.exec(ctx.path) : null;
    const login = ctx.method === 'POST' ? loginRe.exec(ctx.path) : null;
    if (!page && !login) return next();

    ctx.set('Cache-Control', 'no-store');
    let interaction;
    try {
      interaction = await provider.interactionDetails(ctx.req, ctx.res);
    } catch (err) {
      return text(ctx, 400, `interaction not found: ${err.error_description || err.message}`);
    }
    const uid = (page || login)[1];
    if (interaction.uid !== uid) return text(ctx, 400, 'interaction uid does not match the interaction cookie');

    const { prompt } = interaction;

    if (page) {
      if (prompt.name === 'consent') {
        // Second round: the user is already signed in; grant automatically.
        const grantId = await grantFor(provider, interaction, interaction.session.accountId);
        const returnTo = await provider.interactionResult(ctx.req, ctx.res, { consent: { grantId } });
        return redirect303(ctx, returnTo);
      }
      const hint = interaction.params.login_hint ? ` value="${escapeHtml(interaction.params.login_hint)}"` : '';
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Sign in</title></head>
<body>
<form method="post" action="/interaction/${escapeHtml(uid)}/login"><label for="login">Login</label> <input id="login" name="login"${hint}> <button type="submit">Sign in</button></form>
</body></html>
`;
      return undefined;
    }

    // POST /interaction/:uid/login
    let form;
    try {
      form = await readForm(ctx.req);
    } catch (err) {
      return text(ctx, err.status || 400, err.message);
    }
    const account = accountsByLogin.get(form.get('login') ?? '');
    if (!account) return text(ctx, 400, `unknown login: ${form.get('login') ?? ''}`);

    const accountId = account.sub;
    const grantId = await grantFor(provider, interaction, accountId);
    const result = { login: { accountId }, consent: { grantId } };
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
    return redirect303(ctx, returnTo);
  };
}

// ------------------------------------------------------------------ start --
let handler = (req, res) => { res.statusCode = 503; res.end('starting\n'); };
const server = http.createServer((req, res) => handler(req, res));

server.on('error', (err) => fail(`cannot listen: ${err.message}`));
server.listen(port, '127.0.0.1', () => {
  const { port: actualPort } = server.address();
  const issuer = `http://127.0.0.1:${actualPort}`;
  const provider = new Provider(issuer, configuration);
  provider.use(interactionRoutes(provider));

  const logError = (kind) => (ctx, err) => {
    const detail = [err.error || err.name, err.error_description, err.error_detail, err.cause?.message]
      .filter(Boolean).join(' | ');
    process.stderr.write(`oidc ${kind}: ${detail}\n`);
  };
  provider.on('server_error', logError('server_error'));
  provider.on('grant.error', logError('grant.error'));
  provider.on('authorization.error', logError('authorization.error'));

  handler = provider.callback();
  process.stdout.write(`listening ${issuer}\n`);
});

function shutdown(signal) {
  process.stderr.write(`provider.mjs: ${signal}, shutting down\n`);
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
