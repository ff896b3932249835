// The privacy policy inside the extension (pages/privacy.html, linked from the options
// and welcome pages) is made from the same files as the repository's policy —
// PRIVACY.md, PRIVACY.hi.md, PRIVACY.mr.md — so the two can never differ.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';

export const POLICIES = [
  { lang: 'en', file: 'PRIVACY.md', label: 'English' },
  { lang: 'hi', file: 'PRIVACY.hi.md', label: 'हिन्दी' },
  { lang: 'mr', file: 'PRIVACY.mr.md', label: 'मराठी' },
];

/** The whole page: the three languages one after another, each with its own lang. */
export function privacyPage(root) {
  const sections = POLICIES.map(({ lang, file }) => {
    const md = readFileSync(join(root, file), 'utf8');
    // Our own text, not a page's: marked's HTML is used as it is.
    return `<section id="${lang}" lang="${lang}">\n${marked.parse(md, { gfm: true })}</section>`;
  });
  const nav = POLICIES.map(({ lang, label }) => `<a href="#${lang}" lang="${lang}">${label}</a>`).join(' · ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Saavdhan — privacy policy / गोपनीयता</title>
<link rel="stylesheet" href="pages.css">
</head>
<body>
<main class="policy">
<nav aria-label="Language">${nav}</nav>
${sections.join('\n<hr>\n')}
</main>
</body>
</html>
`;
}
