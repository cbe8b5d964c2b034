/**
 * One stylesheet for every citizen page, inlined under the CSP nonce so pages need no
 * extra request and work without JavaScript. Calm, high-contrast, large touch targets.
 */
export const STYLES = `
:root{--ink:#1b1f24;--muted:#4a5360;--brand:#00347a;--brand-ink:#fff;--line:#c9d1db;--bg:#f4f6f9;--focus:#ffbf47;--danger:#a3001b}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:100%;line-height:1.5;color:var(--ink);background:var(--bg)}
body{margin:0}
a{color:var(--brand)}
a:focus,button:focus,input:focus{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-9999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:10}
header{background:var(--brand);color:var(--brand-ink);padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem;justify-content:space-between;align-items:center}
header .logo{font-weight:700;font-size:1.25rem;color:var(--brand-ink);text-decoration:none}
header nav ul{list-style:none;margin:0;padding:0;display:flex;gap:.75rem}
header nav a{color:var(--brand-ink)}
header nav a[aria-current]{font-weight:700;text-decoration:none}
main{max-width:40rem;margin:1.5rem auto;padding:0 1rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.service{color:var(--muted)}
.tiles{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.75rem}
.tile{display:block;width:100%;min-height:3.5rem;padding:.75rem 1rem;border:2px solid var(--line);border-radius:.5rem;background:#fff;color:var(--ink);font:inherit;font-weight:600;text-align:left;cursor:pointer}
.tile:hover{border-color:var(--brand)}
.tile small{display:block;font-weight:400;color:var(--muted)}
.button{display:inline-block;min-height:2.75rem;padding:.6rem 1.2rem;border:2px solid var(--brand);border-radius:.4rem;background:var(--brand);color:var(--brand-ink);font:inherit;font-weight:600;cursor:pointer;text-decoration:none}
.button.secondary{background:#fff;color:var(--brand)}
.actions{margin-top:2rem;display:flex;flex-wrap:wrap;gap:.75rem}
.notice{border-left:5px solid var(--danger);background:#fff;padding:.75rem 1rem;margin:1rem 0}
.reference{color:var(--muted);font-size:.9rem}
footer{max-width:40rem;margin:2rem auto;padding:1rem;border-top:1px solid var(--line);font-size:.9rem}
`;
