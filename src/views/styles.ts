/**
 * One stylesheet for every citizen page, inlined under the CSP nonce so pages need no
 * extra request and work without JavaScript. Calm and high-contrast: one brand colour,
 * white tiles and buttons with large touch targets, and a focus ring that shows on light
 * and dark backgrounds alike (a dark ring inside a yellow one, WCAG 1.4.11). Text wraps
 * rather than scroll sideways at 320 px (WCAG 1.4.10), long Finnish compounds included.
 * New pages reuse these classes: `.button` (`.secondary`), `.tiles`/`.tile`, `.notice`,
 * `.actions`, `.field` (with `.hint` and `.error`), `.reference`, `.visually-hidden`,
 * `.summary` (a `<dl>` of name and value pairs) and plain `<table>`s.
 */
export const STYLES = `
:root{--ink:#1b1f24;--muted:#4a5360;--brand:#00347a;--brand-dark:#00285e;--brand-ink:#fff;--tint:#e8eef7;--line:#b9c3cf;--bg:#f4f6f9;--focus:#ffbf47;--danger:#a3001b}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:100%;line-height:1.5;color:var(--ink);background:var(--bg);overflow-wrap:break-word;-webkit-text-size-adjust:100%}
body{margin:0;min-height:100vh;display:flex;flex-direction:column}
a{color:var(--brand);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
a:focus{outline:3px solid transparent;background:var(--focus);color:var(--ink);box-shadow:0 -2px var(--focus),0 3px var(--ink);text-decoration:none}
button:focus,input:focus,select:focus,textarea:focus,summary:focus,a.button:focus{outline:3px solid var(--ink);outline-offset:0;box-shadow:0 0 0 6px var(--focus)}
.frame{max-width:40rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-9999px;top:.5rem;z-index:10;padding:.5rem .75rem}
.skip:focus{left:.5rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
header{background:var(--brand);color:var(--brand-ink);border-bottom:4px solid var(--brand-dark)}
header .frame{display:flex;flex-wrap:wrap;gap:.25rem 1rem;justify-content:space-between;align-items:center;min-height:3.5rem;padding-top:.5rem;padding-bottom:.5rem}
.logo{font-weight:700;font-size:1.35rem;letter-spacing:.02em}
.logo::before{content:"";display:inline-block;width:.8rem;height:1.05rem;margin-right:.45rem;border:3px solid currentColor;border-bottom:0;border-radius:.45rem .45rem 0 0;vertical-align:-.05rem}
.languages ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
.languages a{display:inline-block;padding:.35rem .5rem;color:var(--brand-ink)}
.languages a[aria-current]{font-weight:700;text-decoration:none;border-bottom:3px solid var(--brand-ink)}
.languages a:focus{color:var(--ink)}
main{flex:1 0 auto;width:100%;max-width:40rem;margin:0 auto;padding:1.5rem 1rem 2rem}
h1{font-size:clamp(1.375rem,4.5vw + .5rem,1.75rem);line-height:1.25;margin:0 0 1rem;hyphens:auto}
h2{font-size:1.2rem;line-height:1.3;margin:1.75rem 0 .75rem;hyphens:auto}
p{margin:0 0 1rem}
.service{color:var(--muted)}
.service strong{color:var(--ink)}
.tiles{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,15rem),1fr));gap:.75rem}
.tile{position:relative;display:block;width:100%;min-height:4.5rem;padding:.85rem 2.5rem .85rem 1rem;border:2px solid var(--line);border-radius:.5rem;background:#fff;color:var(--ink);font:inherit;font-size:1.1rem;font-weight:700;line-height:1.3;text-align:left;cursor:pointer}
.tile::after{content:"";position:absolute;right:1.1rem;top:50%;width:.55rem;height:.55rem;border-top:3px solid var(--brand);border-right:3px solid var(--brand);transform:translateY(-50%) rotate(45deg)}
.tile:hover{border-color:var(--brand);background:var(--tint)}
.tile small{display:block;margin-top:.2rem;font-size:.875rem;font-weight:400;color:var(--muted)}
.button{display:inline-block;min-height:2.75rem;padding:.55rem 1.25rem;border:2px solid var(--brand);border-radius:.4rem;background:var(--brand);color:var(--brand-ink);font:inherit;font-weight:700;line-height:1.4;text-align:center;text-decoration:none;cursor:pointer}
.button:hover{background:var(--brand-dark);border-color:var(--brand-dark)}
.button.secondary{background:#fff;color:var(--brand)}
.button.secondary:hover{background:var(--tint)}
a.button:focus{background:var(--brand);color:var(--brand-ink)}
a.button.secondary:focus{background:#fff;color:var(--brand)}
.actions{margin:2rem 0 0;display:flex;flex-wrap:wrap;gap:.75rem}
.notice{border-left:6px solid var(--danger);background:#fff;padding:.75rem 1rem;margin:0 0 1.5rem}
.notice>:last-child{margin-bottom:0}
.notice h2{margin-top:0}
.field{margin:1.5rem 0}
.field label{display:block;font-weight:700}
.field .hint{color:var(--muted);margin:.25rem 0}
.field .error{color:var(--danger);font-weight:700;margin:.25rem 0}
.field input,.field select{font:inherit;min-height:2.75rem;width:100%;max-width:20rem;padding:.4rem .6rem;border:2px solid var(--ink);border-radius:.25rem;background:#fff}
.field [aria-invalid="true"]{border-color:var(--danger);border-width:3px}
.reference{color:var(--muted);font-size:.9rem}
.summary{display:grid;grid-template-columns:auto 1fr;gap:.35rem 1rem;margin:1rem 0;padding:1rem;background:#fff;border:1px solid var(--line);border-radius:.5rem}
.summary dt{font-weight:700}
.summary dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;margin:1rem 0;background:#fff}
caption{text-align:left;font-weight:700;padding:0 0 .35rem}
th,td{padding:.4rem .75rem .4rem 0;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}
th:first-child,td:first-child{padding-left:.5rem}
footer{border-top:1px solid var(--line);background:#fff;font-size:.9rem;color:var(--muted)}
footer .frame{padding-top:1rem;padding-bottom:1rem}
footer p{margin:0 0 .25rem}
`;
