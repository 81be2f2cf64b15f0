import type { MiddlewareHandler } from 'hono';

/** `self https://a.gov.cn` → `'self' https://a.gov.cn`: the env file needs no quotes. */
export function frameAncestors(setting: string): string {
  const parts = setting.split(/\s+/).filter(Boolean).map((p) => (/^'?(self|none)'?$/i.test(p) ? `'${p.replace(/'/g, '').toLowerCase()}'` : p));
  return parts.length > 0 ? parts.join(' ') : "'none'";
}

/**
 * A strict Content-Security-Policy: only this origin's scripts, styles, images and connections; no
 * inline script or style, no plugins, no <base>. `frame` says who may embed the page.
 */
export function contentSecurityPolicy(frame: string, extra: string[] = []): string {
  return [
    ...extra,
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frame}`,
  ].join('; ');
}

/** Security headers on every answer; pages that may be framed set their own frame-ancestors. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    if (!h.has('content-security-policy')) h.set('content-security-policy', contentSecurityPolicy("'none'"));
    if (!h.has('x-frame-options') && h.get('content-security-policy')?.includes("frame-ancestors 'none'")) h.set('x-frame-options', 'DENY');
    h.set('x-content-type-options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form posts, and the
    // console's Origin check needs the real one. Other sites still get no referrer.
    h.set('referrer-policy', 'same-origin');
    h.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    h.set('cross-origin-opener-policy', 'same-origin');
    if (!h.has('cross-origin-resource-policy')) h.set('cross-origin-resource-policy', 'same-origin');
    if (!h.has('cache-control')) h.set('cache-control', 'no-store');
  };
}
