'use strict';
// The page's colours, read from chat.css: every nick colour and text colour readable (WCAG AA, contrast 4.5:1) on the
// backgrounds it is shown on, in the light and the dark scheme.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const css = fs.readFileSync(path.join(__dirname, '../../main/webapp/chat.css'), 'utf8');
const dark = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));

function variables(block) {
    const vars = {};
    for (const [, name, value] of block.matchAll(/--([\w-]+):\s*#([0-9a-f]{6}|[0-9a-f]{3})\b/gi)) {
        vars[name] ??= '#' + (value.length === 3 ? [...value].map((c) => c + c).join('') : value);
    }
    return vars;
}

const light = variables(css.slice(0, css.indexOf('@media')));
const schemes = { light, dark: { ...light, ...variables(dark) } };

function luminance(hex) {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
}

for (const [scheme, v] of Object.entries(schemes)) {
    test('nick colours are readable on the page, the panels and a mention, ' + scheme, () => {
        for (let i = 0; i < 12; i++) {
            for (const bg of ['bg', 'surface', 'mention-bg']) {
                const ratio = contrast(v['c' + i], v[bg]);
                assert.ok(ratio >= 4.5, `--c${i} ${v['c' + i]} on --${bg} ${v[bg]}: ${ratio.toFixed(2)}`);
            }
        }
    });

    test('text, links and notes are readable, ' + scheme, () => {
        for (const fg of ['text', 'muted', 'link', 'private', 'notice', 'error', 'accent']) {
            for (const bg of ['bg', 'surface']) {
                const ratio = contrast(v[fg], v[bg]);
                assert.ok(ratio >= 4.5, `--${fg} ${v[fg]} on --${bg} ${v[bg]}: ${ratio.toFixed(2)}`);
            }
        }
    });
}
